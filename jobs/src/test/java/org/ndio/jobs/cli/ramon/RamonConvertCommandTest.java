package org.ndio.jobs.cli.ramon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.jobs.cli.Ndio;
import org.ndio.ramon.RamonObject;
import org.ndio.ramon.io.RamonHdf5;
import org.ndio.ramon.io.RamonJson;
import org.ndio.testing.RamonSamples;

class RamonConvertCommandTest {

  @TempDir
  Path dir;

  record Run(int status, String out, String err) {}

  static Run ndio(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Ndio.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(status, out.toString(), err.toString());
  }

  private static List<RamonObject> byId(List<RamonObject> l) {
    return l.stream().sorted(Comparator.comparingLong(o -> o.id() == 0 ? Long.MAX_VALUE
        : o.id())).toList();
  }

  @Test
  void hdf5ToJsonToHdf5KeepsEveryObject() {
    Path h5 = dir.resolve("in.h5");
    Path json = dir.resolve("mid.json");
    Path back = dir.resolve("back.hdf5");
    RamonHdf5.write(RamonSamples.all(), h5);

    Run r = ndio("ramon", "convert", h5.toString(), json.toString(), "--voxels");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("wrote 12 RAMON objects"), r.out());
    assertEquals(byId(RamonSamples.all()), byId(RamonJson.read(json)));

    Run r2 = ndio("ramon", "convert", json.toString(), back.toString());
    assertEquals(0, r2.status(), r2.err());
    assertEquals(byId(RamonSamples.all()), RamonHdf5.read(back));
  }

  @Test
  void jsonWithoutVoxelsSaysWhatWasLeftOut() {
    Path h5 = dir.resolve("in.h5");
    Path json = dir.resolve("meta.json");
    RamonHdf5.write(RamonSamples.all(), h5);
    Run r = ndio("ramon", "convert", h5.toString(), json.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.err().contains("voxels of 8 objects were left out"), r.err());
    assertEquals(byId(RamonSamples.all()).stream().map(RamonObject::metadataOnly).toList(),
        byId(RamonJson.read(json)));
  }

  @Test
  void badInputFailsInOneLineAndLeavesNoOutput() throws Exception {
    Path bad = dir.resolve("bad.json");
    Path out = dir.resolve("out.h5");
    Files.writeString(bad, "{\"5\": {\"ann_type\": 42}}");
    Run r = ndio("ramon", "convert", bad.toString(), out.toString());
    assertEquals(1, r.status());
    assertTrue(r.err().startsWith("ndio: error: " + bad + ": object '5': unknown RAMON type"
        + " code 42"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertFalse(Files.exists(out));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file left behind");
    }
  }

  @Test
  void unknownExtensionOrCodesAreUsageErrors() {
    assertEquals(2, ndio("ramon", "convert", "a.txt", "b.json").status());
    assertEquals(2, ndio("ramon", "convert", "a.h5", "b.json", "--type-codes", "x").status());
    assertEquals(2, ndio("ramon").status());
    Run help = ndio("ramon", "convert", "--help");
    assertEquals(0, help.status());
    assertTrue(help.out().startsWith("Usage: ndio ramon convert"), help.out());
  }

  @Test
  void legacyCodesOption() {
    Path in = dir.resolve("node.json");
    Path out = dir.resolve("node-out.json");
    try {
      Files.writeString(in, "{\"7\": {\"type\": 7, \"metadata\": {\"author\": \"x\"}}}");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertEquals(0, ndio("ramon", "convert", in.toString(), out.toString(), "--type-codes",
        "server").status());
    assertEquals("node", RamonJson.read(out).get(0).type().serverName());
    assertEquals(0, ndio("ramon", "convert", in.toString(), out.toString()).status());
    assertEquals("attributedregion", RamonJson.read(out).get(0).type().serverName());
  }
}
