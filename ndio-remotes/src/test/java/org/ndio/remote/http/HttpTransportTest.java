package org.ndio.remote.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.ndio.AccessDeniedException;
import org.ndio.CorruptDataException;
import org.ndio.RemoteException;
import org.ndio.VolumeNotFoundException;
import org.ndio.serve.EmbeddedServer;
import org.ndio.serve.FaultInjection;
import org.ndio.serve.Reply;

class HttpTransportTest {

  static final Secret TOKEN = Secret.of("s3cr3t-token-value");

  /** Echoes /echo/N as N bytes of a known pattern; knows the token; 404 elsewhere. */
  static Reply answer(org.ndio.serve.Call c) {
    if (!c.header("Authorization").orElse("").equals("Token " + TOKEN.reveal())) {
      return Reply.json(401, "{\"detail\": \"Invalid token.\"}");
    }
    if (c.path().startsWith("/echo/")) {
      int n = Integer.parseInt(c.path().substring(6));
      return Reply.of(200, "application/octet-stream", pattern(n));
    }
    return Reply.text(404, "no such thing: " + c.path());
  }

  static byte[] pattern(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31 + 7);
    }
    return b;
  }

  static HttpTransport transport(Optional<Secret> token, RetryPolicy retry) {
    return new HttpTransport("test", token, "Token", retry, 4, Duration.ofSeconds(20),
        HttpTransport.Response::text);
  }

  @Test
  void retriesThroughInjectedFaultsAndCountsThem() throws Exception {
    try (EmbeddedServer s = EmbeddedServer.start(HttpTransportTest::answer, 0,
            FaultInjection.evenly(0.3, 42));
        HttpTransport t = transport(Optional.of(TOKEN),
            new RetryPolicy(12, Duration.ofMillis(1), Duration.ofMillis(20)))) {
      List<Callable<Integer>> calls = new ArrayList<>();
      for (int i = 1; i <= 60; i++) {
        int n = 1000 * i;
        calls.add(() -> {
          // A body cut short is caught by the length check, as a codec's size check would.
          byte[] body = t.send(HttpTransport.Request.get(URI.create(s.address() + "/echo/" + n),
              Map.of()), r -> {
                if (r.body().length != n) {
                  throw new CorruptDataException("short body");
                }
                return r.body();
              });
          assertArrayEquals(pattern(n), body);
          return n;
        });
      }
      assertEquals(60, t.parallel(calls).size());
      EmbeddedServer.Stats faults = s.stats();
      assertTrue(faults.errors() + faults.drops() + faults.truncations() > 5, faults.toString());
      // Every failure we saw was retried once; the JDK client may also resend a GET on a dropped
      // connection by itself, which the server counts but we do not.
      HttpTransport.Stats stats = t.stats();
      assertEquals(stats.failures(), stats.retries());
      assertTrue(stats.retries() > 5 && stats.retries() <= faults.requests() - 60,
          stats + " " + faults);
    }
  }

  @Test
  void streamedBodiesAreRetriedThroughFaultsAndEndUpWhole() throws Exception {
    try (EmbeddedServer s = EmbeddedServer.start(HttpTransportTest::answer, 0,
            FaultInjection.evenly(0.3, 43));
        HttpTransport t = transport(Optional.of(TOKEN),
            new RetryPolicy(12, Duration.ofMillis(1), Duration.ofMillis(20)))) {
      List<Callable<Integer>> calls = new ArrayList<>();
      for (int i = 1; i <= 60; i++) {
        int n = 7000 * i;
        calls.add(() -> {
          byte[] body = t.receive(HttpTransport.Request.get(
              URI.create(s.address() + "/echo/" + n), Map.of()), (head, in) -> {
                byte[] b = in.readAllBytes(); // a cut body ends early or fails to read
                if (b.length != n) {
                  throw new CorruptDataException("short body");
                }
                return b;
              });
          assertArrayEquals(pattern(n), body);
          return n;
        });
      }
      assertEquals(60, t.parallel(calls).size());
      EmbeddedServer.Stats faults = s.stats();
      assertTrue(faults.errors() + faults.drops() + faults.truncations() > 5, faults.toString());
      HttpTransport.Stats stats = t.stats();
      assertEquals(stats.failures(), stats.retries());
      assertTrue(stats.retries() > 5, stats + " " + faults);
      long whole = 0;
      for (int i = 1; i <= 60; i++) {
        whole += 7000L * i;
      }
      assertTrue(stats.bytesIn() >= whole, stats.toString());
    }
  }

  @Test
  void streamedRequestsGiveTheSameTypedErrors() throws Exception {
    try (EmbeddedServer s = EmbeddedServer.start(HttpTransportTest::answer, 0,
        FaultInjection.NONE)) {
      URI missing = URI.create(s.address() + "/" + TOKEN.reveal() + "/missing");
      try (HttpTransport t = transport(Optional.of(TOKEN), RetryPolicy.DEFAULT)) {
        VolumeNotFoundException e = assertThrows(VolumeNotFoundException.class,
            () -> t.receive(HttpTransport.Request.get(missing, Map.of()),
                (head, in) -> in.readAllBytes()));
        assertTrue(e.getMessage().contains("404 no such thing"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN.reveal()), e.getMessage());
        assertEquals(1, t.stats().requests(), "a 404 is not retried");
      }
      try (HttpTransport t = transport(Optional.of(Secret.of("wrong")), RetryPolicy.DEFAULT)) {
        AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> t.receive(
            HttpTransport.Request.get(URI.create(s.address() + "/echo/3"), Map.of()),
            (head, in) -> in.readAllBytes()));
        assertEquals(401, e.status());
      }
      try (HttpTransport t = transport(Optional.of(TOKEN),
          new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2)))) {
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> t.receive(
            HttpTransport.Request.get(URI.create(s.address() + "/echo/3"), Map.of()),
            (head, in) -> {
              throw new CorruptDataException("never right");
            }));
        assertTrue(e.getMessage().contains("never right (after 3 tries)"), e.getMessage());
        assertEquals(3, t.stats().requests());
      }
    }
  }

  @Test
  void errorsAreTypedCarryTheServersWordsAndNeverTheToken() throws Exception {
    try (EmbeddedServer s = EmbeddedServer.start(HttpTransportTest::answer, 0,
        FaultInjection.NONE)) {
      URI missing = URI.create(s.address() + "/" + TOKEN.reveal() + "/missing");
      try (HttpTransport t = transport(Optional.of(TOKEN), RetryPolicy.DEFAULT)) {
        VolumeNotFoundException e = assertThrows(VolumeNotFoundException.class,
            () -> t.send(HttpTransport.Request.get(missing, Map.of())));
        assertTrue(e.getMessage().contains("404 no such thing"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN.reveal()), e.getMessage());
        assertFalse(t.toString().contains(TOKEN.reveal()));
        assertEquals(1, t.stats().requests(), "a 404 is not retried");
      }
      try (HttpTransport t = transport(Optional.of(Secret.of("wrong")), RetryPolicy.DEFAULT)) {
        AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> t.send(
            HttpTransport.Request.get(URI.create(s.address() + "/echo/3"), Map.of())));
        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("Invalid token."), e.getMessage());
      }
    }
  }

  @Test
  void giveUpAfterTheLastTryWithATypedError() throws Exception {
    AtomicInteger seen = new AtomicInteger();
    try (EmbeddedServer s = EmbeddedServer.start(c -> {
          seen.incrementAndGet();
          return Reply.text(503, "busy");
        }, 0, FaultInjection.NONE);
        HttpTransport t = transport(Optional.empty(),
            new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5)))) {
      RemoteException e = assertThrows(RemoteException.class, () -> t.send(
          HttpTransport.Request.get(URI.create(s.address() + "/x"), Map.of())));
      assertEquals(503, e.status());
      assertEquals(3, seen.get());
      assertTrue(e.getMessage().contains("after 3 tries"), e.getMessage());
      // A POST that is not idempotent is sent once.
      AtomicLong before = new AtomicLong(seen.get());
      assertThrows(RemoteException.class, () -> t.send(HttpTransport.Request.post(
          URI.create(s.address() + "/x"), Map.of(), "x".getBytes(StandardCharsets.UTF_8),
          false)));
      assertEquals(before.get() + 1, seen.get());
    }
  }

  /**
   * A server that sends the head and part of the body, then stalls: both ways of reading an
   * answer give up after the timeout on each try with a typed error instead of waiting for
   * ever, and a slow reader of a body that keeps coming is not mistaken for a stall.
   */
  @Test
  void aBodyThatStallsMidwayFailsInsteadOfHanging() throws Exception {
    CountDownLatch end = new CountDownLatch(1);
    AtomicInteger tries = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", x -> {
      tries.incrementAndGet();
      x.sendResponseHeaders(200, 1000);
      OutputStream out = x.getResponseBody();
      out.write(new byte[100]);
      out.flush();
      try {
        end.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      x.close();
    });
    server.start();
    URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/stall");
    try (HttpTransport t = new HttpTransport("test", Optional.empty(), "Token",
        new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5)), 2,
        Duration.ofMillis(400), HttpTransport.Response::text)) {
      RemoteException sent = assertTimeoutPreemptively(Duration.ofSeconds(10),
          () -> assertThrows(RemoteException.class,
              () -> t.send(HttpTransport.Request.get(uri, Map.of()))));
      assertTrue(sent.getMessage().contains("stalled"), sent.getMessage());
      assertTrue(sent.getMessage().contains("after 2 tries"), sent.getMessage());
      RemoteException received = assertTimeoutPreemptively(Duration.ofSeconds(10),
          () -> assertThrows(RemoteException.class, () -> t.receive(
              HttpTransport.Request.get(uri, Map.of()), (head, in) -> in.readAllBytes())));
      assertTrue(received.getMessage().contains("stalled"), received.getMessage());
      assertEquals(4, tries.get());
    } finally {
      end.countDown();
      server.stop(0);
    }
    // a reader slower than the limit between reads, on a body that arrives at once, is fine
    try (EmbeddedServer s = EmbeddedServer.start(HttpTransportTest::answer, 0,
            FaultInjection.NONE);
        HttpTransport t = new HttpTransport("test", Optional.of(TOKEN), "Token",
            new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(5)), 2,
            Duration.ofMillis(200), HttpTransport.Response::text)) {
      byte[] got = t.receive(HttpTransport.Request.get(URI.create(s.address() + "/echo/300"),
          Map.of()), (head, in) -> {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] b = new byte[100];
            for (int n; (n = in.read(b)) > 0; ) {
              all.write(b, 0, n);
              LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
            }
            return all.toByteArray();
          });
      assertArrayEquals(pattern(300), got);
    }
  }
}
