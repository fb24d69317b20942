package org.ndio.format.npy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ndio.format.FileFormatChecks.assertError;
import static org.ndio.testing.TestVolumes.random;
import static org.ndio.format.FileFormatChecks.readAll;
import static org.ndio.format.FileFormatChecks.specOf;
import static org.ndio.format.FileFormatChecks.write;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.CorruptDataException;
import org.ndio.DataTypeException;
import org.ndio.InvalidUrlException;
import org.ndio.UnsupportedFeatureException;
import org.ndio.VolumeNotFoundException;
import org.ndio.format.FileFormatChecks;
import org.ndio.format.PythonLines;
import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeUrl;
import org.ndio.store.WriteMode;
import org.ndio.testing.Python;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

class NpyFormatTest {

  private static final NpyFormat NPY = new NpyFormat();

  @TempDir
  static Path numpyDir;

  private static String numpyOutput;

  /** Files numpy wrote: every type, both byte orders, C and F order, versions 1 to 3, ... */
  @BeforeAll
  static void writeWithNumpy() {
    Python.require("numpy");
    numpyOutput = Python.run(PythonLines.PRELUDE + """
        import numpy.lib.format as fmt
        out = sys.argv[1]

        def save(name, a, version=None):
            path = os.path.join(out, name)
            if version is None:
                np.save(path, a)
            else:
                with open(path, 'wb') as f:
                    fmt.write_array(f, a, version=version)

        for t in TYPES:
            base = make(t, (4, 5, 7))
            for bo in '<>':
                for order in 'CF':
                    a = base.astype(base.dtype.newbyteorder(bo))
                    a = np.asfortranarray(a) if order == 'F' else np.ascontiguousarray(a)
                    name = '%s_%s_%s_v1.npy' % (t, 'le' if bo == '<' else 'be', order)
                    save(name, a)
                    emit(name, a, (2, 6, 1, 4, 1, 3))
            save(t + '_le_C_v2.npy', base, (2, 0))
            emit(t + '_le_C_v2.npy', base, (0, 7, 2, 5, 3, 4))
            be_f = np.asfortranarray(base.astype(base.dtype.newbyteorder('>')))
            save(t + '_be_F_v3.npy', be_f, (3, 0))
            emit(t + '_be_F_v3.npy', be_f, (6, 7, 0, 1, 0, 4))

        a = make('uint16', (5, 7))
        save('2d_C.npy', a)
        emit('2d_C.npy', a[None], (1, 5, 2, 4, 0, 1))
        save('2d_F.npy', np.asfortranarray(a))
        emit('2d_F.npy', a[None], (1, 5, 2, 4, 0, 1))
        a = make('float32', (1, 4, 5, 7))
        save('4d_leading_one.npy', a)
        emit('4d_leading_one.npy', a[0], (1, 2, 0, 5, 1, 4))
        # Larger arrays, for box reads that coalesce rows (narrow rows) and that do not (wide).
        a = make('uint16', (6, 70, 90))
        save('big_narrow.npy', a)
        emit('big_narrow.npy', a, (10, 30, 5, 60, 1, 5))
        a = make('int32', (3, 8, 20000))
        save('big_wide.npy', a)
        emit('big_wide.npy', a, (100, 300, 2, 7, 1, 3))
        a = np.asfortranarray(make('>f8', (5, 30, 40)))
        save('big_fortran.npy', a)
        emit('big_fortran.npy', a, (3, 17, 4, 25, 1, 4))

        bad = {
            'bool': np.zeros((2, 3, 4), bool),
            'complex64': np.zeros((2, 3, 4), np.complex64),
            'complex128': np.zeros((2, 3, 4), np.complex128),
            'float16': np.zeros((2, 3, 4), np.float16),
            'unicode': np.full((2, 3), 'abc'),
            'bytes': np.full((2, 3), b'abc'),
            'datetime': np.zeros((2, 3), 'datetime64[ns]'),
            'structured': np.zeros((2, 3), [('a', '<i4'), ('b', '<f8')]),
        }
        for k, a in bad.items():
            save('bad_' + k + '.npy', a)
            print('BAD bad_' + k + '.npy\\t' + str(fmt.dtype_to_descr(a.dtype)))
        np.save(os.path.join(out, 'bad_object.npy'), np.array([[[1, 'a']]], dtype=object),
                allow_pickle=True)
        print('BAD bad_object.npy\\t|O')
        a = np.zeros((2, 3), [('\\u00e9t\\u00e9', '<i4')])
        save('bad_structured_v3.npy', a, (3, 0))
        print('BAD bad_structured_v3.npy\\t' + str(fmt.dtype_to_descr(a.dtype)))

        shapes = {'1d': (5,), '0d': (), '4d': (2, 4, 5, 7), '5d': (3, 1, 2, 2, 2),
                  'empty': (0, 3, 3), 'empty2d': (4, 0)}
        for k, s in shapes.items():
            save('shape_' + k + '.npy', np.zeros(s, np.uint8))
            print('SHAPE shape_' + k + '.npy\\t' + repr(s))
        """, numpyDir.toString());
  }

  private static String url(Path p) {
    return "npy:" + p;
  }

  @Test
  void readsWhatNumpyWrote() {
    Map<String, PythonLines.Expected> arrays = PythonLines.arrays(numpyOutput);
    assertEquals(10 * 6 + 6, arrays.size());
    for (PythonLines.Expected e : arrays.values()) {
      try (VolumeReader r = NPY.open(VolumeUrl.parse(url(numpyDir.resolve(e.name()))))) {
        VolumeInfo info = r.info();
        assertEquals(BoundingBox.ofShape(e.sx(), e.sy(), e.sz()), info.extent(), e.name());
        assertEquals(e.dtype(), info.dtype(), e.name());
        Volume all = r.readAll();
        e.check(all);
        assertEquals(e.boxCrc(), r.read(e.box()).checksum(), e.name() + ": box " + e.box());
        assertEquals(all.view(e.box()), r.read(e.box()), e.name() + ": box " + e.box());
      }
    }
  }

  @Test
  void reportsVersionAndOrder() {
    try (VolumeReader r = NPY.open(VolumeUrl.parse(url(numpyDir.resolve(
        "int16_be_F_v3.npy"))))) {
      assertEquals(Map.of("npy_version", "3.0", "descr", ">i2", "fortran_order", true),
          r.info().attributes());
      assertEquals("none", r.info().compressor());
    }
    try (VolumeReader r = NPY.open(VolumeUrl.parse(url(numpyDir.resolve(
        "uint8_le_C_v2.npy"))))) {
      assertEquals(Map.of("npy_version", "2.0", "descr", "|u1", "fortran_order", false),
          r.info().attributes());
    }
  }

  @Test
  void boxReadsEqualSlicesOfTheWholeVolume() {
    Random rnd = new Random(3);
    for (String name : List.of("big_narrow.npy", "big_wide.npy", "big_fortran.npy",
        "uint64_be_C_v1.npy", "float32_le_F_v1.npy", "2d_F.npy", "int8_be_F_v3.npy")) {
      try (VolumeReader r = NPY.open(VolumeUrl.parse(url(numpyDir.resolve(name))))) {
        Volume all = r.readAll();
        BoundingBox ext = r.info().extent();
        List<BoundingBox> boxes = new ArrayList<>(List.of(ext,
            new BoundingBox(0, ext.x1(), 0, ext.y1(), ext.z1() - 1, ext.z1()),
            new BoundingBox(0, ext.x1(), 1, ext.y1(), 0, ext.z1()),
            new BoundingBox(ext.x1() - 1, ext.x1(), 0, ext.y1(), 0, ext.z1())));
        for (int i = 0; i < 30; i++) {
          long x0 = rnd.nextInt((int) ext.x1());
          long y0 = rnd.nextInt((int) ext.y1());
          long z0 = rnd.nextInt((int) ext.z1());
          boxes.add(new BoundingBox(x0, x0 + 1 + rnd.nextInt((int) (ext.x1() - x0)), y0,
              y0 + 1 + rnd.nextInt((int) (ext.y1() - y0)), z0,
              z0 + 1 + rnd.nextInt((int) (ext.z1() - z0))));
        }
        for (BoundingBox b : boxes) {
          assertEquals(all.view(b), r.read(b), name + " box " + b);
        }
      }
    }
  }

  @Test
  void numpyReadsWhatWeWrite(@TempDir Path dir) {
    Python.require("numpy");
    List<String> paths = new ArrayList<>();
    List<Volume> volumes = new ArrayList<>();
    for (DataType t : DataType.values()) {
      Volume v = random(t, 9, 4, 3, t.ordinal());
      Path p = dir.resolve(t.numpyName() + ".npy");
      write(NPY, url(p), v, specOf(v), WriteMode.ERROR_IF_EXISTS);
      paths.add(p.toString());
      volumes.add(v);
    }
    Volume section = random(DataType.INT16, 300, 200, 1, 99);
    Path p = dir.resolve("section.npy");
    write(NPY, url(p), section, specOf(section), WriteMode.ERROR_IF_EXISTS);
    paths.add(p.toString());
    volumes.add(section);
    String out = Python.run("""
        import sys, zlib
        import numpy as np
        import numpy.lib.format as fmt
        for path in sys.argv[1:]:
            with open(path, 'rb') as f:
                version = fmt.read_magic(f)
                shape, fortran, dtype = (fmt.read_array_header_1_0(f) if version == (1, 0)
                                         else fmt.read_array_header_2_0(f))
                offset = f.tell()
            a = np.load(path)
            crc = zlib.crc32(np.ascontiguousarray(a).astype(a.dtype.newbyteorder('<')).tobytes())
            print('%d.%d' % version, a.dtype.str, 'x'.join(map(str, a.shape)), int(fortran),
                  offset, crc)
        """, paths.toArray(String[]::new));
    String[] lines = out.strip().split("\n");
    assertEquals(volumes.size(), lines.length, out);
    for (int i = 0; i < lines.length; i++) {
      Volume v = volumes.get(i);
      String[] f = lines[i].split(" ");
      assertEquals("1.0", f[0], paths.get(i));
      assertEquals(v.dtype().typestr(ByteOrder.LITTLE_ENDIAN), f[1], paths.get(i));
      assertEquals(v.sizeZ() + "x" + v.sizeY() + "x" + v.sizeX(), f[2], paths.get(i));
      assertEquals("0", f[3], paths.get(i));
      assertEquals(0, Long.parseLong(f[4]) % 64, "data offset aligned to 64: " + lines[i]);
      assertEquals(v.checksum(), Long.parseLong(f[5]), paths.get(i));
    }
  }

  @Test
  void roundTripsEveryType(@TempDir Path dir) {
    for (DataType t : DataType.values()) {
      Volume v = random(t, 13, 7, 5, 100 + t.ordinal());
      Path p = dir.resolve(t + ".npy");
      write(NPY, url(p), v, specOf(v), WriteMode.ERROR_IF_EXISTS);
      try (VolumeReader r = NPY.open(VolumeUrl.parse(url(p)))) {
        assertEquals(t, r.info().dtype());
        assertEquals(v, r.readAll(), t.toString());
        BoundingBox b = new BoundingBox(3, 11, 2, 6, 1, 4);
        assertEquals(v.view(b), r.read(b), t.toString());
      }
    }
  }

  @Test
  void refusesUnsupportedDtypesNamingThem() {
    Map<String, String> bad = PythonLines.tagged(numpyOutput, "BAD");
    assertEquals(10, bad.size());
    for (Map.Entry<String, String> e : bad.entrySet()) {
      Path p = numpyDir.resolve(e.getKey());
      assertError(DataTypeException.class, p, () -> NPY.open(VolumeUrl.parse(url(p))),
          e.getValue());
    }
  }

  @Test
  void refusesShapesThatAreNotVolumesNamingThem() {
    Map<String, String> shapes = PythonLines.tagged(numpyOutput, "SHAPE");
    assertEquals(6, shapes.size());
    for (Map.Entry<String, String> e : shapes.entrySet()) {
      Path p = numpyDir.resolve(e.getKey());
      assertError(UnsupportedFeatureException.class, p, () -> NPY.open(VolumeUrl.parse(url(p))),
          e.getValue());
    }
  }

  @Test
  void truncatedFilesAreCorruptAtEveryLength(@TempDir Path dir) throws IOException {
    for (String name : List.of("uint16_le_C_v1.npy", "float64_be_F_v3.npy",
        "int32_le_C_v2.npy")) {
      Path whole = numpyDir.resolve(name);
      long size = Files.size(whole);
      for (long n = 0; n < size; n++) {
        Path p = FileFormatChecks.truncated(whole, n, dir, "cut-" + n + "-" + name);
        assertError(CorruptDataException.class, p, () -> readAll(NPY, url(p)));
        Files.delete(p);
      }
    }
  }

  @Test
  void badMagicIsCorrupt(@TempDir Path dir) throws IOException {
    byte[] good = Files.readAllBytes(numpyDir.resolve("uint8_le_C_v1.npy"));
    for (int i = 0; i < 6; i++) {
      byte[] b = good.clone();
      b[i] ^= 0x20;
      Path p = dir.resolve("magic" + i + ".npy");
      Files.write(p, b);
      assertError(CorruptDataException.class, p, () -> NPY.open(VolumeUrl.parse(url(p))),
          "magic");
    }
    Path text = dir.resolve("text.npy");
    Files.writeString(text, "x,y,z\n1,2,3\n");
    assertError(CorruptDataException.class, text, () -> NPY.open(VolumeUrl.parse(url(text))),
        "magic");
  }

  @Test
  void unknownVersionsAreRefused(@TempDir Path dir) throws IOException {
    for (int[] v : new int[][] {{4, 0}, {1, 1}, {0, 0}}) {
      byte[] b = npy(v[0], "{'descr': '|u1', 'fortran_order': False, 'shape': (1, 1), }",
          new byte[1]);
      b[7] = (byte) v[1];
      Path p = dir.resolve("v" + v[0] + v[1] + ".npy");
      Files.write(p, b);
      assertError(UnsupportedFeatureException.class, p, () -> NPY.open(VolumeUrl.parse(url(p))),
          "version " + v[0] + "." + v[1]);
    }
  }

  @Test
  void acceptsEveryWayNumpyMayPrintTheDict(@TempDir Path dir) throws IOException {
    byte[] data = new byte[24];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) i;
    }
    Volume expected = Volume.fromBytes(DataType.UINT16, 3, 2, 2, data, 0,
        ByteOrder.BIG_ENDIAN);
    List<String> ok = List.of(
        "{'descr': '>u2', 'fortran_order': False, 'shape': (2, 2, 3), }",
        "{\"descr\": \">u2\", \"fortran_order\": False, \"shape\": (2, 2, 3)}",
        "{'shape': (2,2,3), 'fortran_order': False, 'descr': '>u2'}",
        "  {  'descr' : '>u2' ,\n'fortran_order':False,'shape':( 2 , 2 , 3 , ) , }  \n",
        "{'descr': '>u2', 'fortran_order': False, 'shape': (2L, 2L, 3L), }",
        "{'descr': '\\x3eu2', 'fortran_order': False, 'shape': (1, 2, 2, 3), }");
    int i = 0;
    for (String h : ok) {
      Path p = dir.resolve("ok" + i++ + ".npy");
      Files.write(p, npy(1, h, data));
      assertEquals(expected, readAll(NPY, url(p)), h);
    }
  }

  @Test
  void bogusHeaderDictsAreCorrupt(@TempDir Path dir) throws IOException {
    List<String> bogus = List.of(
        "",
        "{}",
        "{'descr': '<u2', 'fortran_order': False}",
        "{'descr': '<u2', 'shape': (2, 2)}",
        "{'descr': '<u2', 'fortran_order': False, 'shape': (2, 2), 'extra': 1}",
        "{'descr': '<u2', 'fortran_order': False, 'shape': (2, 2), 'descr': '<u2'}",
        "{'descr': '<u2', 'fortran_order': 0, 'shape': (2, 2)}",
        "{'descr': '<u2', 'fortran_order': 'False', 'shape': (2, 2)}",
        "{'descr': '<u2', 'fortran_order': False, 'shape': [2, 2]}",
        "{'descr': '<u2', 'fortran_order': False, 'shape': 4}",
        "{'descr': '<u2', 'fortran_order': False, 'shape': (2, -2)}",
        "{'descr': '<u2', 'fortran_order': False, 'shape': (2.5, 2)}",
        "{'descr': '<u2', 'fortran_order': False, 'shape': (2, 'a')}",
        "{'descr': '<u2', 'fortran_order': False, 'shape': (99999999999999999999, 2)}",
        "{'descr': '<u2', 'fortran_order': False, 'shape': (2, 2), } junk",
        "{'descr': '<u2', 'fortran_order': False, 'shape': (2, 2)",
        "{'descr': '<u2, 'fortran_order': False, 'shape': (2, 2)}",
        "{'descr': '<u2' 'fortran_order': False, 'shape': (2, 2)}",
        "{descr: '<u2', 'fortran_order': False, 'shape': (2, 2)}",
        "{'descr': 7, 'fortran_order': False, 'shape': (2, 2)}",
        "{'descr': '<u2', 'fortran_order': Flase, 'shape': (2, 2)}",
        "__import__('os').system('true')",
        "dict(descr='<u2', fortran_order=False, shape=(2, 2))",
        "{'descr': " + "[".repeat(5000) + "]".repeat(5000)
            + ", 'fortran_order': False, 'shape': (2, 2)}",
        "{'descr': '<u2', 'fortran_order': False, 'shape': (2, 2)}\0\0\0");
    int i = 0;
    for (String h : bogus) {
      Path p = dir.resolve("bogus" + i++ + ".npy");
      Files.write(p, npy(1, h, new byte[8]));
      assertError(CorruptDataException.class, p, () -> NPY.open(VolumeUrl.parse(url(p))));
    }
  }

  @Test
  void headerAndSizeMismatchesAreCorrupt(@TempDir Path dir) throws IOException {
    String dict = "{'descr': '<u2', 'fortran_order': False, 'shape': (2, 2, 3), }";
    byte[] good = npy(1, dict, new byte[24]);
    // A header length beyond the end of the file.
    for (int len : new int[] {0xffff, good.length - 9}) {
      byte[] b = good.clone();
      b[8] = (byte) len;
      b[9] = (byte) (len >> 8);
      Path p = dir.resolve("hlen" + len + ".npy");
      Files.write(p, b);
      assertError(CorruptDataException.class, p, () -> NPY.open(VolumeUrl.parse(url(p))));
    }
    Path huge = dir.resolve("hlen-v2.npy");
    byte[] v2 = npy(2, dict, new byte[24]);
    ByteBuffer.wrap(v2).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 0xfffffff0);
    Files.write(huge, v2);
    assertError(CorruptDataException.class, huge, () -> NPY.open(VolumeUrl.parse(url(huge))),
        "header declares");
    // Data shorter than the shape says, by one element and by far.
    for (String shape : List.of("(2, 2, 4)", "(1000, 1000, 1000)")) {
      Path p = dir.resolve("short" + shape.length() + ".npy");
      Files.write(p, npy(1, dict.replace("(2, 2, 3)", shape), new byte[24]));
      assertError(CorruptDataException.class, p, () -> NPY.open(VolumeUrl.parse(url(p))),
          "truncated", "24 present");
    }
    // A shape whose byte count overflows 64 bits.
    Path overflow = dir.resolve("overflow.npy");
    Files.write(overflow, npy(1, dict.replace("(2, 2, 3)",
        "(4611686018427387904, 4611686018427387904, 2)"), new byte[24]));
    assertError(CorruptDataException.class, overflow,
        () -> NPY.open(VolumeUrl.parse(url(overflow))), "overflow");
    Path overflow2 = dir.resolve("overflow2.npy");
    Files.write(overflow2, npy(1, dict.replace("(2, 2, 3)", "(4611686018427387904, 1, 1)"),
        new byte[24]));
    assertError(CorruptDataException.class, overflow2,
        () -> NPY.open(VolumeUrl.parse(url(overflow2))), "overflow");
    // Version 3 headers must be valid UTF-8.
    Path utf = dir.resolve("bad-utf8.npy");
    byte[] v3 = npy(3, dict, new byte[24]);
    v3[20] = (byte) 0xff;
    Files.write(utf, v3);
    assertError(CorruptDataException.class, utf, () -> NPY.open(VolumeUrl.parse(url(utf))),
        "UTF-8");
  }

  @Test
  void trailingBytesAfterTheDataAreIgnored(@TempDir Path dir) throws IOException {
    Volume v = random(DataType.INT32, 4, 3, 2, 5);
    Path p = dir.resolve("trailing.npy");
    write(NPY, url(p), v, specOf(v), WriteMode.ERROR_IF_EXISTS);
    Files.write(p, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
    assertEquals(v, readAll(NPY, url(p)));
  }

  @Test
  void urlsAndMissingFiles(@TempDir Path dir) {
    Path missing = dir.resolve("missing.npy");
    assertError(VolumeNotFoundException.class, missing,
        () -> NPY.open(VolumeUrl.parse(url(missing))));
    Path good = numpyDir.resolve("uint8_le_C_v1.npy");
    assertError(InvalidUrlException.class, good,
        () -> NPY.open(VolumeUrl.parse(url(good) + "#a")));
    assertError(UnsupportedFeatureException.class, good,
        () -> NPY.open(VolumeUrl.parse("npy:hdfs://nn:8020" + good)));
    assertEquals(readAll(NPY, url(good)), readAll(NPY, "npy:" + good.toUri()));
    Volume v = random(DataType.UINT8, 2, 2, 2, 1);
    assertError(UnsupportedFeatureException.class, dir,
        () -> NPY.create(VolumeUrl.parse("npy:" + dir.resolve("c.npy")),
            specOf(v).withCompressor("zstd"), WriteMode.ERROR_IF_EXISTS), "zstd");
    assertError(InvalidUrlException.class, dir,
        () -> NPY.create(VolumeUrl.parse("npy:" + dir), specOf(v), WriteMode.OVERWRITE));
  }

  @Test
  void writesAreAtomic(@TempDir Path dir) {
    FileFormatChecks.checkAtomicWrites(NPY, dir, "a.npy", "");
  }

  @Test
  void headerEncodingPadsToSixtyFourBytes() {
    for (List<Long> shape : List.of(List.of(1L, 1L, 1L), List.of(1000000000L, 3L, 12345678L))) {
      byte[] h = NpyHeader.encode(DataType.FLOAT64, shape);
      assertEquals(0, h.length % 64);
      assertEquals(1, h[6]);
      assertEquals(h.length - 10, (h[8] & 0xff) | (h[9] & 0xff) << 8);
      assertEquals('\n', h[h.length - 1]);
      String text = new String(h, 10, h.length - 10, StandardCharsets.ISO_8859_1);
      assertTrue(text.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': ("), text);
    }
  }

  /** An npy file with the given version, header text (padded to 64 bytes) and data. */
  static byte[] npy(int major, String header, byte[] data) {
    byte[] text = (header + "\n").getBytes(major == 3 ? StandardCharsets.UTF_8
        : StandardCharsets.ISO_8859_1);
    int pre = major == 1 ? 10 : 12;
    int pad = (64 - (pre + text.length) % 64) % 64;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
    int len = text.length + pad;
    ByteBuffer lb = ByteBuffer.allocate(pre - 8).order(ByteOrder.LITTLE_ENDIAN);
    if (pre == 10) {
      lb.putShort((short) len);
    } else {
      lb.putInt(len);
    }
    out.writeBytes(lb.array());
    out.writeBytes(text);
    out.writeBytes(" ".repeat(pad).getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(data);
    return out.toByteArray();
  }
}
