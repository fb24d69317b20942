package org.ndio.format.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.UnsupportedFeatureException;
import org.ndio.VolumeExistsException;
import org.ndio.format.Fixtures;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeUrl;
import org.ndio.store.VolumeWriter;
import org.ndio.store.WriteMode;
import org.ndio.testing.Python;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;
import org.ndio.volume.VoxelSize;

/** Writes with jhdf and checks that h5py reads the same values, types and layout back. */
class Hdf5WriteTest {

  @TempDir
  Path dir;

  private static final String READ = String.join("\n",
      "import h5py",
      "res = {}",
      "for name in sys.argv[2:]:",
      "    fname, path = name.split('#')",
      "    with h5py.File(sys.argv[1] + '/' + fname, 'r') as f:",
      "        d = f[path]",
      "        a = d[()]",
      "        res[name] = {'crc': crc(a), 'dtype': a.dtype.name, 'shape': list(a.shape),",
      "            'chunks': d.chunks, 'compression': d.compression,",
      "            'level': d.compression_opts, 'shuffle': d.shuffle,",
      "            'attrs': {k: np.asarray(v).tolist() if not isinstance(v, bytes) else v.decode()",
      "                      for k, v in d.attrs.items()},",
      "            'first': a[0, 0, 0].item(), 'last': a[-1, -1, -1].item()}",
      "print(json.dumps(res))");

  private JsonNode h5pyReads(List<String> names) {
    List<Path> args = new ArrayList<>(List.of(dir));
    names.forEach(n -> args.add(Path.of(n)));
    return Fixtures.python(READ, args.toArray(new Path[0]));
  }

  private void write(String url, Volume v, VolumeSpec spec, WriteMode mode) {
    try (VolumeWriter w = new Hdf5Format().create(VolumeUrl.parse(url), spec, mode)) {
      w.write(0, 0, 0, v);
      w.commit();
    }
  }

  @Test
  void everyTypeRoundTripsThroughH5py() {
    Python.require("numpy", "h5py");
    List<String> names = new ArrayList<>();
    List<Volume> volumes = new ArrayList<>();
    for (DataType t : DataType.values()) {
      Volume v = TestVolumes.random(t, 7, 6, 5, t.ordinal());
      String file = "w_" + t.numpyName() + ".h5";
      write("hdf5:" + dir.resolve(file), v, VolumeSpec.of(t, new Size3(7, 6, 5)),
          WriteMode.ERROR_IF_EXISTS);
      names.add(file + "#/data");
      volumes.add(v);
    }
    JsonNode got = h5pyReads(names);
    for (int i = 0; i < names.size(); i++) {
      Volume v = volumes.get(i);
      JsonNode x = got.get(names.get(i));
      assertEquals(v.dtype().numpyName(), x.get("dtype").asText(), names.get(i));
      assertEquals("[5,6,7]", x.get("shape").toString());
      assertEquals(v.checksum(), x.get("crc").asLong(), names.get(i));
      assertEquals("null", x.get("chunks").toString(), "contiguous by default");
      if (v.dtype() == DataType.UINT64) {
        assertEquals(v.getLong(6, 5, 4), x.get("last").bigIntegerValue().longValue());
      } else if (!v.dtype().isFloat()) {
        assertEquals(v.getLong(0, 0, 0), x.get("first").asLong());
        assertEquals(v.getLong(6, 5, 4), x.get("last").asLong());
      }
      try (VolumeReader r = new Hdf5Format().open(
          VolumeUrl.parse("hdf5:" + dir.resolve(names.get(i))))) {
        assertEquals(v, r.readAll());
      }
    }
  }

  @Test
  void chunkedShuffledGzipAtANestedPathWithVoxelSize() {
    Python.require("numpy", "h5py");
    Volume v = TestVolumes.random(DataType.UINT16, 70, 33, 9, 3);
    VolumeSpec spec = VolumeSpec.of(DataType.UINT16, new Size3(70, 33, 9))
        .withChunks(new Size3(32, 16, 100)).withCompressor("shuffle+gzip:5")
        .withVoxelSize(new VoxelSize(4, 4, 40, "nanometer"))
        .withAttributes(Map.of("source", "test", "scale", List.of(1, 2, 3)));
    write("hdf5:" + dir.resolve("c.h5") + "#/volumes/raw/em", v, spec,
        WriteMode.ERROR_IF_EXISTS);
    write("hdf5:" + dir.resolve("g.h5"), v,
        VolumeSpec.of(DataType.UINT16, new Size3(70, 33, 9)).withCompressor("gzip"),
        WriteMode.ERROR_IF_EXISTS);
    JsonNode got = h5pyReads(List.of("c.h5#/volumes/raw/em", "g.h5#/data"));
    JsonNode c = got.get("c.h5#/volumes/raw/em");
    assertEquals(v.checksum(), c.get("crc").asLong());
    assertEquals("[9,16,32]", c.get("chunks").toString(), "chunk z clipped to the shape");
    assertEquals("gzip", c.get("compression").asText());
    assertEquals(5, c.get("level").asInt());
    assertTrue(c.get("shuffle").asBoolean());
    assertEquals("[40.0,4.0,4.0]", c.get("attrs").get("resolution").toString());
    assertEquals("[0.04,0.004,0.004]", c.get("attrs").get("element_size_um").toString());
    assertEquals("nanometer", c.get("attrs").get("unit").asText());
    assertEquals("test", c.get("attrs").get("source").asText());
    assertEquals("[1,2,3]", c.get("attrs").get("scale").toString());
    JsonNode g = got.get("g.h5#/data");
    assertEquals(v.checksum(), g.get("crc").asLong());
    assertEquals("[9,33,64]", g.get("chunks").toString(), "64 default, clipped");
    assertFalse(g.get("shuffle").asBoolean());

    try (VolumeReader r = new Hdf5Format().open(
        VolumeUrl.parse("hdf5:" + dir.resolve("c.h5") + "#volumes/raw/em"))) {
      assertEquals(new VoxelSize(4, 4, 40, "nanometer"), r.info().voxelSize().orElseThrow());
      assertEquals("shuffle+gzip:5", r.info().compressor());
      assertEquals(new Size3(32, 16, 9), r.info().chunks());
      assertEquals(v.view(10, 20, 3, 40, 13, 5), r.read(
          org.ndio.volume.BoundingBox.at(10, 20, 3, 40, 13, 5)));
    }
  }

  @Test
  void writesAreAtomic() throws Exception {
    Path target = dir.resolve("a.h5");
    String url = "hdf5:" + target;
    VolumeSpec spec = VolumeSpec.of(DataType.UINT8, new Size3(4, 3, 2));
    try (VolumeWriter w = new Hdf5Format().create(VolumeUrl.parse(url), spec,
        WriteMode.ERROR_IF_EXISTS)) {
      w.write(0, 0, 0, TestVolumes.random(DataType.UINT8, 4, 3, 2, 1));
    }
    assertFalse(Files.exists(target), "close without commit leaves nothing");
    assertEquals(0, countFiles(), "and no temporary files");

    Volume first = TestVolumes.random(DataType.UINT8, 4, 3, 2, 1);
    write(url, first, spec, WriteMode.ERROR_IF_EXISTS);
    assertThrows(VolumeExistsException.class, () -> new Hdf5Format()
        .create(VolumeUrl.parse(url), spec, WriteMode.ERROR_IF_EXISTS));
    Volume second = TestVolumes.random(DataType.UINT8, 4, 3, 2, 2);
    write(url, second, spec, WriteMode.OVERWRITE);
    try (VolumeReader r = new Hdf5Format().open(VolumeUrl.parse(url))) {
      assertEquals(second, r.readAll());
    }
    assertEquals(1, countFiles());
  }

  @Test
  void overwriteRefusesToDropOtherDatasets() {
    Python.require("numpy", "h5py");
    Fixtures.python(String.join("\n",
        "import h5py",
        "with h5py.File(sys.argv[1], 'w') as f:",
        "    f['raw'] = np.zeros((2, 3, 4), 'u1')",
        "    f['labels'] = np.zeros((2, 3, 4), 'u8')",
        "print('{}')"), dir.resolve("two.h5"));
    VolumeSpec spec = VolumeSpec.of(DataType.UINT64, new Size3(4, 3, 2));
    UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class,
        () -> new Hdf5Format().create(
            VolumeUrl.parse("hdf5:" + dir.resolve("two.h5") + "#/labels"), spec,
            WriteMode.OVERWRITE));
    assertTrue(e.getMessage().contains("/raw"), e.getMessage());
  }

  @Test
  void badCompressorIsRefusedBeforeAnyWork() {
    VolumeSpec spec = VolumeSpec.of(DataType.UINT8, new Size3(4, 3, 2)).withCompressor("lz4");
    assertThrows(UnsupportedFeatureException.class, () -> new Hdf5Format()
        .create(VolumeUrl.parse("hdf5:" + dir.resolve("x.h5")), spec, WriteMode.OVERWRITE));
  }

  private long countFiles() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }
}
