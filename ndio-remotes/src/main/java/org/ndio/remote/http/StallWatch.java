package org.ndio.remote.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ends answer bodies that stop arriving. The JDK client's request timeout only covers the wait
 * for the answer's head: a server that sends the head and then stalls mid-body would leave a
 * read blocked forever. A body gathered whole ({@link #send}) is watched by its caller while
 * it waits; a streamed one ({@link #guard}) is checked a few times per limit by a timer. Once
 * the limit passes with no byte, the exchange is cancelled or the stream closed, and the
 * waiting caller gets an {@link IOException}, which the transport treats as a lost answer (and
 * retries).
 */
final class StallWatch implements AutoCloseable {

  private final ScheduledExecutorService timer;
  private final long limitNanos;
  private final Duration limit;

  StallWatch(String service, Duration limit) {
    this.limit = limit;
    this.limitNanos = limit.toNanos();
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ndio-" + service + "-stall-watch");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Sends {@code request} and gathers the answer's body whole (as {@code ofByteArray}, which
   * needs no hand-over between threads per buffer, unlike a stream), failing once the body
   * stops for the limit.
   */
  HttpResponse<byte[]> send(HttpClient client, HttpRequest request)
      throws IOException, InterruptedException {
    Progress progress = new Progress();
    CompletableFuture<HttpResponse<byte[]>> answer = client.sendAsync(request,
        info -> progress.watch(BodySubscribers.ofByteArray()));
    long every = Math.max(TimeUnit.MILLISECONDS.toNanos(20), limitNanos / 4);
    while (true) {
      try {
        return answer.get(every, TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        if (progress.stalled()) {
          answer.cancel(true);
          progress.cancel();
          throw stalled();
        }
      } catch (InterruptedException e) {
        answer.cancel(true);
        throw e;
      } catch (ExecutionException e) {
        if (e.getCause() instanceof IOException io) {
          throw io;
        }
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IOException(e.getCause());
      }
    }
  }

  private IOException stalled() {
    return new IOException("the answer's body stalled: no bytes for " + limit.toMillis()
        + " ms");
  }

  /** When a gathered body last moved; unset (negative) until the answer's head came. */
  private final class Progress {
    private volatile long last = -1;
    private volatile Flow.Subscription subscription;

    <T> BodySubscriber<T> watch(BodySubscriber<T> body) {
      last = System.nanoTime();
      return new BodySubscriber<>() {
        @Override
        public CompletionStage<T> getBody() {
          return body.getBody();
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
          subscription = s;
          body.onSubscribe(s);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
          last = System.nanoTime();
          body.onNext(item);
        }

        @Override
        public void onError(Throwable t) {
          body.onError(t);
        }

        @Override
        public void onComplete() {
          body.onComplete();
        }
      };
    }

    boolean stalled() {
      long t = last;
      return t >= 0 && System.nanoTime() - t > limitNanos;
    }

    void cancel() {
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
    }
  }

  /** {@code body}, read by the calling thread, failing once it stalls for the limit. */
  InputStream guard(InputStream body) {
    return new Guarded(body);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  private final class Guarded extends FilterInputStream {
    private final ScheduledFuture<?> check;
    private volatile long last;
    private volatile boolean reading;
    private volatile boolean stalled;

    Guarded(InputStream in) {
      super(in);
      long every = Math.max(TimeUnit.MILLISECONDS.toNanos(20), limitNanos / 4);
      check = timer.scheduleWithFixedDelay(this::check, every, every, TimeUnit.NANOSECONDS);
    }

    private void check() {
      // only time spent blocked in a read counts: a slow consumer is not a stalled server
      if (!stalled && reading && System.nanoTime() - last > limitNanos) {
        stalled = true;
        // closing the JDK client's body stream wakes a read blocked on it (an interrupt does
        // not); the read then fails and is reported as the stall
        try {
          in.close();
        } catch (IOException e) {
          // the read fails all the same
        }
      }
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      failIfStalled();
      last = System.nanoTime();
      reading = true;
      try {
        return super.read(b, off, len);
      } catch (IOException e) {
        failIfStalled();
        throw e;
      } finally {
        reading = false;
      }
    }

    private void failIfStalled() throws IOException {
      if (stalled) {
        throw stalled();
      }
    }

    @Override
    public void close() throws IOException {
      check.cancel(false);
      super.close();
    }
  }
}
