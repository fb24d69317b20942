package org.ndio.fuzz;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.ndio.serve.Call;
import org.ndio.serve.ProtocolHandler;
import org.ndio.serve.Reply;

/**
 * Passes requests on to a real test server and damages the JSON answers on the way back, so a
 * client is fuzzed through the code it runs when opening a volume (resource info, extents,
 * levels, metadata), not only through its parsing helpers. Which answers are damaged, and how,
 * follows the seed set for each case.
 */
final class JsonMutatingProxy implements ProtocolHandler {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Set<String> PASSED = Set.of("authorization", "content-type", "accept");

  private final String upstream;
  private JsonMutator mutator;
  private int damaged;

  JsonMutatingProxy(String upstream) {
    this.upstream = upstream;
  }

  /** Damages the JSON answers from now on with this seed (null: none). */
  synchronized void damageWith(Long seed) {
    mutator = seed == null ? null : new JsonMutator(seed);
  }

  synchronized int damaged() {
    return damaged;
  }

  @Override
  public Reply handle(Call call) throws Exception {
    String query = call.query().isEmpty() ? "" : "?" + call.query().entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(upstream + call.path() + query));
    for (Map.Entry<String, java.util.List<String>> h : call.headers().entrySet()) {
      if (PASSED.contains(h.getKey())) {
        h.getValue().forEach(v -> b.header(h.getKey(), v));
      }
    }
    b.method(call.method(), call.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(call.body()));
    HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    String type = r.headers().firstValue("content-type").orElse(null);
    byte[] body = r.body();
    if (type != null && type.contains("json") && r.statusCode() / 100 == 2 && body.length > 0) {
      body = damage(body);
    }
    return Reply.of(r.statusCode(), type, body);
  }

  private synchronized byte[] damage(byte[] body) {
    if (mutator == null) {
      return body;
    }
    try {
      byte[] out = mutator.next(body).bytes();
      damaged++;
      return out;
    } catch (RuntimeException notJson) {
      return body;
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
