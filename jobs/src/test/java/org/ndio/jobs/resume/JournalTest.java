package org.ndio.jobs.resume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.UnsupportedFeatureException;
import org.ndio.spark.Ndio;
import org.ndio.spark.SparkExtension;
import org.ndio.store.ParallelWrite;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeUrl;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/** The journal's files and rules, the skip filter, and Zarr writes reopened from a journal. */
@ExtendWith(SparkExtension.class)
class JournalTest {

  @TempDir
  Path dir;

  private JournalRequest at(String name, boolean resume, boolean restart) {
    return JournalRequest.beside(dir.resolve(name).toString(), resume, restart, ", or not");
  }

  @Test
  void refusesAnOldJournalWithoutResumeAndAnotherJobWithIt() {
    Journal j = Journal.open(at("out", false, false), "job a\n");
    j.mark(Journal.key(0, 8, 16));
    j.stage("s").mark("1_2_3", new byte[] {7});
    assertTrue(Files.exists(dir.resolve(".out.ndio-journal/done/0_8_16")));

    JournalException e = assertThrows(JournalException.class,
        () -> Journal.open(at("out", false, false), "job a\n"));
    assertTrue(e.getMessage().contains("--resume") && e.getMessage().endsWith(", or not"),
        e.getMessage());
    e = assertThrows(JournalException.class,
        () -> Journal.open(at("out", true, false), "job b\n"));
    assertTrue(e.getMessage().contains("'job a' where this run has 'job b'"), e.getMessage());

    Journal again = Journal.open(at("out", true, false), "job a\n");
    assertTrue(again.resumed());
    assertEquals(List.of("0_8_16"), again.done());
    assertArrayEquals(new byte[] {7}, again.stage("s").result("1_2_3"));
    again.stage("s").finish(); // a stage keeps its records until the job is done
    assertEquals(List.of("1_2_3"), again.stage("s").done());
    again.finish();
    assertFalse(Files.exists(dir.resolve(".out.ndio-journal")));
  }

  @Test
  void restartDiscardsTheJournalAndItsUnfinishedArray() {
    String target = "zarr:" + dir.resolve("arr");
    VolumeUrl url = VolumeUrl.parse(target);
    Journal j = Journal.open(at("arr", false, false), "job\n");
    j.write("target", url, () -> Volumes.format(url).beginParallel(url,
        VolumeSpec.of(DataType.UINT8, new Size3(4, 4, 4)), WriteMode.ERROR_IF_EXISTS));
    assertEquals(1, hidden().size());
    Journal.open(at("arr", false, true), "job\n");
    assertEquals(0, hidden().size(), "the hidden array of the old run is removed");
  }

  private List<Path> hidden() {
    try (var s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().contains(".ndio-tmp-")).toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aReopenedZarrWriteKeepsChunksDropsStraysAndPublishesOnce() throws Exception {
    Volume v = TestVolumes.random(DataType.UINT16, 16, 8, 8, 3);
    String target = "zarr:" + dir.resolve("arr");
    VolumeUrl url = VolumeUrl.parse(target);
    ParallelWrite first = Volumes.format(url).beginParallel(url,
        VolumeSpec.of(DataType.UINT16, new Size3(16, 8, 8)).withChunks(new Size3(8, 8, 8)),
        WriteMode.ERROR_IF_EXISTS);
    try (ParallelWrite.ChunkWriter w = first.writer()) {
      w.write(0, 0, 0, v.view(0, 0, 0, 8, 8, 8));
    }
    Path tmp = hidden().get(0);
    // What a process killed between writing a chunk and renaming it leaves.
    Path stray = tmp.resolve(".0.0.1.tmp-0b1c2d3e-0000-4000-8000-000000000000");
    Files.write(stray, new byte[] {1, 2, 3});
    String state = first.resumeState().orElseThrow();
    assertFalse(state.contains(dir.toString()), "the state names no path: " + state);

    ParallelWrite second = Volumes.format(url).resumeParallel(url, state);
    assertFalse(Files.exists(stray));
    try (ParallelWrite.ChunkWriter w = second.writer()) {
      w.write(8, 0, 0, v.view(8, 0, 0, 8, 8, 8));
    }
    second.commit();
    try (VolumeReader r = Volumes.open(target)) {
      assertEquals(v, r.readAll());
    }
    // A third process, stopped before it learned the second published: nothing to do.
    Volumes.format(url).resumeParallel(url, state).commit();
    assertEquals(List.of(), hidden());

    assertThrows(RuntimeException.class, () -> Volumes.format(url).resumeParallel(url,
        "new ERROR_IF_EXISTS ../../etc"));
    assertThrows(UnsupportedFeatureException.class,
        () -> JournalRequest.besideVolume("dvid+http://h:1/u/x", true, false, ""));
  }

  @Test
  void skipFilterDropsExactlyTheDoneCuboidsAtPlanning(SparkSession spark) {
    String src = "zarr:" + dir.resolve("src");
    TestVolumes.write(src, TestVolumes.random(DataType.UINT8, 32, 24, 16, 1),
        new Size3(8, 8, 8), null);
    Dataset<Row> all = Ndio.read(spark, src, Map.of("cuboid", "8,8,8"));
    List<String> done = List.of(Journal.key(0, 0, 0), Journal.key(8, 0, 0),
        Journal.key(24, 16, 8), Journal.key(16, 8, 0));
    Dataset<Row> rest = CuboidSkip.apply(all, done);
    Set<String> left = new HashSet<>();
    for (Row r : rest.select("x0", "y0", "z0").collectAsList()) {
      left.add(Journal.key(r.getLong(0), r.getLong(1), r.getLong(2)));
    }
    assertEquals(4 * 3 * 2 - done.size(), left.size());
    done.forEach(k -> assertFalse(left.contains(k), k));
    String plan = rest.queryExecution().executedPlan().toString();
    assertFalse(plan.contains("Filter "), "the source takes the filter whole:\n" + plan);
  }
}
