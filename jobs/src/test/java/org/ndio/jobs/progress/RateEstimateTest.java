package org.ndio.jobs.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RateEstimateTest {

  @Test
  void aSteadyRateIsKeptExactlyWhateverTheSampling() {
    RateEstimate r = RateEstimate.withTimeConstant(5);
    double[] times = {0, 0.1, 0.35, 1.0, 4.0, 4.05, 9.5};
    for (double t : times) {
      r = r.add(t, 10 * t);
    }
    assertEquals(10, r.rate().getAsDouble(), 1e-9);
    assertEquals(5, r.secondsFor(50).getAsDouble(), 1e-9);
  }

  @Test
  void aStepIsFollowedExponentiallyInTime() {
    // 10/s until t=10, then 20/s: after one more time constant the estimate has moved
    // 1 - 1/e of the way, whether that second is sampled once or in ten steps.
    RateEstimate once = RateEstimate.withTimeConstant(2).add(0, 0).add(10, 100).add(12, 140);
    RateEstimate steps = RateEstimate.withTimeConstant(2).add(0, 0).add(10, 100);
    for (int i = 1; i <= 10; i++) {
      steps = steps.add(10 + 0.2 * i, 100 + 4.0 * i);
    }
    double expected = 10 + (20 - 10) * (1 - Math.exp(-1));
    assertEquals(expected, once.rate().getAsDouble(), 1e-9);
    assertEquals(expected, steps.rate().getAsDouble(), 1e-9);
  }

  @Test
  void noRateBeforeTwoTimesAndNoTimeLeftAtZeroRate() {
    RateEstimate r = RateEstimate.withTimeConstant(1);
    assertFalse(r.rate().isPresent());
    r = r.add(3, 7);
    assertFalse(r.rate().isPresent());
    r = r.add(3, 9); // same instant: still no rate
    assertFalse(r.rate().isPresent());
    r = r.add(5, 9);
    assertEquals(0, r.rate().getAsDouble(), 1e-12); // (9 - 9) / 2: the newest count was kept
    assertFalse(r.secondsFor(10).isPresent());
    assertThrows(IllegalArgumentException.class, () -> RateEstimate.withTimeConstant(0));
  }
}
