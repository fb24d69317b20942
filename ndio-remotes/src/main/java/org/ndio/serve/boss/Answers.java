package org.ndio.serve.boss;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.ndio.serve.Reply;

/**
 * The service's answers, byte for byte where it matters: Django REST Framework renders JSON
 * compactly ({@code {"a":1}}), the BOSS error bodies go through Django's {@code JsonResponse}
 * (Python's default separators, {@code {"status": 404, "code": 4000, "message": "..."}}), and
 * an unknown path gets Django's plain HTML "Not Found" page.
 */
final class Answers {

  static final ObjectMapper JSON = new ObjectMapper();

  // DRF answers 401 with the first authentication class's challenge (OIDC's bearer realm).
  private static final Map<String, String> CHALLENGE =
      Map.of("WWW-Authenticate", "Bearer realm=\"api\"");

  private static final String NOT_FOUND_PAGE = "\n<!doctype html>\n<html lang=\"en\">\n<head>\n"
      + "  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested"
      + " resource was not found on this server.</p>\n</body>\n</html>\n";

  private Answers() {}

  /** A DRF answer: compact JSON. */
  static Reply json(int status, JsonNode body) {
    try {
      return Reply.json(status, JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The BOSS error body. */
  static Reply error(ErrorCode code, String message) {
    String body = "{\"status\": " + code.status + ", \"code\": " + code.code + ", \"message\": "
        + quote(message) + "}";
    return Reply.json(code.status, body);
  }

  static Reply error(BossError e) {
    return error(e.code, e.getMessage());
  }

  /** A DRF {@code {"detail": ...}} answer (authentication, negotiation, method). */
  static Reply detail(int status, String detail) {
    Reply r = Reply.json(status, "{\"detail\":" + quote(detail) + "}");
    return status == 401 ? new Reply(r.status(), r.contentType(), r.body(), CHALLENGE) : r;
  }

  static Reply notFoundPage() {
    return Reply.of(404, "text/html", NOT_FOUND_PAGE.getBytes(StandardCharsets.UTF_8));
  }

  private static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
