package org.ndio.serve.neurodata;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.ndio.serve.Reply;

/**
 * The answers ndstore's Django and Django REST framework stack gives: plain responses are
 * {@code text/html; charset=utf-8} whatever they hold; errors of the web services are 404 with
 * the message as the body; the REST framework answers refusals with compact {@code
 * {"detail":...}} JSON.
 */
final class Django {

  static final String HTML = "text/html; charset=utf-8";

  private Django() {}

  static Reply ok(String body) {
    return Reply.of(200, HTML, body.getBytes(StandardCharsets.UTF_8));
  }

  static Reply ok(String contentType, byte[] body, Map<String, String> headers) {
    return new Reply(200, contentType, body, headers);
  }

  /** {@code HttpResponseNotFound(message)}: how every NDWSError reaches the client. */
  static Reply notFound(String message) {
    return Reply.of(404, HTML, message.getBytes(StandardCharsets.UTF_8));
  }

  /** Django's own page for a URL that matches no route. */
  static Reply noRoute(String path) {
    return Reply.of(404, HTML, ("<h1>Not Found</h1><p>The requested URL " + path
        + " was not found on this server.</p>").getBytes(StandardCharsets.UTF_8));
  }

  /** The REST framework's refusal: 401 (with a challenge) or 403. */
  static Reply refused(int status, String detail) {
    Map<String, String> h = status == 401 ? Map.of("WWW-Authenticate", "Token") : Map.of();
    return new Reply(status, "application/json", detail(detail), h);
  }

  static Reply methodNotAllowed(String method, String allow) {
    return new Reply(405, "application/json", detail("Method \"" + method + "\" not allowed."),
        Map.of("Allow", allow + ", OPTIONS"));
  }

  private static byte[] detail(String text) {
    return ("{\"detail\":\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Python's {@code repr} of a string, which ndstore's errors often arrive wrapped in. */
  static String repr(String s) {
    char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder b = new StringBuilder().append(q);
    for (char c : s.toCharArray()) {
      if (c == '\\' || c == q) {
        b.append('\\');
      }
      b.append(c == '\n' ? "\\n" : String.valueOf(c));
    }
    return b.append(q).toString();
  }
}
