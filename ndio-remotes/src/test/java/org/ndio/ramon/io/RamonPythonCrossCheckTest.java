package org.ndio.ramon.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.ramon.AttributedRegion;
import org.ndio.ramon.Cutout;
import org.ndio.ramon.FlowDirection;
import org.ndio.ramon.Generic;
import org.ndio.ramon.Node;
import org.ndio.ramon.RamonCommon;
import org.ndio.ramon.RamonObject;
import org.ndio.ramon.RamonVolume;
import org.ndio.ramon.Skeleton;
import org.ndio.ramon.Status;
import org.ndio.ramon.Synapse;
import org.ndio.ramon.SynapseLink;
import org.ndio.ramon.SynapseType;
import org.ndio.testing.Python;
import org.ndio.testing.RamonSamples;
import org.ndio.volume.BoundingBox;

/**
 * Checks the RAMON formats against an independent reference: {@code ndstore_layout.py}, which
 * writes and checks ndstore's HDF5 layout with h5py and its flat JSON with Python's json and
 * csv modules, from the layout's description rather than from ndio's code.
 */
class RamonPythonCrossCheckTest {

  private static String script;

  @TempDir
  Path dir;

  @BeforeAll
  static void load() throws IOException {
    Python.require("h5py", "numpy");
    try (InputStream in = RamonPythonCrossCheckTest.class
        .getResourceAsStream("/ramon/ndstore_layout.py")) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static List<RamonObject> byId(List<RamonObject> l) {
    return l.stream().sorted(Comparator.comparingLong(o -> o.id() == 0 ? Long.MAX_VALUE
        : o.id())).toList();
  }

  @Test
  void h5pyFindsEveryDatasetOfOurFileAsNdstoreLaysItOut() {
    Path ours = dir.resolve("ours.h5");
    RamonHdf5.write(RamonSamples.all(), ours);
    String out = Python.run(script, "check", ours.toString());
    assertTrue(out.startsWith("ok"), out);
  }

  @Test
  void readsTheFileH5pyWritesInNdstoreLayout() throws IOException {
    Path ref = dir.resolve("ref.h5");
    Python.run(script, "write", ref.toString());
    List<RamonObject> got = RamonHdf5.read(ref);
    assertEquals(byId(RamonSamples.all()), got);
    // and our copy of it is what h5py expects
    Path again = dir.resolve("again.h5");
    RamonHdf5.write(got, again);
    assertTrue(Python.run(script, "check", again.toString()).startsWith("ok"));
  }

  @Test
  void pythonJsonParsesOurFlatJsonAsNdstoreToDict() {
    Path ours = dir.resolve("ours.json");
    RamonJson.write(RamonSamples.all(), false, ours);
    String out = Python.run(script, "json", ours.toString());
    assertTrue(out.startsWith("ok"), out);
  }

  @Test
  void readsTheOriginalClientsCodesAndNames() {
    Path legacy = dir.resolve("legacy.h5");
    Python.run(script, "legacy", legacy.toString());
    List<RamonObject> got = RamonHdf5.read(legacy);
    Map<String, String> kv = new java.util.LinkedHashMap<>();
    kv.put("a", "1");
    kv.put("b", "2");
    RamonCommon c41 = new RamonCommon(41, Status.PROCESSED, 0.5, "legacy", kv);
    Cutout cut = new Cutout(BoundingBox.at(4, 5, 6, 2, 1, 2).atResolution(1),
        org.ndio.volume.Volume.wrap(org.ndio.volume.DataType.UINT32, 2, 1, 2,
            le32(0, 43, 43, 43)));
    assertEquals(List.of(
        new AttributedRegion(c41, Optional.empty()),
        new RamonVolume(c41.withId(42), Optional.empty()),
        new Synapse(RamonCommon.of(43), SynapseType.INHIBITORY, 0.75,
            List.of(new SynapseLink(7, FlowDirection.UNKNOWN),
                new SynapseLink(9, FlowDirection.UNKNOWN)), List.of(), Optional.empty(),
            Optional.of(cut)),
        new Node(RamonCommon.of(44), 1, 42, 0, 2.5, Optional.empty(), List.of(),
            Optional.empty()),
        new Generic(new RamonCommon(0, Status.IGNORED, 0, "scalar author", Map.of()),
            Optional.empty())), got);
    List<RamonObject> server = RamonHdf5.read(legacy, TypeCodes.SERVER);
    assertTrue(server.get(0) instanceof Node && server.get(1) instanceof Skeleton);
    List<RamonObject> old = RamonHdf5.read(legacy, TypeCodes.LEGACY);
    assertTrue(old.get(3) instanceof AttributedRegion);
  }

  private static byte[] le32(int... v) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(v.length * 4)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (int x : v) {
      b.putInt(x);
    }
    return b.array();
  }

  @Test
  void idListsAndBoundingBoxesReadByH5py() {
    Path ids = dir.resolve("ids.h5");
    Path none = dir.resolve("none.h5");
    Path box = dir.resolve("box.h5");
    try {
      Files.write(ids, RamonHdf5.writeIds(new long[] {5, 4_000_000_000L, 7}));
      Files.write(none, RamonHdf5.writeIds(new long[0]));
      Files.write(box, RamonHdf5.writeBoundingBox(9,
          new BoundingBox(10, 13, 20, 22, 30, 34, 2)));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    String out = Python.run("import h5py, sys\n"
        + "f = h5py.File(sys.argv[1], 'r')\n"
        + "a = f['ANNOIDS']\n"
        + "print(a.dtype, a.shape, [int(x) for x in a[:]])\n"
        + "print(list(h5py.File(sys.argv[2], 'r').keys()))\n"
        + "g = h5py.File(sys.argv[3], 'r')['9']\n"
        + "print(*[(k, str(g[k].dtype), [int(x) for x in g[k][:]]) for k in sorted(g)])\n",
        ids.toString(), none.toString(), box.toString());
    assertEquals("uint32 (3,) [5, 4000000000, 7]\n[]\n"
        + "('RESOLUTION', 'uint32', [2]) ('XYZDIMENSION', 'uint32', [3, 2, 4])"
        + " ('XYZOFFSET', 'uint32', [10, 20, 30])", out.strip());
  }

  @Test
  void readsIdListsAndBoxesH5pyWrites() throws IOException {
    Path ids = dir.resolve("ids.h5");
    Path box = dir.resolve("box.h5");
    Python.run("import h5py, numpy as np, sys\n"
        + "with h5py.File(sys.argv[1], 'w') as f:\n"
        + "  f.create_dataset('ANNOIDS', (3,), np.uint32, data=[3, 1, 4000000000])\n"
        + "with h5py.File(sys.argv[2], 'w') as f:\n"
        + "  g = f.create_group('17')\n"
        + "  g.create_dataset('RESOLUTION', (1,), np.uint32, data=1)\n"
        + "  g.create_dataset('XYZOFFSET', (3,), np.uint32, data=[1, 2, 3])\n"
        + "  g.create_dataset('XYZDIMENSION', (3,), np.uint32, data=[10, 20, 30])\n",
        ids.toString(), box.toString());
    assertEquals(List.of(3L, 1L, 4_000_000_000L), java.util.Arrays.stream(
        RamonHdf5.readIds(Files.readAllBytes(ids), "ids.h5")).boxed().toList());
    assertEquals(Map.of(17L, new BoundingBox(1, 11, 2, 22, 3, 33, 1)),
        RamonHdf5.readBoundingBoxes(Files.readAllBytes(box), "box.h5"));
  }
}
