package org.ndio.remote.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.ndio.AccessDeniedException;
import org.ndio.CorruptDataException;
import org.ndio.NdioException;
import org.ndio.RemoteException;
import org.ndio.TlsException;
import org.ndio.VolumeNotFoundException;

/**
 * HTTP for the remotes: one client with pooled connections, retries of idempotent requests on
 * connection failures, server faults (5xx) and throttling (429) with capped exponential backoff
 * and jitter, errors as typed exceptions carrying the server's message, a bounded pool for
 * concurrent requests, and counters. The token goes into the authorization header only; every
 * message this class builds has it redacted, even where a protocol puts it in the path.
 */
public final class HttpTransport implements AutoCloseable {

  /**
   * One request. {@code idempotent} requests (reads, and writes of whole boxes, which rewrite
   * the same voxels) may be sent again after a failure.
   */
  public record Request(String method, URI uri, Map<String, String> headers, byte[] body,
      boolean idempotent) {

    public static Request get(URI uri, Map<String, String> headers) {
      return new Request("GET", uri, headers, null, true);
    }

    public static Request post(URI uri, Map<String, String> headers, byte[] body,
        boolean idempotent) {
      return new Request("POST", uri, headers, body, idempotent);
    }
  }

  /** A response with its whole body. */
  public record Response(int status, Map<String, List<String>> headers, byte[] body) {

    public Optional<String> header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
          return Optional.of(e.getValue().get(0));
        }
      }
      return Optional.empty();
    }

    public String text() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** Reads the server's own words from an error response (each protocol words them its way). */
  public interface ErrorReader {
    String message(Response r);
  }

  /**
   * Reads a successful answer's body as it arrives (see {@link #receive}). A {@link
   * CorruptDataException} or an {@link IOException} from it fails the try.
   */
  public interface BodyReader<T> {
    /**
     * @param head status and headers (its body is empty)
     * @param body the body, to be read to its end
     */
    T read(Response head, InputStream body) throws IOException;
  }

  /** Counts since the transport was opened. */
  public record Stats(long requests, long retries, long failures, long bytesIn, long bytesOut) {}

  private final String service;
  private final Optional<Secret> token;
  private final String authScheme;
  private final RetryPolicy retry;
  private final ErrorReader errors;
  private final Duration timeout;
  private final HttpClient client;
  private final ExecutorService pool;
  private final StallWatch stalls;
  private final LongAdder requests = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LongAdder bytesIn = new LongAdder();
  private final LongAdder bytesOut = new LongAdder();

  /**
   * @param service the remote's name for messages, e.g. {@code boss}
   * @param token sent as {@code Authorization: <authScheme> <token>} when present
   * @param concurrency the most requests {@link #parallel} runs at once
   */
  public HttpTransport(String service, Optional<Secret> token, String authScheme,
      RetryPolicy retry, int concurrency, Duration timeout, ErrorReader errors) {
    this(service, token, authScheme, retry, concurrency, timeout, errors, true);
  }

  /**
   * @param verifyTls false accepts any https certificate for any host name: only for a test
   *     server or a self-signed one, by the user's explicit choice (profiles log a warning)
   */
  public HttpTransport(String service, Optional<Secret> token, String authScheme,
      RetryPolicy retry, int concurrency, Duration timeout, ErrorReader errors,
      boolean verifyTls) {
    this.service = service;
    this.token = token;
    this.authScheme = authScheme;
    this.retry = retry;
    this.errors = errors;
    this.timeout = timeout;
    HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10));
    if (!verifyTls) {
      b.sslContext(TrustAll.context());
    }
    this.client = b.build();
    this.stalls = new StallWatch(service, timeout);
    this.pool = Executors.newFixedThreadPool(Math.max(1, concurrency), r -> {
      Thread t = new Thread(r, "ndio-" + service + "-http");
      t.setDaemon(true);
      return t;
    });
  }

  /** Sends {@code r}, retrying where allowed; a non-2xx answer is a typed exception. */
  public Response send(Request r) {
    return send(r, Function.identity());
  }

  /**
   * Sends {@code r} and decodes the answer. A decode failure ({@link CorruptDataException}: a
   * body damaged in transit) counts as a failed try of an idempotent request, like a reset
   * connection.
   */
  public <T> T send(Request r, Function<Response, T> decode) {
    int tries = r.idempotent() ? retry.attempts() : 1;
    RuntimeException last = null;
    for (int attempt = 1; attempt <= tries; attempt++) {
      startTry(attempt);
      Response response;
      try {
        response = exchange(r);
      } catch (IOException e) {
        last = noAnswer(r, e, attempt);
        continue;
      }
      if (response.status() >= 200 && response.status() < 300) {
        try {
          return decode.apply(response);
        } catch (CorruptDataException e) {
          failures.increment();
          last = new CorruptDataException(describe(r) + ": " + redact(e.getMessage())
              + triesNote(attempt), e);
          continue;
        }
      }
      failures.increment();
      last = error(r, response, attempt);
      if (!RetryPolicy.retryable(response.status())) {
        throw last;
      }
    }
    throw last;
  }

  /**
   * Like {@link #send}, but a successful answer's body is handed to {@code reader} as it
   * arrives instead of being gathered into one array first: it is decoded, on the calling
   * thread, while the rest is still on the wire, straight into its final place. A failed try
   * may have been read in part before it failed; the reader reads the next try's body from its
   * start.
   */
  public <T> T receive(Request r, BodyReader<T> reader) {
    int tries = r.idempotent() ? retry.attempts() : 1;
    RuntimeException last = null;
    for (int attempt = 1; attempt <= tries; attempt++) {
      startTry(attempt);
      HttpResponse<InputStream> resp;
      try {
        resp = client.send(build(r), HttpResponse.BodyHandlers.ofInputStream());
        bytesOut.add(r.body() == null ? 0 : r.body().length);
      } catch (IOException e) {
        last = noAnswer(r, e, attempt);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RemoteException(describe(r) + ": interrupted", e);
      }
      Counted in = new Counted(stalls.guard(resp.body()));
      try (in) {
        Response head = new Response(resp.statusCode(), resp.headers().map(), new byte[0]);
        if (resp.statusCode() / 100 == 2) {
          try {
            return reader.read(head, in);
          } catch (CorruptDataException e) {
            failures.increment();
            last = new CorruptDataException(describe(r) + ": " + redact(e.getMessage())
                + triesNote(attempt), e);
            continue;
          }
        }
        failures.increment();
        last = error(r, new Response(head.status(), head.headers(), in.readAllBytes()),
            attempt);
        if (!RetryPolicy.retryable(head.status())) {
          throw last;
        }
      } catch (IOException e) {
        last = noAnswer(r, e, attempt);
      } finally {
        bytesIn.add(in.count);
      }
    }
    throw last;
  }

  /** Counts a try, after the back-off its number calls for. */
  private void startTry(int attempt) {
    if (attempt > 1) {
      retries.increment();
      sleep(retry.delay(attempt, ThreadLocalRandom.current()));
    }
    requests.increment();
  }

  /** Counts the bytes read through it. */
  private static final class Counted extends FilterInputStream {
    private long count;

    Counted(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count += b < 0 ? 0 : 1;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      count += Math.max(n, 0);
      return n;
    }
  }

  /** A try that got no (whole) answer; a TLS certificate problem is final. */
  private RuntimeException noAnswer(Request r, IOException e, int attempt) {
    failures.increment();
    Optional<Throwable> tls = TlsProblem.find(e);
    if (tls.isPresent()) {
      throw new TlsException(describe(r) + ": TLS certificate problem with "
          + r.uri().getHost() + " (" + redact(TlsProblem.reason(tls.get())) + "); trust its"
          + " certificate in the JDK trust store, or for a test server set 'tls_verify:"
          + " false' in its profile", e);
    }
    return new RemoteException(describe(r) + ": no answer (" + redact(e.toString()) + ")"
        + triesNote(attempt), e);
  }

  private String triesNote(int attempt) {
    return attempt > 1 ? " (after " + attempt + " tries)" : "";
  }

  private HttpRequest build(Request r) {
    HttpRequest.Builder b = HttpRequest.newBuilder(r.uri()).timeout(timeout);
    r.headers().forEach(b::header);
    token.ifPresent(t -> b.header("Authorization", authScheme + " " + t.reveal()));
    b.method(r.method(), r.body() == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(r.body()));
    return b.build();
  }

  private Response exchange(Request r) throws IOException {
    HttpResponse<byte[]> resp;
    try {
      resp = stalls.send(client, build(r));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    bytesOut.add(r.body() == null ? 0 : r.body().length);
    bytesIn.add(resp.body().length);
    return new Response(resp.statusCode(), resp.headers().map(), resp.body());
  }

  private NdioException error(Request r, Response response, int attempt) {
    String said;
    try {
      said = redact(errors.message(response));
    } catch (RuntimeException e) {
      said = redact(response.text());
    }
    String message = describe(r) + ": " + response.status() + " " + said + triesNote(attempt);
    return switch (response.status()) {
      case 401, 403 -> new AccessDeniedException(message, response.status(), said);
      case 404 -> new VolumeNotFoundException(message);
      default -> new RemoteException(message, response.status(), said);
    };
  }

  /** {@code service METHOD url}, the token redacted: the start of every message. */
  public String describe(Request r) {
    return service + " " + r.method() + " " + redact(r.uri().toString());
  }

  /** {@code text} without the token. */
  public String redact(String text) {
    return token.map(t -> t.redact(text)).orElse(text);
  }

  /**
   * Runs the tasks at most {@code concurrency} at a time and returns their results in order;
   * the first failure (after the others finished or were cancelled) is rethrown as it was.
   */
  public <T> List<T> parallel(List<Callable<T>> tasks) {
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> t : tasks) {
      futures.add(pool.submit(t));
    }
    List<T> out = new ArrayList<>(tasks.size());
    RuntimeException failure = null;
    for (Future<T> f : futures) {
      try {
        if (failure == null) {
          out.add(f.get());
        } else {
          f.cancel(true);
        }
      } catch (ExecutionException e) {
        failure = e.getCause() instanceof RuntimeException re ? re
            : new RemoteException(service + ": " + redact(String.valueOf(e.getCause())),
                e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = new RemoteException(service + ": interrupted", e);
      }
    }
    if (failure != null) {
      throw failure;
    }
    return out;
  }

  public Stats stats() {
    return new Stats(requests.sum(), retries.sum(), failures.sum(), bytesIn.sum(),
        bytesOut.sum());
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
    stalls.close();
  }

  @Override
  public String toString() {
    return "HttpTransport[" + service + ", token " + (token.isPresent() ? "***" : "none") + "]";
  }
}
