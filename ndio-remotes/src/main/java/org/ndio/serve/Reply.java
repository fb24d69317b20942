package org.ndio.serve;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A protocol handler's answer: status, content type, body and any further headers. */
public record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {

  public Reply {
    headers = Map.copyOf(headers);
  }

  public static Reply of(int status, String contentType, byte[] body) {
    return new Reply(status, contentType, body, Map.of());
  }

  public static Reply json(int status, String json) {
    return of(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  public static Reply text(int status, String text) {
    return of(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }

  public static Reply empty(int status) {
    return of(status, null, new byte[0]);
  }
}
