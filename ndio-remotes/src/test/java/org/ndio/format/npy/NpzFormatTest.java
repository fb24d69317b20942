package org.ndio.format.npy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ndio.format.FileFormatChecks.assertError;
import static org.ndio.testing.TestVolumes.random;
import static org.ndio.format.FileFormatChecks.readAll;
import static org.ndio.format.FileFormatChecks.specOf;
import static org.ndio.format.FileFormatChecks.write;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.CorruptDataException;
import org.ndio.InvalidUrlException;
import org.ndio.UnsupportedFeatureException;
import org.ndio.VolumeNotFoundException;
import org.ndio.format.FileFormatChecks;
import org.ndio.format.PythonLines;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeUrl;
import org.ndio.store.WriteMode;
import org.ndio.testing.Python;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

class NpzFormatTest {

  private static final NpzFormat NPZ = new NpzFormat();

  @TempDir
  static Path numpyDir;

  private static String numpyOutput;

  @BeforeAll
  static void writeWithNumpy() {
    Python.require("numpy");
    numpyOutput = Python.run(PythonLines.PRELUDE + """
        import struct, zipfile
        out = sys.argv[1]
        a = make('uint16', (4, 5, 7))
        b = np.asfortranarray(make('float64', (3, 6, 2)).astype('>f8'))
        c = make('int8', (5, 7))
        for name, save in (('multi.npz', np.savez), ('multi_c.npz', np.savez_compressed)):
            save(os.path.join(out, name), a=a, b=b, c=c)
            emit(name + '#a', a, (1, 6, 0, 5, 2, 4))
            emit(name + '#b', b, (0, 2, 1, 4, 0, 3))
            emit(name + '#c', c[None], (3, 7, 1, 2, 0, 1))
        d = make('int64', (2, 3, 4))
        np.savez(os.path.join(out, 'single.npz'), d)
        emit('single.npz', d, (1, 3, 0, 3, 1, 2))
        e = make('uint64', (3, 3, 3))
        np.savez_compressed(os.path.join(out, 'single_c.npz'), e)
        emit('single_c.npz', e, (1, 2, 1, 2, 1, 2))
        arrays = {t: make(t, (3, 4, 5)) for t in TYPES}
        np.savez_compressed(os.path.join(out, 'types.npz'), **arrays)
        for t, x in arrays.items():
            emit('types.npz#' + t, x, (1, 4, 0, 3, 2, 3))
        big = make('uint16', (6, 70, 90))
        np.savez_compressed(os.path.join(out, 'big_c.npz'), big=big)
        emit('big_c.npz#big', big, (10, 30, 5, 60, 1, 5))
        np.savez(os.path.join(out, 'big.npz'), big=big)
        emit('big.npz#big', big, (10, 30, 5, 60, 1, 5))

        # numpy writes every entry with a ZIP64 extra field in its local header.
        for name in ('multi.npz', 'single_c.npz'):
            raw = open(os.path.join(out, name), 'rb').read()
            n, m = struct.unpack('<HH', raw[26:30])
            extra = raw[30 + n:30 + n + m]
            print('ZIP64 ' + name + '\\t' + str(int(extra[:2] == b'\\x01\\x00')))
        # Where each entry's stored bytes lie, to damage them.
        for name in ('single.npz', 'single_c.npz'):
            with zipfile.ZipFile(os.path.join(out, name)) as z:
                info = z.infolist()[0]
            raw = open(os.path.join(out, name), 'rb').read()
            n, m = struct.unpack('<HH', raw[info.header_offset + 26:info.header_offset + 30])
            start = info.header_offset + 30 + n + m
            print('DATA ' + name + '\\t%d %d' % (start, start + info.compress_size))

        with zipfile.ZipFile(os.path.join(out, 'empty.npz'), 'w') as z:
            z.writestr('readme.txt', 'no arrays here')
        good = open(os.path.join(out, 'single.npz'), 'rb').read()
        with zipfile.ZipFile(os.path.join(out, 'single.npz')) as z:
            npy = z.read('arr_0.npy')
        for method in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            with zipfile.ZipFile(os.path.join(out, 'cut%d.npz' % method), 'w', method) as z:
                z.writestr('x.npy', npy[:len(npy) - 9])
            with zipfile.ZipFile(os.path.join(out, 'text%d.npz' % method), 'w', method) as z:
                z.writestr('x.npy', 'not an array')
        """, numpyDir.toString());
  }

  private static String url(String nameAndFragment) {
    return "npz:" + numpyDir.resolve(nameAndFragment);
  }

  @Test
  void readsWhatNumpyWrote() {
    Map<String, PythonLines.Expected> arrays = PythonLines.arrays(numpyOutput);
    assertEquals(6 + 2 + 10 + 2, arrays.size());
    for (PythonLines.Expected e : arrays.values()) {
      try (VolumeReader r = NPZ.open(VolumeUrl.parse(url(e.name())))) {
        assertEquals(BoundingBox.ofShape(e.sx(), e.sy(), e.sz()), r.info().extent());
        assertEquals(new Size3(e.sx(), e.sy(), e.sz()), r.info().chunks());
        Volume all = r.readAll();
        e.check(all);
        assertEquals(e.boxCrc(), r.read(e.box()).checksum(), e.name() + " box " + e.box());
        assertEquals(all.view(e.box()), r.read(e.box()), e.name());
        String expected = e.name().contains("_c.npz") || e.name().startsWith("types")
            ? "deflate" : "none";
        assertEquals(expected, r.info().compressor(), e.name());
      }
    }
    assertEquals(Map.of("multi.npz", "1", "single_c.npz", "1"),
        PythonLines.tagged(numpyOutput, "ZIP64"));
  }

  @Test
  void selectsArraysByName() {
    Volume a = readAll(NPZ, url("multi_c.npz#a"));
    assertEquals(a, readAll(NPZ, url("multi_c.npz#a.npy")));
    assertEquals(readAll(NPZ, url("single.npz#arr_0")), readAll(NPZ, url("single.npz")));
    Path multi = numpyDir.resolve("multi.npz");
    assertError(InvalidUrlException.class, multi, () -> NPZ.open(VolumeUrl.parse(url(
        "multi.npz"))), "3 arrays", "a, b, c");
    assertError(VolumeNotFoundException.class, multi, () -> NPZ.open(VolumeUrl.parse(url(
        "multi.npz#labels"))), "'labels'", "a, b, c");
    Path empty = numpyDir.resolve("empty.npz");
    assertError(VolumeNotFoundException.class, empty, () -> NPZ.open(VolumeUrl.parse(url(
        "empty.npz"))), "no .npy arrays");
    assertError(VolumeNotFoundException.class, empty, () -> NPZ.open(VolumeUrl.parse(url(
        "empty.npz#a"))), "no arrays");
    Path missing = numpyDir.resolve("missing.npz");
    assertError(VolumeNotFoundException.class, missing, () -> NPZ.open(VolumeUrl.parse(url(
        "missing.npz"))));
  }

  @Test
  void boxReadsOfCompressedEntriesSkipForward() {
    for (String name : List.of("big_c.npz#big", "big.npz#big", "multi_c.npz#b")) {
      try (VolumeReader r = NPZ.open(VolumeUrl.parse(url(name)))) {
        Volume all = r.readAll();
        BoundingBox ext = r.info().extent();
        for (long z = 0; z < ext.z1(); z++) {
          BoundingBox b = new BoundingBox(1, ext.x1(), 0, ext.y1() - 1, z, z + 1);
          assertEquals(all.view(b), r.read(b), name + " " + b);
        }
      }
    }
  }

  @Test
  void numpyReadsWhatWeWrite(@TempDir Path dir) {
    Python.require("numpy");
    List<String> args = new ArrayList<>();
    List<Volume> volumes = new ArrayList<>();
    for (DataType t : DataType.values()) {
      Volume v = random(t, 9, 4, 3, t.ordinal());
      Path p = dir.resolve(t.numpyName() + ".npz");
      String fragment = switch (t.ordinal() % 3) {
        case 0 -> "";
        case 1 -> "#labels";
        default -> "#raw.npy";
      };
      String compressor = t.ordinal() % 2 == 0 ? "none" : "deflate:9";
      write(NPZ, "npz:" + p + fragment, v, specOf(v).withCompressor(compressor),
          WriteMode.ERROR_IF_EXISTS);
      args.add(p.toString());
      volumes.add(v);
    }
    Volume v = random(DataType.UINT8, 400, 300, 2, 7);
    Path p = dir.resolve("default.npz");
    write(NPZ, "npz:" + p, v, specOf(v), WriteMode.ERROR_IF_EXISTS);
    args.add(p.toString());
    volumes.add(v);
    String out = Python.run("""
        import sys, zlib, zipfile
        import numpy as np
        for path in sys.argv[1:]:
            with np.load(path) as f:
                assert len(f.files) == 1, f.files
                name = f.files[0]
                a = f[name]
            with zipfile.ZipFile(path) as z:
                method = z.getinfo(name + '.npy').compress_type
            crc = zlib.crc32(np.ascontiguousarray(a).astype(a.dtype.newbyteorder('<')).tobytes())
            print(name, method, a.dtype.str, 'x'.join(map(str, a.shape)), crc)
        """, args.toArray(String[]::new));
    String[] lines = out.strip().split("\n");
    assertEquals(volumes.size(), lines.length, out);
    for (int i = 0; i < lines.length; i++) {
      Volume w = volumes.get(i);
      String[] f = lines[i].split(" ");
      int ordinal = i < 10 ? i : 0;
      String name = i == 10 ? "arr_0" : switch (ordinal % 3) {
        case 0 -> "arr_0";
        case 1 -> "labels";
        default -> "raw";
      };
      String method = i == 10 ? "8" : ordinal % 2 == 0 ? "0" : "8";
      assertEquals(List.of(name, method, w.dtype().typestr(ByteOrder.LITTLE_ENDIAN),
          w.sizeZ() + "x" + w.sizeY() + "x" + w.sizeX(), Long.toString(w.checksum())),
          List.of(f), args.get(i));
    }
  }

  @Test
  void roundTripsEveryType(@TempDir Path dir) {
    for (DataType t : DataType.values()) {
      Volume v = random(t, 13, 7, 5, 200 + t.ordinal());
      String u = "npz:" + dir.resolve(t + ".npz") + "#vol";
      write(NPZ, u, v, specOf(v), WriteMode.ERROR_IF_EXISTS);
      try (VolumeReader r = NPZ.open(VolumeUrl.parse(u))) {
        assertEquals(t, r.info().dtype());
        assertEquals("deflate", r.info().compressor());
        assertEquals(v, r.readAll(), t.toString());
        BoundingBox b = new BoundingBox(3, 11, 2, 6, 1, 4);
        assertEquals(v.view(b), r.read(b), t.toString());
      }
      assertEquals(v, readAll(NPZ, "npz:" + dir.resolve(t + ".npz")));
    }
  }

  @Test
  void truncatedArchivesAreCorruptAtEveryLength(@TempDir Path dir) throws IOException {
    for (String name : List.of("single.npz", "single_c.npz")) {
      Path whole = numpyDir.resolve(name);
      long size = Files.size(whole);
      for (long n = 0; n < size; n++) {
        Path p = FileFormatChecks.truncated(whole, n, dir, "cut-" + n + "-" + name);
        assertError(CorruptDataException.class, p, () -> readAll(NPZ, "npz:" + p));
        Files.delete(p);
      }
    }
  }

  @Test
  void damagedEntriesAreCorrupt(@TempDir Path dir) throws IOException {
    for (String name : List.of("cut0.npz", "cut8.npz")) {
      Path p = numpyDir.resolve(name);
      assertError(CorruptDataException.class, p, () -> readAll(NPZ, "npz:" + p),
          "entry 'x.npy'", "truncated");
    }
    for (String name : List.of("text0.npz", "text8.npz")) {
      Path p = numpyDir.resolve(name);
      assertError(CorruptDataException.class, p, () -> readAll(NPZ, "npz:" + p),
          "entry 'x.npy'", "magic");
    }
    // Flipped bits in the stored or deflated bytes: the inflater or the entry's CRC says so.
    Map<String, String> data = PythonLines.tagged(numpyOutput, "DATA");
    for (String name : List.of("single.npz", "single_c.npz")) {
      String[] range = data.get(name).split(" ");
      int start = Integer.parseInt(range[0]);
      int end = Integer.parseInt(range[1]);
      byte[] good = Files.readAllBytes(numpyDir.resolve(name));
      // Past the 128-byte npy header in the stored entry, anywhere inside the deflate stream.
      int from = name.equals("single.npz") ? start + 128 : start + 4;
      for (int k = 0; k < 12; k++) {
        int at = from + (int) ((long) (end - 4 - from) * k / 12);
        byte[] b = good.clone();
        b[at] ^= 0x5a;
        Path p = dir.resolve("flip" + at + "-" + name);
        Files.write(p, b);
        assertError(CorruptDataException.class, p, () -> readAll(NPZ, "npz:" + p));
      }
    }
  }

  @Test
  void writeOptions(@TempDir Path dir) {
    Volume v = random(DataType.UINT8, 2, 2, 2, 1);
    assertError(UnsupportedFeatureException.class, dir, () -> NPZ.create(VolumeUrl.parse(
        "npz:" + dir.resolve("a.npz")), specOf(v).withCompressor("blosc"),
        WriteMode.ERROR_IF_EXISTS), "blosc");
    assertError(InvalidUrlException.class, dir, () -> NPZ.create(VolumeUrl.parse(
        "npz:" + dir.resolve("a.npz") + "#.npy"), specOf(v), WriteMode.ERROR_IF_EXISTS));
  }

  @Test
  void writesAreAtomic(@TempDir Path dir) {
    FileFormatChecks.checkAtomicWrites(NPZ, dir, "a.npz", "#x");
  }
}
