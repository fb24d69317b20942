package org.ndio.remote.boss;

import java.io.Serializable;
import java.time.Duration;
import org.ndio.remote.http.ClientSettings;
import org.ndio.remote.http.RetryPolicy;

/**
 * How a {@link BossRemote} talks to the service. Serialisable, so a parallel write carries it
 * to its tasks.
 *
 * @param maxRequestBytes the most voxel bytes one cutout request carries; larger boxes are
 *     split along the 512x512x16 cuboid grid (the service itself refuses about 520 MiB)
 * @param concurrency requests in flight at once
 * @param attempts tries per idempotent request (1 = no retries)
 * @param retryBase the first retry waits up to this long, doubling per try
 * @param retryCap the longest wait between tries
 * @param timeout the longest wait for one answer
 * @param typesizeInBits compress uploads with the blosc typesize set to the element size in
 *     bits (8, 16, 64), as the reference client intern does, instead of in bytes
 * @param verifyTls whether https certificates are checked (off only by explicit choice)
 */
public record BossOptions(long maxRequestBytes, int concurrency, int attempts,
    Duration retryBase, Duration retryCap, Duration timeout, boolean typesizeInBits,
    boolean verifyTls)
    implements Serializable, ClientSettings<BossOptions> {

  /** 32 MiB requests, 8 at a time, the transport's default retries, 5 minute timeout. */
  public static final BossOptions DEFAULT = new BossOptions(32L << 20, 8,
      RetryPolicy.DEFAULT.attempts(), RetryPolicy.DEFAULT.base(), RetryPolicy.DEFAULT.cap(),
      Duration.ofMinutes(5), false, true);

  public BossOptions {
    if (maxRequestBytes < 1) {
      throw new IllegalArgumentException("maxRequestBytes must be positive: " + maxRequestBytes);
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
    }
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
    }
  }

  public RetryPolicy retryPolicy() {
    return new RetryPolicy(attempts, retryBase, retryCap);
  }

  @Override
  public BossOptions withMaxRequestBytes(long bytes) {
    return new BossOptions(bytes, concurrency, attempts, retryBase, retryCap, timeout,
        typesizeInBits, verifyTls);
  }

  @Override
  public BossOptions withConcurrency(int n) {
    return new BossOptions(maxRequestBytes, n, attempts, retryBase, retryCap, timeout,
        typesizeInBits, verifyTls);
  }

  @Override
  public BossOptions withRetry(RetryPolicy r) {
    return new BossOptions(maxRequestBytes, concurrency, r.attempts(), r.base(), r.cap(),
        timeout, typesizeInBits, verifyTls);
  }

  @Override
  public BossOptions withTimeout(Duration t) {
    return new BossOptions(maxRequestBytes, concurrency, attempts, retryBase, retryCap, t,
        typesizeInBits, verifyTls);
  }

  public BossOptions withTypesizeInBits(boolean bits) {
    return new BossOptions(maxRequestBytes, concurrency, attempts, retryBase, retryCap, timeout,
        bits, verifyTls);
  }

  @Override
  public BossOptions withVerifyTls(boolean verify) {
    return new BossOptions(maxRequestBytes, concurrency, attempts, retryBase, retryCap, timeout,
        typesizeInBits, verify);
  }
}
