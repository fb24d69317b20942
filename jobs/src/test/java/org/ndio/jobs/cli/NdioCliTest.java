package org.ndio.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

class NdioCliTest {

  @TempDir
  Path dir;

  /** Exit status, standard output and standard error of one run. */
  record Run(int status, String out, String err) {
    boolean hasStackTrace() {
      return err.contains("\tat ") || err.contains("Exception:") && err.contains("\n\tat");
    }
  }

  static Run ndio(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Ndio.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(status, out.toString(), err.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"info", "convert", "count", "demo"})
  void everySubcommandHasHelp(String command) {
    Run r = ndio(command, "--help");
    assertEquals(0, r.status());
    assertTrue(r.out().startsWith("Usage: ndio " + command), r.out());
  }

  @Test
  void badUsageExitsWithTwo() {
    assertEquals(2, ndio("convert", "zarr:/a").status());
    assertEquals(2, ndio("frobnicate").status());
  }

  @Test
  void errorsAreOneLineNamingTheCauseWithoutStackTrace() {
    Run unknown = ndio("info", "ftp2:/x");
    assertEquals(1, unknown.status());
    assertEquals(1, unknown.err().strip().lines().count(), unknown.err());
    assertTrue(unknown.err().startsWith("ndio: error: unknown scheme 'ftp2:'"), unknown.err());

    Path missing = dir.resolve("nothing-here");
    Run m = ndio("info", "zarr:" + missing);
    assertEquals(1, m.status());
    assertTrue(m.err().contains(missing.toString()) && !m.hasStackTrace(), m.err());

    Run verbose = ndio("info", "zarr:" + missing, "--verbose");
    assertEquals(1, verbose.status());
    assertTrue(verbose.hasStackTrace(), verbose.err());
  }

  @Test
  void aBoxOutsideTheVolumeFailsAndWritesNothing() {
    TestVolumes.write("zarr:" + dir.resolve("src"), TestVolumes.random(DataType.UINT8, 20, 20, 5,
        1), new Size3(8, 8, 8), "none");
    Run r = ndio("convert", "zarr:" + dir.resolve("src"), "zarr:" + dir.resolve("dst"),
        "--box", "0:10,0:10,0:6");
    assertEquals(1, r.status());
    assertTrue(r.err().contains("0:10,0:10,0:6") && r.err().contains("outside"), r.err());
    assertFalse(Files.exists(dir.resolve("dst")));
    Run inverted = ndio("convert", "zarr:" + dir.resolve("src"), "zarr:" + dir.resolve("dst"),
        "--box", "0:10,9:3,0:1");
    assertEquals(1, inverted.status());
    assertTrue(inverted.err().contains("inverted y range 9:3"), inverted.err());
  }

  @Test
  void aCorruptChunkFailsTheCopyAndLeavesNoTarget() throws Exception {
    Path src = dir.resolve("src");
    TestVolumes.write("zarr:" + src, TestVolumes.random(DataType.UINT16, 20, 20, 5, 2),
        new Size3(8, 8, 8), "none");
    Files.write(src.resolve("0.1.1"), new byte[] {9, 9, 9});
    Run r = ndio("convert", "zarr:" + src, "zarr:" + dir.resolve("dst"), "--quiet");
    assertEquals(1, r.status());
    assertTrue(r.err().contains("chunk 0.1.1") && !r.hasStackTrace(), r.err());
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(1, s.count(), "only the source is left");
    }
  }

  @Test
  void aTruncatedNpzIsNamedAndNothingIsWritten() throws Exception {
    Path npz = dir.resolve("v.npz");
    TestVolumes.write("npz:" + npz, TestVolumes.random(DataType.UINT16, 30, 20, 5, 4), null,
        null);
    byte[] all = Files.readAllBytes(npz);
    Files.write(npz, java.util.Arrays.copyOf(all, all.length / 2));
    Run r = ndio("convert", "npz:" + npz, "tiff:" + dir.resolve("out.tif"), "--quiet");
    assertEquals(1, r.status());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains(npz.toString()) && !r.hasStackTrace(), r.err());
    assertFalse(Files.exists(dir.resolve("out.tif")));
  }

  @Test
  void aCorruptBloscHeaderIsNamed() throws Exception {
    Path src = dir.resolve("src");
    TestVolumes.write("zarr:" + src, TestVolumes.random(DataType.UINT16, 20, 20, 5, 2),
        new Size3(8, 8, 8), "blosc:lz4:5:byte");
    byte[] chunk = Files.readAllBytes(src.resolve("0.1.1"));
    chunk[4] = (byte) 0xff; // nbytes, the uncompressed size, no longer matches the chunk
    Files.write(src.resolve("0.1.1"), chunk);
    Run r = ndio("convert", "zarr:" + src, "npy:" + dir.resolve("out.npy"), "--quiet");
    assertEquals(1, r.status());
    assertTrue(r.err().contains("chunk 0.1.1") && !r.hasStackTrace(), r.err());
    assertFalse(Files.exists(dir.resolve("out.npy")));
  }

  @Test
  void aTypeTheTargetCannotHoldIsNamed() {
    TestVolumes.write("zarr:" + dir.resolve("labels"), TestVolumes.random(DataType.UINT64, 8, 8,
        2, 3), null, null);
    Run r = ndio("convert", "zarr:" + dir.resolve("labels"), "png:" + dir.resolve("pngs"));
    assertEquals(1, r.status());
    assertTrue(r.err().contains("uint64") && !r.hasStackTrace(), r.err());
    assertFalse(Files.exists(dir.resolve("pngs")));
  }

  @Test
  void countFindsTheDemosCellsAndWritesTheTable() throws Exception {
    Path demo = dir.resolve("demo");
    Run made = ndio("demo", demo.toString(), "--shape", "128,96,24", "--seed", "3");
    assertEquals(0, made.status(), made.err());
    int cells = Integer.parseInt(made.out().replaceAll("(?s).*: (\\d+) cells.*", "$1"));
    Path csv = dir.resolve("cells.csv");
    Run r = ndio("count", "zarr:" + demo.resolve("em"), "--threshold", "128", "--connectivity",
        "26", "--cuboid", "32,32,8", "--out", csv.toString());
    assertEquals(0, r.status(), r.err());
    assertEquals(cells + " objects", r.out().strip());
    List<String> lines = Files.readAllLines(csv);
    assertEquals(cells + 1, lines.size());
    assertTrue(lines.get(0).startsWith("id,voxels,centroid_x"), lines.get(0));
    assertTrue(r.err().contains("seam merge driver"), r.err());
    Path spread = dir.resolve("cells-distributed.csv");
    Run d = ndio("count", "zarr:" + demo.resolve("em"), "--threshold", "128", "--connectivity",
        "26", "--cuboid", "32,32,8", "--driver-merge-limit", "0", "--out", spread.toString());
    assertEquals(cells + " objects", d.out().strip());
    assertTrue(d.err().contains("seam merge distributed"), d.err());
    assertEquals(lines, Files.readAllLines(spread));
    Run negative = ndio("count", "zarr:" + demo.resolve("em"), "--threshold", "128",
        "--driver-merge-limit", "-1");
    assertEquals(1, negative.status());
    assertTrue(negative.err().contains("driver merge limit -1") && !negative.hasStackTrace(),
        negative.err());
    Run labels = ndio("count", "zarr:" + demo.resolve("labels"), "--labels");
    assertEquals(cells + " objects", labels.out().strip());
    Run bad = ndio("count", "zarr:" + demo.resolve("em"), "--threshold", "1", "--split");
    assertEquals(1, bad.status());
    assertTrue(bad.err().contains("--split goes with --labels"), bad.err());
  }

  @Test
  void convertCopiesABoxAndInfoDescribesIt() {
    Volume v = TestVolumes.random(DataType.UINT32, 40, 30, 10, 3);
    TestVolumes.write("zarr:" + dir.resolve("src"), v, new Size3(16, 16, 4), "none");
    Run r = ndio("convert", "zarr:" + dir.resolve("src"), "zarr:" + dir.resolve("dst"),
        "--box", "5:35,10:30,2:9", "--chunks", "7,7,7", "--compressor", "none", "--quiet");
    assertEquals(0, r.status(), r.err());
    try (VolumeReader out = Volumes.open("zarr:" + dir.resolve("dst"))) {
      assertEquals(v.view(5, 10, 2, 30, 20, 7), out.readAll());
      assertEquals(new Size3(7, 7, 7), out.info().chunks());
    }
    Run info = ndio("info", "zarr:" + dir.resolve("dst"));
    assertEquals(0, info.status());
    assertTrue(info.out().contains("\"dtype\" : \"uint32\""), info.out());
    assertTrue(info.out().replaceAll("\\s", "").contains("\"shape\":{\"x\":30,\"y\":20,\"z\":7}"),
        info.out());
  }
}
