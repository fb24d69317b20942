package org.ndio.remote.http;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When and how long to wait before retrying a request: up to {@code attempts} tries in all,
 * waiting a random time up to {@code base * 2^(try - 1)}, capped at {@code cap} ("full
 * jitter"), so that many clients retrying at once spread out instead of hitting the server
 * together.
 */
public record RetryPolicy(int attempts, Duration base, Duration cap) {

  public static final RetryPolicy DEFAULT =
      new RetryPolicy(6, Duration.ofMillis(100), Duration.ofSeconds(10));

  /** No retries: for tests that want to see the first failure. */
  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
    }
  }

  /** The wait before try {@code next} (2 for the first retry). */
  public Duration delay(int next, RandomGenerator random) {
    long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(30, next - 2));
    return Duration.ofMillis(ceiling <= 0 ? 0 : random.nextLong(ceiling + 1));
  }

  /** Whether an answer with this status is worth another try (server faults, throttling). */
  public static boolean retryable(int status) {
    return status == 429 || status == 502 || status == 503 || status == 504 || status == 500;
  }
}
