package org.ndio.serve;

import java.time.Duration;

/**
 * Faults a test server adds to its answers, each drawn independently per request from a seeded
 * generator: an error answer ({@code 503}), a connection dropped before any answer, a body cut
 * off halfway (the declared length stays whole, so clients see a premature end), and a delay.
 */
public record FaultInjection(double errorRate, double dropRate, double truncateRate,
    Duration delay, long seed) {

  public static final FaultInjection NONE = new FaultInjection(0, 0, 0, Duration.ZERO, 0);

  public FaultInjection {
    if (errorRate < 0 || dropRate < 0 || truncateRate < 0
        || errorRate + dropRate + truncateRate > 1) {
      throw new IllegalArgumentException("fault rates must be non-negative and sum to at most 1");
    }
  }

  /** {@code rate} of the requests fail, split evenly between the three kinds of fault. */
  public static FaultInjection evenly(double rate, long seed) {
    return new FaultInjection(rate / 3, rate / 3, rate / 3, Duration.ZERO, seed);
  }
}
