package org.ndio.jobs.resume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.jobs.cli.Ndio;
import org.ndio.jobs.convert.Convert;
import org.ndio.jobs.convert.SparkConvert;
import org.ndio.jobs.demo.DemoVolume;
import org.ndio.jobs.spark.TestFaults;
import org.ndio.format.zarr.Multiscales;
import org.ndio.format.zarr.OmeZarr;
import org.ndio.spark.SparkExtension;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * Kills jobs (the driver JVM, with {@code destroyForcibly}) at random points, resumes them with
 * {@code --resume} until they finish, and compares the output with an uninterrupted run of the
 * same command in this JVM: byte-identical chunk files (convert, downsample), the same table
 * (count), the same mesh files (mesh); and with the truth where there is one (the copied voxels,
 * the demo volume's number of cells). Kill points are drawn from a seeded generator as a number
 * of finished cuboids in the job's journal, polled while it runs.
 */
@ExtendWith(SparkExtension.class)
class KillAndResumeTest {

  private static final Size3 SHAPE = new Size3(96, 96, 32);

  @TempDir
  Path dir;

  private DemoVolume demo;

  @BeforeEach
  void source() {
    demo = DemoVolume.generate(SHAPE, 5);
    // Small chunks make many cuboids, so a kill lands in the middle of the work.
    TestVolumes.write("zarr:" + dir.resolve("em"), demo.em(), new Size3(8, 8, 8), null);
    TestVolumes.write("zarr:" + dir.resolve("labels"), demo.labels(), new Size3(16, 16, 16),
        null);
  }

  /** The command in this JVM, on the shared session; must succeed. */
  private void runHere(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int rc = Ndio.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    assertEquals(0, rc, () -> String.join(" ", args) + ": " + err);
  }

  private static int markers(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return (int) s.filter(p -> !p.getFileName().toString().startsWith(".")).count();
    } catch (IOException e) {
      return 0; // the job removed its journal while we looked
    }
  }

  /** What to check after each kill. */
  private interface AfterKill {
    void check(int kill) throws Exception;
  }

  /**
   * Runs {@code args} in a child JVM, kills it once {@code markers} holds a random number of
   * finished cuboids (out of {@code total}), {@code kills} times, each later run with {@code
   * --resume}, then lets a last resumed run finish. Returns how many runs were killed before
   * they finished.
   */
  private int killAndResume(String name, List<String> args, Path markers, int total, int kills,
      Random rnd, AfterKill after) throws Exception {
    int seen = 0;
    int killed = 0;
    for (int i = 0; i <= kills; i++) {
      List<String> a = new ArrayList<>(args);
      if (i > 0) {
        a.add("--resume");
      }
      ChildJob job = ChildJob.start(dir, name + "-" + i, List.of(), a);
      if (i == kills) {
        assertEquals(0, job.await(300), () -> name + " resumed: " + job.output());
        break;
      }
      int at = seen + 1 + rnd.nextInt(Math.max(1, (total - seen) / (kills - i + 1)));
      while (job.alive() && markers(markers) < at) {
        Thread.sleep(5);
      }
      if (!job.alive()) {
        assertEquals(0, job.await(10), () -> name + ": " + job.output());
        break; // finished before the kill point: nothing left to resume
      }
      job.kill();
      killed++;
      seen = markers(markers);
      after.check(i);
    }
    return killed;
  }

  @Test
  void convertKilledThreeTimesEqualsUninterruptedCopy(SparkSession spark) throws Exception {
    String src = "zarr:" + dir.resolve("em");
    List<String> args = List.of("convert", src, "zarr:" + dir.resolve("out"), "--chunks",
        "8,8,8", "--master", "local[2]", "--quiet");
    long start = System.nanoTime();
    int killed = killAndResume("convert", args, dir.resolve(".out.ndio-journal/done"),
        12 * 12 * 4, 3, new Random(42), kill -> {
          assertFalse(Files.exists(dir.resolve("out")), "published before it was complete");
          assertTrue(Files.exists(dir.resolve(".out.ndio-journal/job")));
          if (kill == 0) {
            // Without --resume the journal stands in the way, with a message saying what to do.
            JournalException e = assertThrows(JournalException.class, () -> SparkConvert.run(
                spark, src, "zarr:" + dir.resolve("out"), Convert.Options.defaults(),
                JournalRequest.besideVolume("zarr:" + dir.resolve("out"),
                    false, false, ", or --overwrite to start again")));
            assertTrue(e.getMessage().contains("--resume"), e.getMessage());
          }
        });
    System.out.printf("convert: %d kills, %.1f s%n", killed, (System.nanoTime() - start) / 1e9);
    assertTrue(killed >= 1, "no run was killed mid-way");
    runHere("convert", src, "zarr:" + dir.resolve("ref"), "--chunks", "8,8,8", "--master",
        "local[2]", "--quiet");
    Trees.assertIdentical(dir.resolve("ref"), dir.resolve("out"));
    try (VolumeReader r = Volumes.open("zarr:" + dir.resolve("out"))) {
      assertEquals(demo.em(), r.readAll());
    }
    assertEquals(List.of(), Trees.leftovers(dir));
  }

  @Test
  void countKilledThreeTimesGivesTheSameTable() throws Exception {
    List<String> args = List.of("count", "zarr:" + dir.resolve("em"), "--threshold",
        String.valueOf(DemoVolume.THRESHOLD), "--cuboid", "16,16,8", "--out",
        dir.resolve("cells.csv").toString(), "--master", "local[2]");
    long start = System.nanoTime();
    int killed = killAndResume("count", args,
        dir.resolve(".cells.csv.ndio-journal/analysis/done"), 6 * 6 * 4, 3, new Random(7),
        kill -> assertTrue(Files.exists(dir.resolve(".cells.csv.ndio-journal/job"))));
    System.out.printf("count: %d kills, %.1f s%n", killed, (System.nanoTime() - start) / 1e9);
    assertTrue(killed >= 1, "no run was killed mid-way");
    runHere(args.stream().map(a -> a.endsWith("cells.csv")
        ? dir.resolve("ref.csv").toString() : a).toArray(String[]::new));
    List<String> table = Files.readAllLines(dir.resolve("cells.csv"));
    assertEquals(Files.readAllLines(dir.resolve("ref.csv")), table);
    assertEquals(demo.cells() + 1, table.size(), "one row per cell of the demo volume");
    assertEquals(List.of(), Trees.leftovers(dir));
  }

  @Test
  void meshKilledOnceWritesTheSameFiles() throws Exception {
    List<String> args = List.of("mesh", "zarr:" + dir.resolve("labels"), "--out",
        dir.resolve("meshes").toString(), "--cuboid", "16,16,16", "--master", "local[2]");
    long start = System.nanoTime();
    int killed = killAndResume("mesh", args,
        dir.resolve("meshes/.ndio-journal/pieces/done"), 6 * 6 * 2, 1, new Random(3),
        kill -> { });
    System.out.printf("mesh: %d kills, %.1f s%n", killed, (System.nanoTime() - start) / 1e9);
    assertTrue(killed >= 1, "no run was killed mid-way");
    runHere("mesh", "zarr:" + dir.resolve("labels"), "--out", dir.resolve("ref").toString(),
        "--cuboid", "16,16,16", "--master", "local[2]");
    Trees.assertIdentical(dir.resolve("ref"), dir.resolve("meshes"));
    assertEquals(demo.cells(), Trees.files(dir.resolve("meshes")).size());
    assertEquals(List.of(), Trees.leftovers(dir));
  }

  /** An OME-Zarr group holding the demo EM as level 0 in small chunks. */
  private void group(String name) {
    String g = "zarr:" + dir.resolve(name);
    TestVolumes.write(OmeZarr.member(g, "0"), demo.em(), new Size3(8, 8, 8), null);
    OmeZarr.writeMultiscales(g, new Multiscales("demo", "nanometer", List.of(
        new Multiscales.Level("0", new double[] {4, 4, 40}, new double[] {0, 0, 0})), ""));
  }

  @Test
  void downsampleKilledWritesTheSameLevels() throws Exception {
    group("pyramid");
    group("ref");
    List<String> args = List.of("downsample", "zarr:" + dir.resolve("pyramid"), "--levels", "2",
        "--factor", "2,2,1", "--master", "local[2]");
    long start = System.nanoTime();
    // One pass makes both levels, in cuboids of 32x32x8 voxels of level 0.
    int killed = killAndResume("downsample", args,
        dir.resolve(".pyramid.ndio-journal/pass-1/done"), 3 * 3 * 4, 1, new Random(9),
        kill -> assertTrue(Files.exists(dir.resolve(".pyramid.ndio-journal/job"))));
    System.out.printf("downsample: %d kills, %.1f s%n", killed,
        (System.nanoTime() - start) / 1e9);
    assertTrue(killed >= 1, "no run was killed mid-way");
    runHere("downsample", "zarr:" + dir.resolve("ref"), "--levels", "2", "--factor", "2,2,1",
        "--master", "local[2]");
    Trees.assertIdentical(dir.resolve("ref"), dir.resolve("pyramid"));
    try (VolumeReader r = Volumes.open("zarr:" + dir.resolve("pyramid"))) {
      assertEquals(3, r.levelCount());
      assertEquals(demo.em(), r.level(0).readAll());
      BoundingBox e = r.level(2).info().extent();
      assertEquals(List.of(24L, 24L, 32L), List.of(e.sizeX(), e.sizeY(), e.sizeZ()));
    }
    assertEquals(List.of(), Trees.leftovers(dir));
  }

  /**
   * Every task's first attempt writes half a box and fails; Spark runs it again (local[2,4]
   * allows 4 attempts). The output equals an undisturbed copy, with no temporary file left.
   * In this JVM (one attempt per task) the same fault fails the job: so it was injected.
   */
  @Test
  void tasksFailingHalfWayAndRetriedWriteTheSameChunks(SparkSession spark) throws Exception {
    String src = "zarr:" + dir.resolve("em");
    spark.sparkContext().setLocalProperty(TestFaults.FAIL_FIRST_ATTEMPT, "true");
    try {
      Exception e = assertThrows(Exception.class, () -> SparkConvert.run(spark, src,
          "zarr:" + dir.resolve("failed"), Convert.Options.defaults()));
      assertTrue(chain(e).contains("injected fault"), chain(e));
    } finally {
      spark.sparkContext().setLocalProperty(TestFaults.FAIL_FIRST_ATTEMPT, null);
    }
    assertFalse(Files.exists(dir.resolve("failed")));
    assertEquals(List.of(), Trees.leftovers(dir), "a failed job without a journal cleans up");

    long start = System.nanoTime();
    ChildJob job = ChildJob.start(dir, "retried",
        List.of("-D" + TestFaults.FAIL_FIRST_ATTEMPT + "=true"),
        List.of("convert", src, "zarr:" + dir.resolve("out"), "--chunks", "8,8,8",
            "--master", "local[2,4]", "--quiet"));
    assertEquals(0, job.await(300), job::output);
    System.out.printf("retried convert: %.1f s%n", (System.nanoTime() - start) / 1e9);
    runHere("convert", src, "zarr:" + dir.resolve("ref"), "--chunks", "8,8,8", "--master",
        "local[2]", "--quiet");
    Trees.assertIdentical(dir.resolve("ref"), dir.resolve("out"));
    try (VolumeReader r = Volumes.open("zarr:" + dir.resolve("out"))) {
      Volume v = r.readAll();
      assertEquals(demo.em(), v);
    }
    assertEquals(List.of(), Trees.leftovers(dir));
  }

  private static String chain(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      b.append(c).append(" <- ");
    }
    return b.toString();
  }

}
