package org.ndio.remote.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Ends answer bodies that stop arriving. The JDK client's request timeout only covers the wait
 * for the answer's head: a server that sends the head and then stalls mid-body would leave a
 * read blocked forever. A guarded body is checked a few times per limit; once a read has waited
 * the whole limit for a byte, the body is closed under it, and the read fails with an
 * {@link IOException}, which the transport treats as a lost answer (and retries).
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
        throw new IOException("the answer's body stalled: no bytes for "
            + limit.toMillis() + " ms");
      }
    }

    @Override
    public void close() throws IOException {
      check.cancel(false);
      super.close();
    }
  }
}
