package org.ndio.remote.dvid;

import java.io.Serializable;
import java.time.Duration;
import org.ndio.remote.http.ClientSettings;
import org.ndio.remote.http.RetryPolicy;

/**
 * How a {@link DvidRemote} talks to its server. Serialisable, so a parallel write takes it to
 * every task.
 *
 * @param maxRequestBytes the largest voxel payload of one request; bigger boxes are split into
 *     pieces of whole blocks, sent concurrently (DVID itself refuses requests over 3 GB)
 * @param concurrency requests in flight at once
 * @param retryAttempts tries per idempotent request (reads and whole-block writes)
 * @param retryBaseMillis first retry waits up to this long, doubling per try
 * @param retryCapMillis no wait is longer than this
 * @param timeoutMillis longest wait for one answer
 * @param compressLabels whether label voxels travel as LZ4 ({@code ?compression=lz4}, which
 *     labelblk, labelarray and labelmap accept); turned off by itself where a server refuses
 * @param verifyTls whether https certificates are checked (off only by explicit choice)
 */
public record DvidOptions(long maxRequestBytes, int concurrency, int retryAttempts,
    long retryBaseMillis, long retryCapMillis, long timeoutMillis, boolean compressLabels,
    boolean verifyTls)
    implements Serializable, ClientSettings<DvidOptions> {

  public static final DvidOptions DEFAULT =
      new DvidOptions(32L << 20, 8, 6, 100, 10_000, 300_000, true, true);

  public DvidOptions {
    if (maxRequestBytes < 1 || concurrency < 1 || retryAttempts < 1 || timeoutMillis < 1) {
      throw new IllegalArgumentException("request size, concurrency, tries and timeout must be"
          + " positive");
    }
  }

  public RetryPolicy retry() {
    return new RetryPolicy(retryAttempts, Duration.ofMillis(retryBaseMillis),
        Duration.ofMillis(retryCapMillis));
  }

  public Duration timeout() {
    return Duration.ofMillis(timeoutMillis);
  }

  /** Pieces of at most {@code bytes} each (tests force many pieces with small volumes). */
  @Override
  public DvidOptions withMaxRequestBytes(long bytes) {
    return new DvidOptions(bytes, concurrency, retryAttempts, retryBaseMillis, retryCapMillis,
        timeoutMillis, compressLabels, verifyTls);
  }

  @Override
  public DvidOptions withConcurrency(int n) {
    return new DvidOptions(maxRequestBytes, n, retryAttempts, retryBaseMillis, retryCapMillis,
        timeoutMillis, compressLabels, verifyTls);
  }

  @Override
  public DvidOptions withRetry(RetryPolicy p) {
    return new DvidOptions(maxRequestBytes, concurrency, p.attempts(), p.base().toMillis(),
        p.cap().toMillis(), timeoutMillis, compressLabels, verifyTls);
  }

  public DvidOptions withCompressLabels(boolean on) {
    return new DvidOptions(maxRequestBytes, concurrency, retryAttempts, retryBaseMillis,
        retryCapMillis, timeoutMillis, on, verifyTls);
  }

  @Override
  public DvidOptions withTimeout(Duration t) {
    return new DvidOptions(maxRequestBytes, concurrency, retryAttempts, retryBaseMillis,
        retryCapMillis, t.toMillis(), compressLabels, verifyTls);
  }

  @Override
  public DvidOptions withVerifyTls(boolean verify) {
    return new DvidOptions(maxRequestBytes, concurrency, retryAttempts, retryBaseMillis,
        retryCapMillis, timeoutMillis, compressLabels, verify);
  }
}
