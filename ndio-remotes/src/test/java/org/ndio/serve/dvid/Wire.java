package org.ndio.serve.dvid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Plain HTTP to a test server, independent of ndio's client, for wire-level checks. */
final class Wire {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String base;

  Wire(String base) {
    this.base = base;
  }

  HttpResponse<byte[]> send(String method, String path, byte[] body, Map<String, String> h)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    h.forEach(b::header);
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(body));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
    return send("GET", path, null, Map.of());
  }

  HttpResponse<byte[]> post(String path, byte[] body) throws IOException, InterruptedException {
    return send("POST", path, body, Map.of());
  }

  HttpResponse<byte[]> post(String path, String json) throws IOException, InterruptedException {
    return post(path, json.getBytes(StandardCharsets.UTF_8));
  }

  static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  static JsonNode json(HttpResponse<byte[]> r) throws IOException {
    return JSON.readTree(r.body());
  }

  static String contentType(HttpResponse<byte[]> r) {
    return r.headers().firstValue("Content-Type").orElse("");
  }
}
