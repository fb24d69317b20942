package org.ndio.jobs.progress;

import java.util.OptionalDouble;

/**
 * A smoothed rate of a growing count and the time left at that rate. The rate between two
 * samples is blended into the estimate with weight {@code 1 - exp(-dt / tau)}: an exponential
 * moving average in time rather than in samples, so irregular sampling (Spark reports when
 * tasks end) weighs each second alike, and a rate that changes is followed within a few
 * {@code tau}. Immutable: {@link #add} returns the next estimate.
 */
public final class RateEstimate {

  private final double tau;
  private final double lastTime;
  private final double lastCount;
  private final double rate;
  private final boolean started;
  private final boolean hasRate;

  private RateEstimate(double tau, double lastTime, double lastCount, double rate,
      boolean started, boolean hasRate) {
    this.tau = tau;
    this.lastTime = lastTime;
    this.lastCount = lastCount;
    this.rate = rate;
    this.started = started;
    this.hasRate = hasRate;
  }

  /** No samples yet; {@code tauSeconds} is the smoothing time constant. */
  public static RateEstimate withTimeConstant(double tauSeconds) {
    if (!(tauSeconds > 0)) {
      throw new IllegalArgumentException("time constant must be > 0, got " + tauSeconds);
    }
    return new RateEstimate(tauSeconds, 0, 0, 0, false, false);
  }

  /** The estimate after the count reached {@code count} at {@code seconds}. */
  public RateEstimate add(double seconds, double count) {
    if (!started) {
      return new RateEstimate(tau, seconds, count, 0, true, false);
    }
    double dt = seconds - lastTime;
    if (dt <= 0) {
      // Same instant (or a clock step back): keep the newest count, the rate cannot be known.
      return new RateEstimate(tau, lastTime, Math.max(lastCount, count), rate, true, hasRate);
    }
    double instant = (count - lastCount) / dt;
    double next = hasRate ? rate + (1 - Math.exp(-dt / tau)) * (instant - rate) : instant;
    return new RateEstimate(tau, seconds, count, next, true, true);
  }

  /** Units per second, once two samples at different times were seen. */
  public OptionalDouble rate() {
    return hasRate ? OptionalDouble.of(rate) : OptionalDouble.empty();
  }

  /** Seconds until {@code remaining} more units are done at the current rate, if it is > 0. */
  public OptionalDouble secondsFor(double remaining) {
    if (!hasRate || rate <= 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(Math.max(0, remaining) / rate);
  }
}
