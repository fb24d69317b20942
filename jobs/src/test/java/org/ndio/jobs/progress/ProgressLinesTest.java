package org.ndio.jobs.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProgressLinesTest {

  private static JobStatus tasks(long done, long total, long voxels) {
    return new JobStatus(done, total, "tasks", voxels, 2 * voxels, 0, 0);
  }

  @Test
  void logLinesComeEveryIntervalWhenSomethingChanged() {
    ProgressLines p = new ProgressLines("count", ProgressLines.Mode.LOG, 80, 5);
    assertEquals("", p.tick(1, tasks(1, 40, 1_000_000)));     // before the first interval
    assertEquals("", p.tick(4.9, tasks(4, 40, 4_000_000)));
    // From 1 s to 5 s: 9 tasks and 9 Mvoxels in 4 s, 2.25 a second; 30 tasks left, 13.3 s.
    p = new ProgressLines("count", ProgressLines.Mode.LOG, 80, 5);
    p.tick(1, tasks(1, 40, 1_000_000));
    String line = p.tick(5, tasks(10, 40, 10_000_000));
    assertEquals("count: 10/40 tasks (25%), 10.0M voxels read, 2.25 Mvox/s (4.50 MB/s),"
        + " 0:05 elapsed, ETA 0:13\n", line);
    assertEquals("", p.tick(7, tasks(14, 40, 14_000_000)));  // 2 s after the last line
    assertTrue(p.tick(10, tasks(20, 40, 20_000_000)).startsWith("count: 20/40 tasks (50%)"));
  }

  @Test
  void anUnchangedStatusIsNotRepeated() {
    ProgressLines p = new ProgressLines("mesh", ProgressLines.Mode.LOG, 80, 0);
    assertTrue(p.tick(1, tasks(1, 4, 0)).startsWith("mesh: 1/4 tasks (25%), 0:01 elapsed"));
    assertEquals("", p.tick(2, tasks(1, 4, 0)));
    assertEquals("", p.tick(2, tasks(0, 0, 0))); // nothing planned: nothing to say
  }

  @Test
  void theTerminalLineIsRedrawnInPlaceAndFitsTheWidth() {
    ProgressLines p = new ProgressLines("convert", ProgressLines.Mode.TERMINAL, 60, 5);
    String first = p.tick(0, tasks(0, 8, 0));
    assertTrue(first.startsWith("\rconvert ["), first);
    String second = p.tick(2, tasks(4, 8, 8_000_000));
    assertTrue(second.startsWith("\rconvert ["), second);
    assertTrue(second.length() - 1 <= 59, second.length() + ": " + second);
    assertTrue(second.contains(" 50%  4/8 tasks  4.00 Mvox/s  0:02"), second);
    // Narrow terminals lose the time left, then the rest, before the bar goes.
    ProgressLines narrow = new ProgressLines("convert", ProgressLines.Mode.TERMINAL, 30, 5);
    String n = narrow.tick(0, tasks(2, 8, 0));
    // 30 columns: 29 usable, less "convert ", " ", "25%" and the brackets leaves 15 cells.
    assertEquals("\rconvert [###............] 25%", n.stripTrailing());
    String summary = p.finish(3, tasks(8, 8, 12_000_000));
    assertTrue(summary.startsWith("\r" + " ".repeat(second.length() - 1) + "\r"), summary);
    assertTrue(summary.endsWith("convert: done in 3.0 s, 8 tasks, 12.0M voxels (24.0 MB) at"
        + " 4.00 Mvox/s (8.00 MB/s), 0 tasks retried, 0 requests retried\n"), summary);
  }

  @Test
  void aShorterLineBlanksWhatIsLeftOfTheLongerOne() {
    ProgressLines p = new ProgressLines("x", ProgressLines.Mode.TERMINAL, 200, 5);
    String longer = p.tick(0, tasks(0, 123_456, 0));
    String shorter = p.tick(0, tasks(0, 1, 0));
    assertEquals(longer.length(), shorter.length());
    assertTrue(shorter.endsWith(" "));
    assertEquals("\n", p.abandon());
  }

  @Test
  void theSummaryOfACopyInOneProcessCountsVoxels() {
    ProgressLines p = new ProgressLines("convert", ProgressLines.Mode.LOG, 80, 5);
    assertEquals("convert: done in 0.50 s, 1.00M voxels at 2.00 Mvox/s, 0 tasks retried,"
        + " 3 requests retried", p.finish(0.5,
            new JobStatus(1_000_000, 1_000_000, "voxels", 1_000_000, 0, 0, 3)).strip());
    assertEquals("", p.abandon());
  }
}
