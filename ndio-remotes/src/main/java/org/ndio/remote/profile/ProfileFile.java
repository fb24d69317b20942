package org.ndio.remote.profile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ndio.ProfileException;
import org.ndio.remote.http.RetryPolicy;
import org.ndio.remote.http.Secret;

/**
 * A remote profile file, {@code conf/ndio.yaml}: a {@code profiles} map from names to profiles,
 * in the order the file lists them (see the commented example in {@code conf/ndio.yaml}).
 * Unknown fields are errors, so a misspelt {@code tls_verify} never silently keeps the default.
 * Messages name the file, the profile and the field; a value is never quoted from a token field,
 * and YAML syntax errors give only their line and column (the parser's own text quotes the
 * line, which may hold a token).
 */
public record ProfileFile(Path path, List<RemoteProfile> profiles) {

  private static final Set<String> FIELDS = Set.of("remote", "host", "port", "scheme",
      "token_env", "token_file", "token", "max_request_bytes", "concurrency", "retry",
      "timeout", "tls_verify");
  private static final Set<String> RETRY_FIELDS = Set.of("max_tries", "backoff_base",
      "backoff_cap");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|B|KiB|MiB|GiB)");
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|min)?");

  /** Reads and checks a profile file. */
  public static ProfileFile read(Path path) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ProfileException(path + ": cannot read the profile file ("
          + e.getClass().getSimpleName() + ")");
    }
    return parse(path, text);
  }

  /** Parses {@code text} as the profile file {@code path} (which relative token files use). */
  public static ProfileFile parse(Path path, String text) {
    YAMLMapper yaml = new YAMLMapper(YAMLFactory.builder()
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build());
    JsonNode root;
    try {
      root = yaml.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new ProfileException(path + ": not valid YAML" + (at == null ? ""
          : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return new ProfileFile(path, List.of());
    }
    if (!root.isObject()) {
      throw new ProfileException(path + ": expected a 'profiles:' map at the top");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!f.equals("profiles")) {
        throw new ProfileException(path + ": unknown top-level field '" + f
            + "' (expected 'profiles')");
      }
    }
    JsonNode all = root.path("profiles");
    if (all.isMissingNode() || all.isNull()) {
      return new ProfileFile(path, List.of());
    }
    if (!all.isObject()) {
      throw new ProfileException(path + ": 'profiles' must map names to profiles");
    }
    List<RemoteProfile> out = new ArrayList<>();
    boolean inlineTokens = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      RemoteProfile p = profile(path, e.getKey(), e.getValue());
      inlineTokens |= p.token().inline().isPresent();
      out.add(p);
    }
    if (inlineTokens && FilePermissions.shared(path)) {
      OnceLog.warn("profile file " + path + " holds a token and is readable by group or"
          + " others; chmod 600 it (or use token_env / token_file)");
    }
    return new ProfileFile(path, List.copyOf(out));
  }

  /** The profile called {@code name}. */
  public Optional<RemoteProfile> named(String name) {
    return profiles.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  private static RemoteProfile profile(Path path, String name, JsonNode n) {
    String where = path + ": profile '" + name + "'";
    if (!n.isObject()) {
      throw new ProfileException(where + " must be a map of fields");
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        throw new ProfileException(where + ": unknown field '" + f + "' (known: "
            + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
      }
    }
    String word = text(n, "remote", where).orElseThrow(() -> new ProfileException(where
        + " needs 'remote: boss', 'dvid' or 'neurodata'"));
    RemoteKind kind = RemoteKind.ofWord(word).orElseThrow(() -> new ProfileException(where
        + ": remote '" + word + "' is not boss, dvid or neurodata"));
    String host = text(n, "host", where).orElseThrow(() -> new ProfileException(where
        + " needs a 'host'"));
    OptionalInt port = integer(n, "port", where, 1, 65535);
    Optional<Boolean> https = text(n, "scheme", where).map(s -> switch (s.toLowerCase(
        Locale.ROOT)) {
      case "https" -> true;
      case "http" -> false;
      default -> throw new ProfileException(where + ": scheme must be https or http, got '"
          + s + "'");
    });
    TokenSource token = token(path, n, where, name);
    OptionalLong bytes = n.has("max_request_bytes")
        ? OptionalLong.of(size(n.get("max_request_bytes"), where + ": max_request_bytes"))
        : OptionalLong.empty();
    OptionalInt concurrency = integer(n, "concurrency", where, 1, 1024);
    Optional<RetryPolicy> retry = n.has("retry") ? Optional.of(retry(n.get("retry"), where))
        : Optional.empty();
    Optional<Duration> timeout = n.has("timeout")
        ? Optional.of(duration(n.get("timeout"), where + ": timeout"))
        : Optional.empty();
    boolean verify = true;
    if (n.has("tls_verify")) {
      if (!n.get("tls_verify").isBoolean()) {
        throw new ProfileException(where + ": tls_verify must be true or false");
      }
      verify = n.get("tls_verify").booleanValue();
    }
    return new RemoteProfile(name, kind, host, port, https, token, bytes, concurrency, retry,
        timeout, verify);
  }

  private static TokenSource token(Path path, JsonNode n, String where, String name) {
    int given = (n.has("token_env") ? 1 : 0) + (n.has("token_file") ? 1 : 0)
        + (n.has("token") ? 1 : 0);
    if (given > 1) {
      throw new ProfileException(where + ": give one of token_env, token_file and token");
    }
    Optional<String> variable = text(n, "token_env", where);
    Optional<Path> file = text(n, "token_file", where).map(f -> resolve(path, f));
    Optional<Secret> inline = Optional.empty();
    if (n.has("token")) {
      JsonNode t = n.get("token");
      if (!t.isTextual() || t.textValue().isBlank()) {
        throw new ProfileException(where + ": token must be a non-empty string");
      }
      inline = Optional.of(Secret.of(t.textValue().strip()));
      OnceLog.warn(where + " holds its token inline; prefer token_env or token_file");
    }
    return new TokenSource(variable, file, inline);
  }

  private static Path resolve(Path profileFile, String file) {
    if (file.startsWith("~/")) {
      return Path.of(System.getProperty("user.home"), file.substring(2));
    }
    Path p = Path.of(file);
    Path dir = profileFile.toAbsolutePath().getParent();
    return p.isAbsolute() || dir == null ? p : dir.resolve(p);
  }

  private static RetryPolicy retry(JsonNode n, String where) {
    String w = where + ": retry";
    if (!n.isObject()) {
      throw new ProfileException(w + " must be a map (max_tries, backoff_base, backoff_cap)");
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!RETRY_FIELDS.contains(f)) {
        throw new ProfileException(w + ": unknown field '" + f
            + "' (known: max_tries, backoff_base, backoff_cap)");
      }
    }
    RetryPolicy d = RetryPolicy.DEFAULT;
    int tries = integer(n, "max_tries", w, 1, 100).orElse(d.attempts());
    Duration base = n.has("backoff_base") ? duration(n.get("backoff_base"), w + ".backoff_base")
        : d.base();
    Duration cap = n.has("backoff_cap") ? duration(n.get("backoff_cap"), w + ".backoff_cap")
        : d.cap();
    return new RetryPolicy(tries, base, cap);
  }

  private static Optional<String> text(JsonNode n, String field, String where) {
    if (!n.has(field) || n.get(field).isNull()) {
      return Optional.empty();
    }
    JsonNode v = n.get(field);
    if (!v.isTextual() && !v.isNumber()) {
      throw new ProfileException(where + ": " + field + " must be a string");
    }
    String s = v.asText().strip();
    if (s.isEmpty()) {
      throw new ProfileException(where + ": " + field + " is empty");
    }
    return Optional.of(s);
  }

  private static OptionalInt integer(JsonNode n, String field, String where, int min,
      int max) {
    if (!n.has(field)) {
      return OptionalInt.empty();
    }
    JsonNode v = n.get(field);
    if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < min
        || v.intValue() > max) {
      throw new ProfileException(where + ": " + field + " must be a whole number from " + min
          + " to " + max + ", got '" + v.asText() + "'");
    }
    return OptionalInt.of(v.intValue());
  }

  private static long size(JsonNode v, String where) {
    Matcher m = SIZE.matcher(v.asText().strip());
    if ((v.isIntegralNumber() || v.isTextual()) && m.matches()) {
      long n = Long.parseLong(m.group(1));
      int shift = switch (m.group(2)) {
        case "KiB" -> 10;
        case "MiB" -> 20;
        case "GiB" -> 30;
        default -> 0;
      };
      if (n > 0 && n < (1L << 40) >> shift) {
        return n << shift;
      }
    }
    throw new ProfileException(where + " must be a positive size such as 33554432 or 32MiB,"
        + " got '" + v.asText() + "'");
  }

  private static Duration duration(JsonNode v, String where) {
    Matcher m = DURATION.matcher(v.asText().strip());
    if ((v.isIntegralNumber() || v.isTextual()) && m.matches()) {
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "ms" : m.group(2);
      return switch (unit) {
        case "s" -> Duration.ofSeconds(n);
        case "m", "min" -> Duration.ofMinutes(n);
        default -> Duration.ofMillis(n);
      };
    }
    throw new ProfileException(where + " must be a duration such as 250ms, 10s or 5m, got '"
        + v.asText() + "'");
  }
}
