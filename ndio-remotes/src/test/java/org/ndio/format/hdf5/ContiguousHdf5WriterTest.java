package org.ndio.format.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.BoxOutOfBoundsException;
import org.ndio.DataTypeException;
import org.ndio.format.Fixtures;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeUrl;
import org.ndio.store.VolumeWriter;
import org.ndio.store.WriteMode;
import org.ndio.testing.CapturedLog;
import org.ndio.testing.Python;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;
import org.ndio.volume.VoxelSize;

/**
 * ndio's own contiguous HDF5 writer, checked against h5py (the HDF5 C library) and jhdf reading
 * its files, and against jhdf's writer for the attributes both must write alike.
 */
class ContiguousHdf5WriterTest {

  @TempDir
  Path dir;

  // What h5py sees of each FILE#PATH: the dataset, its storage, its attributes with their HDF5
  // types, and every object in the file by kind.
  private static final String READ = String.join("\n",
      "import h5py",
      "def attr(d, k):",
      "    a = d.attrs.get_id(k)",
      "    v = d.attrs[k]",
      "    v = np.asarray(v)",
      "    v = [x.decode() if isinstance(x, bytes) else x for x in v.ravel().tolist()]",
      "    return {'dtype': a.dtype.str, 'shape': list(a.shape), 'value': v}",
      "def fill(d):",
      "    try:",
      "        return d.fillvalue.item()",
      "    except RuntimeError:  # jhdf's writer leaves the fill value undefined",
      "        return None",
      "res = {}",
      "for name in sys.argv[2:]:",
      "    fname, path = name.split('#')",
      "    with h5py.File(sys.argv[1] + '/' + fname, 'r') as f:",
      "        d = f[path]",
      "        a = d[()]",
      "        kinds = {}",
      "        f.visititems(lambda n, o: kinds.__setitem__(n,",
      "            'group' if isinstance(o, h5py.Group) else 'dataset'))",
      "        res[name] = {'crc': crc(a), 'dtype': a.dtype.str, 'shape': list(a.shape),",
      "            'contiguous': d.id.get_create_plist().get_layout() == h5py.h5d.CONTIGUOUS,",
      "            'chunks': d.chunks, 'compression': d.compression, 'fill': fill(d),",
      "            'attrs': {k: attr(d, k) for k in d.attrs}, 'objects': kinds,",
      "            'first': a.ravel()[0].item(), 'second': a.ravel()[1].item(),",
      "            'last': a.ravel()[-1].item()}",
      "print(json.dumps(res))");

  private JsonNode h5py(List<String> names) {
    List<Path> args = new ArrayList<>(List.of(dir));
    names.forEach(n -> args.add(Path.of(n)));
    return Fixtures.python(READ, args.toArray(new Path[0]));
  }

  private VolumeWriter create(String file, String path, VolumeSpec spec) {
    return new Hdf5Format().create(
        VolumeUrl.parse("hdf5:" + dir.resolve(file) + (path == null ? "" : "#" + path)), spec,
        WriteMode.ERROR_IF_EXISTS);
  }

  private Volume readWithJhdf(String file, String path) {
    try (VolumeReader r = new Hdf5Format().open(
        VolumeUrl.parse("hdf5:" + dir.resolve(file) + "#" + path))) {
      return r.readAll();
    }
  }

  @Test
  void contiguousTargetsUseTheStreamingWriter() {
    VolumeSpec spec = VolumeSpec.of(DataType.UINT8, new Size3(4, 3, 2));
    try (VolumeWriter w = create("a.h5", null, spec)) {
      assertInstanceOf(ContiguousHdf5Writer.class, w);
    }
    try (VolumeWriter w = create("b.h5", null, spec.withCompressor("gzip"))) {
      assertInstanceOf(Hdf5Writer.class, w, "filtered datasets still go through jhdf");
    }
  }

  @Test
  void onlyJhdfsWriterWarnsThatJhdfsWritingIsInAlpha() {
    VolumeSpec spec = VolumeSpec.of(DataType.UINT8, new Size3(4, 3, 2));
    Volume v = TestVolumes.random(DataType.UINT8, 4, 3, 2, 1);
    try (CapturedLog log = CapturedLog.open()) {
      try (VolumeWriter w = create("quiet.h5", null, spec)) {
        w.write(0, 0, 0, v);
        w.commit();
      }
      assertEquals(List.of(), jhdfLines(log), "ndio's own writer uses no jhdf class that logs");
      try (VolumeWriter w = create("jhdf.h5", null, spec.withCompressor("gzip"))) {
        w.write(0, 0, 0, v);
        w.commit();
      }
      assertTrue(jhdfLines(log).stream().anyMatch(l -> l.contains("Writing files is in alpha")),
          "jhdf's writer still warns, and the log sees it: " + log.lines());
    }
  }

  private static List<String> jhdfLines(CapturedLog log) {
    return log.lines().stream().filter(l -> l.contains("io.jhdf")).toList();
  }

  @Test
  void everyTypeEveryVoxelAsH5pyAndJhdfReadIt() {
    Python.require("numpy", "h5py");
    List<String> names = new ArrayList<>();
    List<Volume> volumes = new ArrayList<>();
    for (DataType t : DataType.values()) {
      Volume v = TestVolumes.random(t, 9, 7, 5, 40 + t.ordinal());
      String file = "t_" + t.numpyName() + ".h5";
      try (VolumeWriter w = create(file, null, VolumeSpec.of(t, new Size3(9, 7, 5)))) {
        w.write(0, 0, 0, v);
        w.commit();
      }
      names.add(file + "#/data");
      volumes.add(v);
    }
    JsonNode got = h5py(names);
    for (int i = 0; i < names.size(); i++) {
      Volume v = volumes.get(i);
      DataType t = v.dtype();
      JsonNode x = got.get(names.get(i));
      String name = names.get(i);
      assertEquals(t.typestr(java.nio.ByteOrder.LITTLE_ENDIAN).replace("<u1", "|u1")
          .replace("<i1", "|i1"), x.get("dtype").asText(), name);
      assertEquals("[5,7,9]", x.get("shape").toString(), name);
      assertEquals(v.checksum(), x.get("crc").asLong(), name);
      assertTrue(x.get("contiguous").asBoolean(), name);
      assertEquals(0, x.get("fill").asDouble(), name);
      assertEquals("{\"data\":\"dataset\"}", x.get("objects").toString(), name);
      if (!t.isFloat()) {
        // the type's minimum and maximum sit at the first two voxels
        long min = t.isSigned() ? -(1L << (8 * t.bytes() - 1)) : 0;
        assertEquals(min, x.get("first").asLong(), name);
        if (t == DataType.UINT64) {
          assertEquals("18446744073709551615", x.get("second").bigIntegerValue().toString());
        } else {
          assertEquals(v.getLong(1, 0, 0), x.get("second").asLong(), name);
        }
      }
      assertEquals(v, readWithJhdf(names.get(i).split("#")[0], "/data"), name);
    }
  }

  @Test
  void blocksOfAnyShapeLandInPlaceAndUnwrittenVoxelsAreZero() {
    Python.require("numpy", "h5py");
    Volume v = TestVolumes.random(DataType.INT16, 37, 23, 11, 5);
    Volume expected = Volume.allocate(DataType.INT16, 37, 23, 11);
    VolumeSpec spec = VolumeSpec.of(DataType.INT16, new Size3(37, 23, 11));
    try (VolumeWriter w = create("blocks.h5", "/vol", spec)) {
      // whole sections, sections' rows, part rows, a view of a larger volume, a last
      // section left unwritten
      List<BoundingBox> boxes = List.of(BoundingBox.at(0, 0, 0, 37, 23, 3),
          BoundingBox.at(0, 5, 3, 37, 10, 4), BoundingBox.at(0, 0, 3, 37, 5, 4),
          BoundingBox.at(3, 15, 3, 30, 8, 5), BoundingBox.at(0, 15, 3, 3, 8, 4),
          BoundingBox.at(33, 15, 3, 4, 8, 4));
      for (BoundingBox b : boxes) {
        Volume part = v.view(b);
        w.write(b.x0(), b.y0(), b.z0(), part);
        expected.copyFrom(part, (int) b.x0(), (int) b.y0(), (int) b.z0());
      }
      BoundingBox some = BoundingBox.at(2, 1, 2, 30, 20, 9);
      assertEquals(expected.view(some), w.read(some), "reads back what was written");
      w.commit();
    }
    assertEquals(0, expected.getLong(5, 5, 10));
    JsonNode x = h5py(List.of("blocks.h5#/vol")).get("blocks.h5#/vol");
    assertEquals(expected.checksum(), x.get("crc").asLong());
    assertEquals(expected, readWithJhdf("blocks.h5", "/vol"));
  }

  @Test
  void nestedGroupsAndOneSection() {
    Python.require("numpy", "h5py");
    Volume v = TestVolumes.random(DataType.UINT32, 64, 50, 1, 9);
    String longName = "g".repeat(300);
    String path = "/volumes/ünïcode/" + longName + "/raw";
    try (VolumeWriter w = create("nested.h5", path,
        VolumeSpec.of(DataType.UINT32, new Size3(64, 50, 1)))) {
      w.write(0, 0, 0, v);
      w.commit();
    }
    JsonNode x = h5py(List.of("nested.h5#" + path)).get("nested.h5#" + path);
    assertEquals("[1,50,64]", x.get("shape").toString());
    assertEquals(v.checksum(), x.get("crc").asLong());
    Map<String, String> objects = new LinkedHashMap<>();
    x.get("objects").fields().forEachRemaining(e -> objects.put(e.getKey(), e.getValue().asText()));
    assertEquals(Map.of("volumes", "group", "volumes/ünïcode", "group",
        "volumes/ünïcode/" + longName, "group", "volumes/ünïcode/" + longName + "/raw",
        "dataset"), objects);
    assertEquals(v, readWithJhdf("nested.h5", path));
  }

  @Test
  void attributesAreThoseJhdfsWriterWrites() {
    Python.require("numpy", "h5py");
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("source", "ssTEM wörld");
    attrs.put("empty", "");
    attrs.put("count", 7);
    attrs.put("big", 1L << 40);
    attrs.put("ratio", 2.5);
    attrs.put("flag", true);
    attrs.put("scale", List.of(1, 2, 3));
    attrs.put("offsets", List.of(1.5, 2));
    attrs.put("names", List.of("a", "bcd", ""));
    attrs.put("nested", Map.of("left", "out"));
    attrs.put("resolution", List.of(9, 9, 9));
    VolumeSpec spec = VolumeSpec.of(DataType.FLOAT32, new Size3(5, 4, 3))
        .withVoxelSize(new VoxelSize(4, 5, 40, "nanometer")).withAttributes(attrs);
    Volume v = TestVolumes.random(DataType.FLOAT32, 5, 4, 3, 2);
    try (VolumeWriter w = create("ours.h5", "/a/b", spec)) {
      assertInstanceOf(ContiguousHdf5Writer.class, w);
      w.write(0, 0, 0, v);
      w.commit();
    }
    try (VolumeWriter w = new Hdf5Writer("jhdf", dir.resolve("jhdf.h5"), spec,
        WriteMode.ERROR_IF_EXISTS, "/a/b", null, Hdf5Compression.NONE)) {
      w.write(0, 0, 0, v);
      w.commit();
    }
    JsonNode got = h5py(List.of("ours.h5#/a/b", "jhdf.h5#/a/b"));
    JsonNode ours = got.get("ours.h5#/a/b").get("attrs");
    assertEquals(got.get("jhdf.h5#/a/b").get("attrs"), ours);
    assertEquals("{\"dtype\":\"<f8\",\"shape\":[3],\"value\":[40.0,5.0,4.0]}",
        ours.get("resolution").toString(), "the voxel size wins");
    assertEquals("|S13", ours.get("source").get("dtype").asText());
    assertEquals("<i8", ours.get("count").get("dtype").asText());
    assertFalse(ours.has("nested"));
    assertEquals(got.get("jhdf.h5#/a/b").get("crc"), got.get("ours.h5#/a/b").get("crc"));
    try (VolumeReader r = new Hdf5Format().open(
        VolumeUrl.parse("hdf5:" + dir.resolve("ours.h5") + "#/a/b"))) {
      assertEquals(new VoxelSize(4, 5, 40, "nanometer"), r.info().voxelSize().orElseThrow());
      assertEquals("ssTEM wörld", r.info().attributes().get("source"));
      assertEquals(v, r.readAll());
    }
  }

  @Test
  void volumesLargerThanOneArrayStreamWithLongOffsets() throws Exception {
    Python.require("numpy", "h5py");
    // 2.2 GB of uint8: more than a Java array holds; only two sections are written (the rest
    // of the file stays sparse) and read back past the 2 GiB offset
    Size3 shape = new Size3(2048, 2048, 520);
    Volume first = TestVolumes.random(DataType.UINT8, 2048, 2048, 1, 3);
    Volume last = TestVolumes.random(DataType.UINT8, 2048, 2048, 1, 4);
    try (VolumeWriter w = create("large.h5", null, VolumeSpec.of(DataType.UINT8, shape))) {
      w.write(0, 0, 0, first);
      w.write(0, 0, 519, last);
      w.commit();
      assertEquals(last.view(5, 6, 0, 100, 50, 1), w.read(BoundingBox.at(5, 6, 519, 100, 50, 1)),
          "reads the committed file");
      assertThrows(org.ndio.StorageException.class, () -> w.write(0, 0, 0, first));
    }
    JsonNode x = Fixtures.python(String.join("\n",
        "import h5py",
        "with h5py.File(sys.argv[1], 'r') as f:",
        "    d = f['data']",
        "    print(json.dumps({'shape': list(d.shape), 'first': crc(d[0]), 'last': crc(d[519]),",
        "        'middle': int(d[300].max()), 'offset': d.id.get_offset()}))"),
        dir.resolve("large.h5"));
    assertEquals("[520,2048,2048]", x.get("shape").toString());
    assertEquals(first.checksum(), x.get("first").asLong());
    assertEquals(last.checksum(), x.get("last").asLong());
    assertEquals(0, x.get("middle").asInt());
    assertEquals(0, x.get("offset").asLong() % Hdf5ContiguousLayout.DATA_ALIGNMENT);
    assertEquals(x.get("offset").asLong() + 2048L * 2048 * 520,
        Files.size(dir.resolve("large.h5")), "the file ends where the data does");
  }

  @Test
  void theHdf5LibraryChecksTheMetadataChecksums() throws Exception {
    Python.require("numpy", "h5py");
    VolumeSpec spec = VolumeSpec.of(DataType.UINT8, new Size3(4, 3, 2))
        .withAttributes(Map.of("note", "checked"));
    try (VolumeWriter w = create("sum.h5", "/g/data", spec)) {
      w.write(0, 0, 0, TestVolumes.random(DataType.UINT8, 4, 3, 2, 1));
      w.commit();
    }
    // the same file with one byte of the attribute's value changed, its checksum not
    byte[] bytes = Files.readAllBytes(dir.resolve("sum.h5"));
    byte[] note = "checked".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    int at = indexOf(bytes, note);
    bytes[at] = 'C';
    Files.write(dir.resolve("bad.h5"), bytes);
    JsonNode x = Fixtures.python(String.join("\n",
        "import h5py",
        "out = {}",
        "for name in sys.argv[1:]:",
        "    try:",
        "        with h5py.File(name, 'r') as f:",
        "            out[name[-6:]] = f['g/data'].attrs['note'].decode()",
        "    except Exception as e:",
        "        out[name[-6:]] = 'error: ' + str(e)",
        "print(json.dumps(out))"), dir.resolve("sum.h5"), dir.resolve("bad.h5"));
    assertEquals("checked", x.get("sum.h5").asText());
    assertTrue(x.get("bad.h5").asText().contains("checksum"), x.toString());
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  @Test
  void attributesTooLargeForAHeaderMessageGoThroughJhdf() {
    List<Long> many = LongStream.range(0, 9000).boxed().toList();
    VolumeSpec spec = VolumeSpec.of(DataType.UINT8, new Size3(4, 3, 2))
        .withAttributes(Map.of("many", many));
    try (VolumeWriter w = create("big.h5", null, spec)) {
      assertInstanceOf(Hdf5Writer.class, w);
    }
  }

  @Test
  void badWritesAreTypedErrorsAndAbortLeavesNothing() throws Exception {
    VolumeSpec spec = VolumeSpec.of(DataType.UINT16, new Size3(8, 6, 4));
    try (VolumeWriter w = create("bad.h5", null, spec)) {
      w.write(0, 0, 0, TestVolumes.random(DataType.UINT16, 8, 6, 1, 1));
      assertThrows(DataTypeException.class,
          () -> w.write(0, 0, 0, Volume.allocate(DataType.UINT8, 8, 6, 1)));
      assertThrows(BoxOutOfBoundsException.class,
          () -> w.write(1, 0, 0, Volume.allocate(DataType.UINT16, 8, 6, 1)));
      assertThrows(BoxOutOfBoundsException.class,
          () -> w.write(0, 0, 4, Volume.allocate(DataType.UINT16, 1, 1, 1)));
      assertThrows(BoxOutOfBoundsException.class,
          () -> w.read(BoundingBox.at(0, 0, 0, 8, 7, 1)));
    }
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(), s.toList(), "no target and no temporary file");
    }
  }
}
