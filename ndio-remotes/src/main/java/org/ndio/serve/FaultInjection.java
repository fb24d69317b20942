package org.ndio.serve;

import java.time.Duration;

/**
 * Faults a test server adds to its answers, each drawn independently per request from a seeded
 * generator: an error answer ({@code 503}), a connection dropped before any answer, a body cut
 * off halfway (the declared length stays whole, so clients see a premature end), a body with
 * one byte changed (same length: only the format's own checks can notice), and a delay.
 *
 * <p>Corruption touches successful answers with binary bodies only (voxels: blosc, npz, HDF5,
 * raw, LZ4), never JSON or text, and changes one byte at an offset in {@code [corruptFrom,
 * corruptTo)} of the body ({@code corruptTo} 0: to its end), so a test can aim it at the part
 * of a format that carries checks.
 */
public record FaultInjection(double errorRate, double dropRate, double truncateRate,
    double corruptRate, int corruptFrom, int corruptTo, Duration delay, long seed) {

  public static final FaultInjection NONE = new FaultInjection(0, 0, 0, Duration.ZERO, 0);

  public FaultInjection {
    if (errorRate < 0 || dropRate < 0 || truncateRate < 0 || corruptRate < 0
        || errorRate + dropRate + truncateRate + corruptRate > 1) {
      throw new IllegalArgumentException("fault rates must be non-negative and sum to at most 1");
    }
    if (corruptFrom < 0 || corruptTo < 0 || corruptTo != 0 && corruptTo <= corruptFrom) {
      throw new IllegalArgumentException("corrupt range [" + corruptFrom + ", " + corruptTo
          + ") is empty or negative");
    }
  }

  /** Errors, drops, truncations and a delay; no corruption. */
  public FaultInjection(double errorRate, double dropRate, double truncateRate,
      Duration delay, long seed) {
    this(errorRate, dropRate, truncateRate, 0, 0, 0, delay, seed);
  }

  /** {@code rate} of the requests fail, split evenly between the three kinds of fault. */
  public static FaultInjection evenly(double rate, long seed) {
    return new FaultInjection(rate / 3, rate / 3, rate / 3, Duration.ZERO, seed);
  }

  /** Only corruption: {@code rate} of the binary answers get one byte changed anywhere. */
  public static FaultInjection corrupting(double rate, long seed) {
    return new FaultInjection(0, 0, 0, rate, 0, 0, Duration.ZERO, seed);
  }

  /** Only corruption, of one byte at an offset in {@code [from, to)} of the body. */
  public static FaultInjection corrupting(double rate, int from, int to, long seed) {
    return new FaultInjection(0, 0, 0, rate, from, to, Duration.ZERO, seed);
  }
}
