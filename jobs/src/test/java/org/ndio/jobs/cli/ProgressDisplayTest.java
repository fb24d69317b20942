package org.ndio.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.jobs.count.CellCount;
import org.ndio.jobs.count.CountOptions;
import org.ndio.jobs.demo.Demo;
import org.ndio.jobs.demo.DemoVolume;
import org.ndio.jobs.progress.JobStatus;
import org.ndio.jobs.progress.ProgressLines;
import org.ndio.jobs.spark.SparkProgress;
import org.ndio.spark.SparkExtension;
import org.ndio.store.WriteMode;
import org.ndio.volume.Size3;

@ExtendWith(SparkExtension.class)
class ProgressDisplayTest {

  private static final Pattern LINE = Pattern.compile("count: (\\d+)/(\\d+) tasks .*");

  @TempDir
  Path dir;

  @Test
  void aCountJobReportsMonotoneProgressAndASummary(SparkSession spark) {
    Size3 shape = new Size3(128, 96, 24);
    DemoVolume demo = Demo.write(dir.toString(), shape, 5, WriteMode.ERROR_IF_EXISTS);
    String em = Demo.urls(dir.toString()).em();
    StringWriter text = new StringWriter();
    PrintWriter err = new PrintWriter(text, true);
    long objects;
    JobStatus end;
    try (SparkProgress watch = SparkProgress.watch(spark);
        ProgressDisplay display = new ProgressDisplay("count", watch, err,
            ProgressLines.Mode.LOG, 0, 10)) {
      objects = CellCount.run(spark, em, CountOptions.threshold(DemoVolume.THRESHOLD)
          .withCuboid(new Size3(64, 64, 16))).count();
      display.finish();
      end = watch.status();
    }
    assertEquals(demo.cells(), objects);
    List<String> lines = text.toString().lines().toList();
    assertTrue(lines.size() >= 2, text.toString());
    long last = 0;
    for (String line : lines.subList(0, lines.size() - 1)) {
      Matcher m = LINE.matcher(line);
      assertTrue(m.matches(), line);
      long done = Long.parseLong(m.group(1));
      assertTrue(done >= last && done <= Long.parseLong(m.group(2)), line);
      last = done;
    }
    // Every planned task ran or dropped out with its skipped stage; the volume was read once
    // (its cuboids are persisted), so the voxels read are the volume's.
    assertEquals(end.total(), end.done(), end.toString());
    assertTrue(end.done() >= 8, "8 cuboids make at least 8 tasks: " + end);
    assertEquals(shape.x() * shape.y() * shape.z(), end.voxels());
    assertEquals(end.voxels(), end.bytes()); // uint8
    assertEquals(0, end.failedTasks());
    String summary = lines.get(lines.size() - 1);
    assertTrue(summary.startsWith("count: done in ") && summary.contains(", " + end.done()
        + " tasks, 295k voxels (295 kB) at ") && summary.endsWith(
            ", 0 tasks retried, 0 requests retried"), summary);
  }

  @Test
  void jobsOfOtherThreadsAreNotCounted(SparkSession spark) throws Exception {
    // Spark copies a thread's local properties into threads it creates: this one is made
    // before the watch starts, so its jobs are not the watched thread's.
    long[] other = new long[1];
    Thread runner = new Thread(() -> other[0] = spark.range(0, 1000, 1, 9).rdd().count());
    try (SparkProgress watch = SparkProgress.watch(spark)) {
      runner.start();
      runner.join();
      long mine = spark.range(0, 100, 1, 2).rdd().count();
      watch.settle();
      JobStatus s = watch.status();
      assertEquals(1000, other[0]);
      assertEquals(100, mine);
      assertEquals(new JobStatus(2, 2, "tasks", 0, 0, 0, 0), s);
    }
  }
}
