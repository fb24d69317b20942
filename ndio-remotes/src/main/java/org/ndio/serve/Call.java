package org.ndio.serve;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request as a protocol handler sees it: method, path (still URL-encoded, as servers route
 * on it), decoded query parameters, headers (names lower case) and the whole body.
 */
public record Call(String method, String path, Map<String, String> query,
    Map<String, List<String>> headers, byte[] body) {

  /** The first value of a header, by case-insensitive name. */
  public Optional<String> header(String name) {
    List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  public Optional<String> param(String name) {
    return Optional.ofNullable(query.get(name));
  }

  /** Parses a raw query string {@code a=1&b=x%20y}; a key without {@code =} maps to "". */
  public static Map<String, String> parseQuery(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String part : raw.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String k = eq < 0 ? part : part.substring(0, eq);
      String v = eq < 0 ? "" : part.substring(eq + 1);
      out.put(URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }
}
