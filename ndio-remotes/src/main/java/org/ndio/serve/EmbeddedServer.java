package org.ndio.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;

/**
 * An HTTP/1.1 server on 127.0.0.1 (the JDK's own, no dependency) speaking one datastore
 * protocol through a {@link ProtocolHandler}, with {@link FaultInjection} for reliability
 * tests. Port 0 picks a free port. Besides the protocol, {@code GET /ndio-test/bytes/N}
 * answers N bytes of octet-stream: the plain transfer that remote throughput is measured
 * against, from the same server.
 */
public final class EmbeddedServer implements AutoCloseable {

  /** What the server saw and did since it started. */
  public record Stats(long requests, long errors, long drops, long truncations,
      long corruptions) {}

  private final HttpServer server;
  private final ExecutorService threads;
  private final LongAdder requests = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder drops = new LongAdder();
  private final LongAdder truncations = new LongAdder();
  private final LongAdder corruptions = new LongAdder();

  private EmbeddedServer(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  public static EmbeddedServer start(ProtocolHandler handler, int port, FaultInjection faults)
      throws IOException {
    return start(handler, HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64), faults);
  }

  /**
   * The same over https, with the certificate and key of {@code tls} (for tests of certificate
   * checks: a self-signed certificate for 127.0.0.1).
   */
  public static EmbeddedServer startHttps(ProtocolHandler handler, int port,
      FaultInjection faults, SSLContext tls) throws IOException {
    HttpsServer server = HttpsServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    return start(handler, server, faults);
  }

  private static EmbeddedServer start(ProtocolHandler handler, HttpServer server,
      FaultInjection faults) {
    ExecutorService threads = Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "ndio-serve");
      t.setDaemon(true);
      return t;
    });
    EmbeddedServer s = new EmbeddedServer(server, threads);
    SplittableRandom random = new SplittableRandom(faults.seed());
    server.createContext("/", exchange -> s.serve(exchange, handler, faults, random));
    server.setExecutor(threads);
    server.start();
    return s;
  }

  private void serve(HttpExchange exchange, ProtocolHandler handler, FaultInjection faults,
      SplittableRandom shared) throws IOException {
    requests.increment();
    try (exchange) {
      double draw;
      synchronized (shared) {
        draw = shared.nextDouble();
      }
      if (!faults.delay().isZero()) {
        Thread.sleep(faults.delay().toMillis());
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      if (draw < faults.dropRate()) {
        drops.increment();
        return; // closing the exchange without an answer drops the connection
      }
      if (draw < faults.dropRate() + faults.errorRate()) {
        errors.increment();
        send(exchange, Reply.text(503, "injected fault: service unavailable"), false);
        return;
      }
      double truncateBelow = faults.dropRate() + faults.errorRate() + faults.truncateRate();
      boolean truncate = draw < truncateBelow;
      boolean corrupt = !truncate && draw < truncateBelow + faults.corruptRate();
      Reply reply;
      try {
        Call call = call(exchange, body);
        reply = call.path().startsWith(BYTES) ? bytes(call) : handler.handle(call);
      } catch (Exception e) {
        reply = Reply.text(500, "internal error: " + e);
      }
      if (truncate && reply.body().length > 1) {
        truncations.increment();
      }
      if (corrupt && corruptible(reply, faults.corruptFrom())) {
        reply = corrupted(reply, faults.corruptFrom(), faults.corruptTo(), shared);
        corruptions.increment();
      }
      send(exchange, reply, truncate && reply.body().length > 1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final String BYTES = "/ndio-test/bytes/";

  /** A successful answer whose body is voxels, not JSON or text. */
  private static boolean corruptible(Reply r, int from) {
    String type = r.contentType() == null ? "" : r.contentType().toLowerCase(Locale.ROOT);
    return r.status() / 100 == 2 && r.body().length > from && !type.contains("json")
        && !type.startsWith("text/");
  }

  /** The reply with one byte of its body changed, at an offset in {@code [from, to)}. */
  private static Reply corrupted(Reply r, int from, int to, SplittableRandom shared) {
    byte[] body = r.body().clone();
    int end = to == 0 ? body.length : Math.min(to, body.length);
    int at;
    int flip;
    synchronized (shared) {
      at = from + shared.nextInt(end - from);
      flip = 1 + shared.nextInt(255);
    }
    body[at] ^= (byte) flip;
    return new Reply(r.status(), r.contentType(), body, r.headers());
  }

  private static Reply bytes(Call call) {
    int n = Integer.parseInt(call.path().substring(BYTES.length()));
    return Reply.of(200, "application/octet-stream", new byte[n]);
  }

  private static Call call(HttpExchange e, byte[] body) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    e.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
    URI uri = e.getRequestURI();
    return new Call(e.getRequestMethod(), uri.getRawPath(), Call.parseQuery(uri.getRawQuery()),
        headers, body);
  }

  private static void send(HttpExchange exchange, Reply reply, boolean truncate)
      throws IOException {
    if (reply.contentType() != null) {
      exchange.getResponseHeaders().set("Content-Type", reply.contentType());
    }
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    byte[] body = reply.body();
    // Length -1 is "no body" in this API; 0 would mean chunked.
    exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      OutputStream out = exchange.getResponseBody();
      out.write(body, 0, truncate ? body.length / 2 : body.length);
      out.flush();
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:PORT} ({@code https://} for an https server). */
  public String address() {
    return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + port();
  }

  public Stats stats() {
    return new Stats(requests.sum(), errors.sum(), drops.sum(), truncations.sum(),
        corruptions.sum());
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
