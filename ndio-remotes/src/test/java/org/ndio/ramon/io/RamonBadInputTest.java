package org.ndio.ramon.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ndio.RamonException;
import org.ndio.format.hdf5.Hdf5Array;
import org.ndio.format.hdf5.Hdf5Bytes;
import org.ndio.ramon.Cutout;
import org.ndio.ramon.Generic;
import org.ndio.ramon.Node;
import org.ndio.ramon.RamonCommon;
import org.ndio.ramon.RamonType;
import org.ndio.ramon.Status;
import org.ndio.testing.RamonSamples;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/** Every kind of bad RAMON input is one typed, one-line error naming file and object. */
class RamonBadInputTest {

  private static void refused(Executable e, String... parts) {
    RamonException x = assertThrows(RamonException.class, e);
    String m = x.getMessage();
    assertFalse(m.contains("\n"), "one line: " + m);
    for (String p : parts) {
      assertTrue(m.contains(p), "'" + p + "' in: " + m);
    }
  }

  /** A good generic object 5 plus {@code extra} datasets, as HDF5 bytes. */
  private static byte[] h5(Map<String, Object> extra) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("/5/ANNOTATION_TYPE", Hdf5Array.uint32(1));
    d.put("/5/METADATA/STATUS", Hdf5Array.uint32(1));
    d.putAll(extra);
    return Hdf5Bytes.write(d, -1, "test");
  }

  private static void refusedH5(Map<String, Object> extra, String... parts) {
    byte[] f = h5(extra);
    String[] all = Arrays.copyOf(parts, parts.length + 1);
    all[parts.length] = "bad.h5";
    refused(() -> RamonHdf5.read(f, "bad.h5"), all);
  }

  @Test
  void notHdf5() {
    refused(() -> RamonHdf5.read(new byte[0], "bad.h5"), "bad.h5", "empty");
    refused(() -> RamonHdf5.read("{\"json\": 1}".getBytes(), "bad.h5"), "bad.h5");
    byte[] good = RamonHdf5.write(RamonSamples.all());
    for (int cut : new int[] {100, good.length / 2, good.length - 200}) {
      refused(() -> RamonHdf5.read(Arrays.copyOf(good, cut), "cut.h5"), "cut.h5");
    }
    refused(() -> RamonHdf5.readIds(new byte[] {1, 2, 3}, "ids.h5"), "ids.h5");
  }

  @Test
  void unknownTypeAndEnumCodes() {
    refusedH5(Map.of("/6/ANNOTATION_TYPE", Hdf5Array.uint32(42)), "#/6", "type code 42");
    refusedH5(Map.of("/6/METADATA/STATUS", Hdf5Array.uint32(7)), "#/6", "status code 7");
    refusedH5(Map.of("/6/ANNOTATION_TYPE", Hdf5Array.uint32(4),
        "/6/METADATA/SEGMENTCLASS", Hdf5Array.uint32(8)), "#/6", "segment class code 8");
    byte[] f = h5(Map.of("/6/ANNOTATION_TYPE", Hdf5Array.uint32(9)));
    refused(() -> RamonHdf5.read(f, "bad.h5", TypeCodes.LEGACY), "#/6", "legacy");
  }

  @Test
  void invalidIds() {
    refusedH5(Map.of("/99999999999/ANNOTATION_TYPE", Hdf5Array.uint32(1)), "#/99999999999",
        "not a valid id");
    refusedH5(Map.of("/ANNOIDS", Hdf5Array.uint32(1, 2)), "#/ANNOIDS", "id list");
    refused(() -> RamonHdf5.readIds(h5(Map.of("/ANNOIDS", Hdf5Array.uint32(1, 0))), "ids.h5"),
        "ids.h5#/ANNOIDS", "holds 0");
  }

  @Test
  void wrongShapesAndTypes() {
    refusedH5(Map.of("/5/METADATA/CONFIDENCE", Hdf5Array.float64(1, 2)), "#/5/METADATA",
        "CONFIDENCE", "shape (2,)");
    refusedH5(Map.of("/6/METADATA/STATUS", "two"), "#/6/METADATA/STATUS", "expected integers");
    refusedH5(Map.of("/6/METADATA/AUTHOR", Hdf5Array.uint32(3)), "AUTHOR", "expected a string");
    refusedH5(Map.of("/6/RESOLUTION", Hdf5Array.uint32(0), "/6/VOXELS",
        Hdf5Array.uint32(1, 2, 3)), "#/6/VOXELS", "shape (3,)");
    refusedH5(Map.of("/6/RESOLUTION", Hdf5Array.uint32(0), "/6/VOXELS",
        Hdf5Array.uint32(new long[] {1, 2, 3, 4}, 2)), "#/6/VOXELS", "shape (2, 2)");
    refusedH5(Map.of("/6/CUTOUT", Volume.allocate(DataType.UINT8, 2, 2, 2)), "#/6",
        "CUTOUT without XYZOFFSET");
    refusedH5(Map.of("/6/XYZOFFSET", Hdf5Array.uint32(1, 2, 3)), "#/6",
        "XYZOFFSET without CUTOUT");
    refusedH5(Map.of("/6/XYZOFFSET", Hdf5Array.uint32(1, 2), "/6/CUTOUT",
        Volume.allocate(DataType.UINT8, 2, 2, 2)), "#/6/XYZOFFSET", "shape (2,)");
    refusedH5(Map.of("/6/XYZOFFSET", Hdf5Array.uint32(1, 2, 3), "/6/CUTOUT",
        Volume.allocate(DataType.FLOAT32, 2, 2, 2)), "#/6/CUTOUT", "float32");
    refusedH5(Map.of("/6/METADATA", "not a group"), "#/6/METADATA", "not a group");
  }

  @Test
  void garbageInLinkFields() {
    refusedH5(Map.of("/6/ANNOTATION_TYPE", Hdf5Array.uint32(2),
        "/6/METADATA/SEGMENTS", Hdf5Array.uint32(3, 0)), "#/6/METADATA/SEGMENTS", "holds 0");
    refusedH5(Map.of("/6/ANNOTATION_TYPE", Hdf5Array.uint32(4),
        "/6/METADATA/NEURON", new Hdf5Array(new long[] {1L << 33}, false)),
        "#/6/METADATA/NEURON", "8589934592");
    refusedH5(Map.of("/6/ANNOTATION_TYPE", Hdf5Array.uint32(6),
        "/6/METADATA/SEEDS", Hdf5Array.float64(1.5)), "#/6/METADATA/SEEDS", "integers");
    refusedH5(Map.of("/6/ANNOTATION_TYPE", Hdf5Array.uint32(7),
        "/6/METADATA/PARENTID", Hdf5Array.int32(-5)), "#/6/METADATA/PARENTID", "-5");
    refusedH5(Map.of("/6/ANNOTATION_TYPE", Hdf5Array.uint32(2),
        "/6/METADATA/CENTROID", Hdf5Array.uint32(1, 2)), "CENTROID", "shape (2,)");
  }

  @Test
  void badKeyValueText() {
    refusedH5(Map.of("/6/METADATA/KVPAIRS", "a,b,c\r\n"), "#/6/METADATA/KVPAIRS",
        "3 fields");
    refusedH5(Map.of("/6/METADATA/KVPAIRS", "\"a,b\r\n"), "KVPAIRS", "unclosed quote");
    refusedH5(Map.of("/6/METADATA/KVPAIRS", "justakey\r\n"), "KVPAIRS", "1 field");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{|malformed JSON",
      "[1, 2]|expected a JSON object",
      "''|empty",
      "{\"5\": 3}|object '5' is 3",
      "{\"5\": {\"ann_type\": 42}}|unknown RAMON type code 42",
      "{\"5\": {\"ann_status\": 1}}|no ann_type",
      "{\"5\": {\"ann_type\": \"synapse\"}}|expected an integer",
      "{\"x\": {\"ann_type\": 1}}|not an id and there is no ann_id",
      "{\"5\": {\"ann_type\": 1, \"ann_id\": \"abc\"}}|ann_id holds \"abc\"",
      "{\"5\": {\"ann_type\": 1, \"ann_id\": -3}}|ann_id holds -3",
      "{\"5\": {\"ann_type\": 1, \"ann_id\": 6}}|disagree",
      "{\"99999999999\": {\"ann_type\": 1}}|not a valid id",
      "{\"5\": {\"ann_type\": 2, \"syn_segments\": [\"x\"]}}|syn_segments holds \"x\"",
      "{\"5\": {\"ann_type\": 2, \"syn_segments\": [0]}}|syn_segments holds 0",
      "{\"5\": {\"ann_type\": 2, \"syn_centroid\": \"[1, 2]\"}}|syn_centroid",
      "{\"5\": {\"ann_type\": 4, \"seg_neuron\": {\"a\": 1}}}|seg_neuron",
      "{\"5\": {\"ann_type\": 4, \"seg_class\": 9}}|segment class code 9",
      "{\"5\": {\"ann_type\": 4, \"syn_weight\": 2}}|segment does not have",
      "{\"5\": {\"ann_type\": 1, \"colour\": [1, 2]}}|key-value pairs hold text",
      "{\"5\": {\"ann_type\": 1, \"ann_author\": 1, \"ann_author\": 2}}|Duplicate field",
      "{\"5\": {\"ann_type\": 1, \"ndio_ramon_type\": \"blob\"}}|ndio_ramon_type",
      "{\"5\": {\"ann_type\": 4, \"ndio_ramon_type\": \"volume\"}}|reserved",
      "{\"5\": {\"type\": \"banana\"}}|unknown RAMON type 'banana'",
      "{\"5\": {\"metadata\": {}}}|no type",
      "{\"5\": {\"type\": \"synapse\", \"metadata\": {\"segments\": [[3, 9]]}}}|flow direction",
      "{\"5\": {\"type\": \"segment\", \"metadata\": 7}}|metadata is 7",
      "{\"5\": {\"ann_type\": 1, \"ndio_voxels\": {\"resolution\": 0, \"offset\": [0, 0, 0],"
          + " \"shape\": [1, 1, 2], \"dtype\": \"uint8\", \"data\": \"AA==\"}}}|needs 2",
      "{\"5\": {\"ann_type\": 1, \"ndio_voxels\": {\"voxels\": [[1, 2]]}}}|expected [x, y, z]",
  })
  void badJson(String json, String expected) {
    refused(() -> RamonJson.read(json, "bad.json"), "bad.json", expected);
  }

  @Test
  void aBadObjectAmongGoodOnesFailsTheWholeRead() {
    String good = RamonJson.write(RamonSamples.all());
    String bad = good.substring(0, good.length() - 1) + ", \"77\": {\"ann_type\": 99}}";
    refused(() -> RamonJson.read(bad, "mixed.json"), "mixed.json", "'77'");
  }

  @Test
  void pairsThatAFormatCouldNotTellApartAreRefusedOnWrite() {
    Generic g = Generic.of(5);
    refused(() -> RamonJson.write(List.of(g.withCommon(g.common().with("ann_author", "x")))),
        "ann_author", "rename");
    refused(() -> RamonJson.write(List.of(g.withCommon(g.common().with("syn_seeds", "x")))),
        "syn_seeds");
    for (var w : List.<java.util.function.Consumer<List<org.ndio.ramon.RamonObject>>>of(
        RamonJson::write, RamonHdf5::write)) {
      refused(() -> w.accept(List.of(g.withCommon(g.common().with(RamonType.TYPE_KEY,
          "volume")))), RamonType.TYPE_KEY, "reserved");
      refused(() -> w.accept(List.of(g, Generic.of(5))), "5", "twice");
    }
    refused(() -> RamonHdf5.write(List.of(g.withCommon(new RamonCommon(5, Status.LOCKED, 0,
        "a\0b", Map.of())))), "NUL");
    refused(() -> RamonHdf5.write(List.of(new Generic(RamonCommon.of(5), Optional.of(
        new Cutout(BoundingBox.ofShape(1, 1, 1), Volume.allocate(DataType.FLOAT32, 1, 1, 1)))))),
        "float32");
    refused(() -> RamonHdf5.write(List.of(new Node(RamonCommon.of(5), 0, 0, 3_000_000_000L, 0,
        Optional.empty(), List.of(), Optional.empty()))), "PARENTID");
    refused(() -> RamonHdf5.writeIds(new long[] {1, 0}), "0");
  }

  @Test
  void missingFileIsTyped() {
    assertThrows(org.ndio.NdioException.class,
        () -> RamonHdf5.read(java.nio.file.Path.of("/nonexistent/x.h5")));
  }

  @Test
  void newObjectsKeepNoIdAndNumberedOnesTheirs() {
    byte[] f = Hdf5Bytes.write(Map.of("/0/ANNOTATION_TYPE", Hdf5Array.uint32(1),
        "/abc/ANNOTATION_TYPE", Hdf5Array.uint32(1), "/007/ANNOTATION_TYPE",
        Hdf5Array.uint32(1)), -1, "t");
    assertEquals(List.of(7L, 0L, 0L), RamonHdf5.read(f, "t").stream()
        .map(o -> o.id()).toList());
  }
}
