package org.ndio.format.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.CorruptDataException;
import org.ndio.DataTypeException;
import org.ndio.InvalidUrlException;
import org.ndio.UnsupportedFeatureException;
import org.ndio.VolumeNotFoundException;
import org.ndio.format.Fixtures;
import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeUrl;
import org.ndio.testing.Python;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;
import org.ndio.volume.VoxelSize;

/** Reads files h5py wrote and compares every dataset with what h5py itself reads. */
class Hdf5ReadTest {

  @TempDir
  static Path dir;

  static JsonNode expected;

  private static final String WRITE = String.join("\n",
      "import h5py",
      "d = sys.argv[1]",
      "rng = np.random.default_rng(7)",
      "res = {}",
      "def sample(dt, shape):",
      "    t = np.dtype(dt)",
      "    if t.kind == 'f':",
      "        return ((rng.random(shape) - 0.5) * 1e6).astype(t)",
      "    i = np.iinfo(t)",
      "    w = np.uint64 if t.kind == 'u' else np.int64",
      "    return rng.integers(i.min, i.max, size=shape, dtype=w, endpoint=True).astype(t)",
      "def record(f, path, a=None):",
      "    a = f[path][()] if a is None else a",
      "    e = {'crc': crc(a), 'dtype': a.dtype.newbyteorder('=').name, 'shape': a.shape,",
      "         'last': a[(-1,) * a.ndim].item(), 'first': a[(0,) * a.ndim].item()}",
      "    if a.ndim == 3 and a.shape[0] >= 4 and a.shape[1] >= 5 and a.shape[2] >= 7:",
      "        e['sub'] = crc(a[1:4, 2:5, 3:7])",
      "    res[f.filename.split('/')[-1] + '#/' + path] = e",
      "with h5py.File(d + '/many.h5', 'w') as f:",
      "    for t in ['u1', 'i1', 'u2', 'i2', 'u4', 'i4', 'u8', 'i8', 'f4', 'f8']:",
      "        for bo, o in (('<', 'le'), ('>', 'be')):",
      "            a = sample(bo + t, (5, 6, 7))",
      "            f.create_dataset('contig/%s_%s' % (t, o), data=a)",
      "            f.create_dataset('chunked/%s_%s' % (t, o), data=a, chunks=(2, 3, 4),",
      "                             compression='gzip', compression_opts=4, shuffle=True)",
      "            record(f, 'contig/%s_%s' % (t, o), a)",
      "            record(f, 'chunked/%s_%s' % (t, o), a)",
      "    f.create_dataset('two_d', data=sample('<u2', (9, 11)), chunks=(4, 4),",
      "                     compression='gzip')",
      "    record(f, 'two_d')",
      "    f.create_dataset('a/b/c/data', data=sample('<i4', (3, 4, 5)))",
      "    record(f, 'a/b/c/data')",
      "    p = f.create_dataset('fill/partial', shape=(6, 8, 10), dtype='<i2', chunks=(2, 4, 5),",
      "                         fillvalue=7)",
      "    p[0:2, 0:4, 0:5] = sample('<i2', (2, 4, 5))",
      "    p[4:6, 4:8, 5:10] = 3",
      "    record(f, 'fill/partial')",
      "    f.create_dataset('fill/never', shape=(3, 4, 5), dtype='<f4', fillvalue=2.5)",
      "    record(f, 'fill/never')",
      "    f.create_dataset('fill/chunked_never', shape=(3, 4, 5), dtype='>i8', chunks=(2, 2, 2),",
      "                     fillvalue=-3)",
      "    record(f, 'fill/chunked_never')",
      "    space = h5py.h5s.create_simple((4, 5, 6))",
      "    dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)",
      "    dcpl.set_layout(h5py.h5d.COMPACT)",
      "    a = sample('>u2', (4, 5, 6))",
      "    c = h5py.h5d.create(f.id, b'compact', h5py.h5t.py_create(a.dtype), space, dcpl=dcpl)",
      "    c.write(h5py.h5s.ALL, h5py.h5s.ALL, a)",
      "    assert f['compact'].id.get_create_plist().get_layout() == h5py.h5d.COMPACT",
      "    record(f, 'compact')",
      "    f['contig/u1_le'].attrs['resolution'] = [40.0, 4.0, 4.0]",
      "    f['contig/u2_le'].attrs['resolution'] = [30, 5, 5]",
      "    f['contig/u2_le'].attrs['unit'] = 'picometer'",
      "    f['chunked/u1_le'].attrs['element_size_um'] = [0.05, 0.0046, 0.0046]",
      "    f['chunked/u1_le'].attrs['note'] = 'from h5py'",
      "    f.create_dataset('text', data=np.array([b'abc', b'de']))",
      "    f.create_dataset('flags', data=np.zeros((2, 3, 4), bool))",
      "    f.create_dataset('four_d', data=np.zeros((2, 2, 2, 2), 'u1'))",
      "    f.create_dataset('half', data=np.zeros((2, 3, 4), 'f2'))",
      "    f.create_group('empty_group')",
      "with h5py.File(d + '/latest.h5', 'w', libver='latest') as f:",
      "    a = sample('<u2', (9, 10, 11))",
      "    f.create_dataset('fixed', data=a, chunks=(4, 4, 4), compression='gzip')",
      "    f.create_dataset('extensible', data=a, chunks=(4, 4, 4), maxshape=(None, 10, 11))",
      "    f.create_dataset('btree2', data=a, chunks=(4, 4, 4), maxshape=(None, None, 11),",
      "                     shuffle=True, compression='gzip')",
      "    for n in ['fixed', 'extensible', 'btree2']:",
      "        record(f, n)",
      "with h5py.File(d + '/single.h5', 'w') as f:",
      "    f.create_dataset('x/y/only', data=sample('<f8', (2, 3, 4)))",
      "    record(f, 'x/y/only')",
      "print(json.dumps(res))");

  @BeforeAll
  static void writeWithH5py() {
    Python.require("numpy", "h5py");
    expected = Fixtures.python(WRITE, dir);
  }

  private static VolumeReader open(String fileAndPath) {
    return new Hdf5Format().open(VolumeUrl.parse("hdf5:" + dir.resolve(fileAndPath)));
  }

  @Test
  void everyDatasetEqualsWhatH5pyReads() {
    int checked = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode x = e.getValue();
      try (VolumeReader r = open(e.getKey())) {
        VolumeInfo info = r.info();
        String msg = e.getKey();
        assertEquals(x.get("dtype").asText(), info.dtype().numpyName(), msg);
        int rank = x.get("shape").size();
        long sz = rank == 3 ? x.get("shape").get(0).asLong() : 1;
        assertEquals(BoundingBox.ofShape(x.get("shape").get(rank - 1).asLong(),
            x.get("shape").get(rank - 2).asLong(), sz), info.extent(), msg);
        Volume v = r.readAll();
        assertEquals(x.get("crc").asLong(), v.checksum(), msg);
        assertVoxel(x.get("first"), v, 0, 0, 0, msg);
        assertVoxel(x.get("last"), v, v.sizeX() - 1, v.sizeY() - 1, v.sizeZ() - 1, msg);
        if (x.has("sub")) {
          Volume sub = r.read(new BoundingBox(3, 7, 2, 5, 1, 4));
          assertEquals(x.get("sub").asLong(), sub.checksum(), msg + " sub-box");
          assertEquals(v.view(3, 2, 1, 4, 3, 3), sub, msg + " sub-box equals view");
        }
        checked++;
      }
    }
    assertTrue(checked >= 48, "checked " + checked + " datasets");
  }

  private static void assertVoxel(JsonNode want, Volume v, int x, int y, int z, String msg) {
    if (v.dtype().isFloat()) {
      assertEquals(want.asDouble(), v.getDouble(x, y, z), msg);
    } else if (v.dtype() == DataType.UINT64) {
      assertEquals(want.bigIntegerValue().longValue(), v.getLong(x, y, z), msg);
    } else {
      assertEquals(want.asLong(), v.getLong(x, y, z), msg);
    }
  }

  @Test
  void everySingleRowAndSectionReadMatchesTheWholeRead() {
    try (VolumeReader r = open("latest.h5#/btree2")) {
      Volume all = r.readAll();
      for (int z = 0; z < all.sizeZ(); z += 4) {
        for (int y = 0; y < all.sizeY(); y += 3) {
          BoundingBox row = new BoundingBox(1, 10, y, y + 1, z, z + 1);
          assertEquals(all.view(1, y, z, 9, 1, 1), r.read(row), row.toString());
        }
      }
    }
  }

  @Test
  void chunkShapeCompressorAndLayoutAreReported() {
    try (VolumeReader r = open("many.h5#/chunked/u2_be")) {
      assertEquals(new org.ndio.volume.Size3(4, 3, 2), r.info().chunks());
      assertEquals("shuffle+gzip:4", r.info().compressor());
    }
    try (VolumeReader r = open("many.h5#/contig/u2_be")) {
      assertEquals(new org.ndio.volume.Size3(7, 6, 1), r.info().chunks());
      assertEquals("none", r.info().compressor());
    }
  }

  @Test
  void voxelSizeFromResolutionOrElementSizeUm() {
    try (VolumeReader r = open("many.h5#/contig/u1_le")) {
      assertEquals(new VoxelSize(4, 4, 40, "nanometer"), r.info().voxelSize().orElseThrow());
      assertEquals(java.util.List.of(40.0, 4.0, 4.0), r.info().attributes().get("resolution"));
    }
    try (VolumeReader r = open("many.h5#/contig/u2_le")) {
      assertEquals(new VoxelSize(5, 5, 30, "picometer"), r.info().voxelSize().orElseThrow());
    }
    try (VolumeReader r = open("many.h5#/chunked/u1_le")) {
      assertEquals(new VoxelSize(0.0046, 0.0046, 0.05, "micrometer"),
          r.info().voxelSize().orElseThrow());
      assertEquals("from h5py", r.info().attributes().get("note"));
    }
    try (VolumeReader r = open("many.h5#/contig/i1_le")) {
      assertTrue(r.info().voxelSize().isEmpty());
    }
  }

  @Test
  void withoutPathTheOnlyDatasetIsRead() {
    try (VolumeReader r = open("single.h5")) {
      assertEquals(expected.get("single.h5#/x/y/only").get("crc").asLong(),
          r.readAll().checksum());
    }
  }

  @Test
  void withoutPathSeveralDatasetsAreListed() {
    InvalidUrlException e = assertThrows(InvalidUrlException.class, () -> open("latest.h5"));
    assertTrue(e.getMessage().contains("/fixed") && e.getMessage().contains("/btree2")
        && e.getMessage().contains("latest.h5"), e.getMessage());
  }

  @Test
  void missingDatasetNamesFileAndPathAndListsTheParent() {
    VolumeNotFoundException e =
        assertThrows(VolumeNotFoundException.class, () -> open("many.h5#/a/b/nope"));
    String m = e.getMessage();
    assertTrue(m.contains("many.h5") && m.contains("/a/b/nope") && m.contains("c (group)"), m);
    e = assertThrows(VolumeNotFoundException.class, () -> open("many.h5#/nothing/here"));
    assertTrue(e.getMessage().contains("contig (group)")
        && e.getMessage().contains("two_d (dataset)"), e.getMessage());
  }

  @Test
  void groupInsteadOfDatasetIsAClearError() {
    VolumeNotFoundException e =
        assertThrows(VolumeNotFoundException.class, () -> open("many.h5#/a/b"));
    assertTrue(e.getMessage().contains("'/a/b' is a group, not a dataset"), e.getMessage());
    e = assertThrows(VolumeNotFoundException.class, () -> open("many.h5#/empty_group"));
    assertTrue(e.getMessage().contains("is empty"), e.getMessage());
  }

  @Test
  void missingFileIsNotFound() {
    VolumeNotFoundException e =
        assertThrows(VolumeNotFoundException.class, () -> open("absent.h5#/data"));
    assertTrue(e.getMessage().contains("absent.h5"), e.getMessage());
  }

  @Test
  void typesAndShapesAVolumeCannotHoldAreRefused() {
    assertThrows(DataTypeException.class, () -> open("many.h5#/text"));
    DataTypeException e = assertThrows(DataTypeException.class, () -> open("many.h5#/flags"));
    assertTrue(e.getMessage().contains("/flags"), e.getMessage());
    assertThrows(DataTypeException.class, () -> open("many.h5#/half"));
    UnsupportedFeatureException u =
        assertThrows(UnsupportedFeatureException.class, () -> open("many.h5#/four_d"));
    assertTrue(u.getMessage().contains("[2, 2, 2, 2]"), u.getMessage());
  }

  @Test
  void notHdf5AndTruncatedFilesAreCorrupt() throws Exception {
    Path text = dir.resolve("text.h5");
    Files.writeString(text, "this is not HDF5\n".repeat(100));
    CorruptDataException e = assertThrows(CorruptDataException.class, () -> open("text.h5"));
    assertTrue(e.getMessage().contains("text.h5"), e.getMessage());

    // A cut file either still holds a dataset whole (then it reads exactly) or the read is a
    // typed error naming the file: never other bytes, never an untyped exception.
    byte[] all = Files.readAllBytes(dir.resolve("many.h5"));
    int failed = 0;
    for (int keep : new int[] {100, 2000, all.length / 4, all.length / 2, all.length - 10}) {
      Path cut = dir.resolve("cut" + keep + ".h5");
      Files.write(cut, Arrays.copyOf(all, keep));
      for (String ds : new String[] {"/contig/u8_be", "/chunked/f8_le", "/compact", "/two_d",
          "/fill/partial", "/chunked/i1_le", "/contig/i1_le"}) {
        String what = keep + " of " + all.length + " bytes, " + ds;
        try (VolumeReader r = open(cut.getFileName() + "#" + ds)) {
          assertEquals(expected.get("many.h5#" + ds).get("crc").asLong(),
              r.readAll().checksum(), what);
        } catch (CorruptDataException | VolumeNotFoundException ex) {
          assertTrue(ex.getMessage().contains(cut.getFileName().toString()), ex.getMessage());
          failed++;
        }
      }
    }
    assertTrue(failed >= 14, failed + " reads of cut files failed");
  }
}
