package org.ndio.jobs.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProgressFormatTest {

  @Test
  void countsAreExactBelowTenThousandThenThreeDigits() {
    assertEquals("0", ProgressFormat.count(0));
    assertEquals("9999", ProgressFormat.count(9999));
    assertEquals("10.0k", ProgressFormat.count(10_000));
    assertEquals("12.3k", ProgressFormat.count(12_345));
    assertEquals("4.56M", ProgressFormat.count(4_560_000));
    assertEquals("1.00M", ProgressFormat.count(999_999)); // rounds up into the next prefix
    assertEquals("268M", ProgressFormat.count(268_435_456));
  }

  @Test
  void bytesAndRatesUseDecimalPrefixes() {
    assertEquals("512 B", ProgressFormat.bytes(512));
    assertEquals("1.20 kB", ProgressFormat.bytes(1200));
    assertEquals("34.0 MB", ProgressFormat.bytes(34_000_000));
    assertEquals("2.10 GB", ProgressFormat.bytes(2_100_000_000L));
    assertEquals("45.2 MB/s", ProgressFormat.rate(4.52e7, "B"));
    assertEquals("310 Mvox/s", ProgressFormat.rate(3.1e8, "vox"));
    assertEquals("0.50 vox/s", ProgressFormat.rate(0.5, "vox"));
  }

  @Test
  void durations() {
    assertEquals("0:00", ProgressFormat.clock(0));
    assertEquals("0:07", ProgressFormat.clock(7.4));
    assertEquals("1:02", ProgressFormat.clock(62));
    assertEquals("1:00:01", ProgressFormat.clock(3601));
    assertEquals("0:00", ProgressFormat.clock(-3));
    assertEquals("0.84 s", ProgressFormat.duration(0.84));
    assertEquals("7.3 s", ProgressFormat.duration(7.3));
    assertEquals("42 s", ProgressFormat.duration(42.2));
    assertEquals("2:05", ProgressFormat.duration(125));
  }

  @Test
  void barsAndPercents() {
    assertEquals("[..........]", ProgressFormat.bar(0, 10));
    assertEquals("[###.......]", ProgressFormat.bar(0.35, 10));
    assertEquals("[##########]", ProgressFormat.bar(1, 10));
    assertEquals("[####]", ProgressFormat.bar(7, 4));
    assertEquals("[.]", ProgressFormat.bar(Double.NaN, 0));
    assertEquals("99%", ProgressFormat.percent(0.996));
    assertEquals("100%", ProgressFormat.percent(1));
    assertEquals("0%", ProgressFormat.percent(-1));
  }
}
