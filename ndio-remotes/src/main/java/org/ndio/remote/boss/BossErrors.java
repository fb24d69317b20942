package org.ndio.remote.boss;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ndio.NdioException;
import org.ndio.remote.http.HttpTransport;

/**
 * Reads the service's own words from an error answer. The BOSS answers {@code {"status": 404,
 * "code": 4000, "message": "..."}}; its authentication layer (Django REST Framework) answers
 * {@code {"detail": "Invalid token."}}; an unknown path gets Django's HTML page. The message
 * keeps the BOSS code as {@code [code N]} so callers can tell, say, a missing object id (4004)
 * from a missing channel (4000).
 */
final class BossErrors implements HttpTransport.ErrorReader {

  private static final int MAX_CHARS = 300;
  private static final Pattern CODE = Pattern.compile("\\[code (\\d+)]");

  @Override
  public String message(HttpTransport.Response r) {
    String text = r.text().trim();
    if (text.startsWith("{")) {
      try {
        JsonNode n = BossJson.MAPPER.readTree(text);
        if (n.hasNonNull("message")) {
          String m = n.get("message").asText();
          return oneLine(n.hasNonNull("code") ? m + " [code " + n.get("code").asText() + "]" : m);
        }
        if (n.hasNonNull("detail")) {
          return oneLine(n.get("detail").asText());
        }
      } catch (IOException e) {
        // not JSON after all: quote it as text below
      }
    }
    if (text.isEmpty()) {
      return "(no message)";
    }
    return oneLine(text.replaceAll("<[^>]*>", " "));
  }

  private static String oneLine(String s) {
    String flat = s.replaceAll("\\s+", " ").trim();
    return flat.length() <= MAX_CHARS ? flat : flat.substring(0, MAX_CHARS) + "...";
  }

  /** The BOSS error code quoted in an exception's message, if any. */
  static OptionalInt code(NdioException e) {
    Matcher m = CODE.matcher(e.getMessage() == null ? "" : e.getMessage());
    return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
  }
}
