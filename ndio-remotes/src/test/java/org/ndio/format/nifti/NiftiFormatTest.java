package org.ndio.format.nifti;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ndio.format.FileFormatChecks.assertError;
import static org.ndio.testing.TestVolumes.random;
import static org.ndio.format.FileFormatChecks.readAll;
import static org.ndio.format.FileFormatChecks.specOf;
import static org.ndio.format.FileFormatChecks.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.CorruptDataException;
import org.ndio.DataTypeException;
import org.ndio.InvalidUrlException;
import org.ndio.UnsupportedFeatureException;
import org.ndio.format.FileFormatChecks;
import org.ndio.format.PythonLines;
import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeUrl;
import org.ndio.store.WriteMode;
import org.ndio.testing.Python;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;
import org.ndio.volume.VoxelSize;

class NiftiFormatTest {

  private static final NiftiFormat NIFTI = new NiftiFormat();

  @TempDir
  static Path nibabelDir;

  private static String nibabelOutput;

  /**
   * Images nibabel wrote: every type as .nii, .nii.gz and big-endian .nii; 2D and 4D-of-one
   * images; scaled images; and images ndio must refuse. Arrays are indexed [i, j, k] = [x, y,
   * z], so the volume a[z, y, x] is their transpose.
   */
  @BeforeAll
  static void writeWithNibabel() {
    Python.require("numpy", "nibabel");
    nibabelOutput = Python.run(PythonLines.PRELUDE + """
        import gzip, shutil, struct
        import nibabel as nib
        out = sys.argv[1]

        def save(name, arr, zooms=(0.5, 0.75, 2.0), units='mm', endian='<', cls=nib.Nifti1Image):
            hdr = cls.header_class(endianness=endian)
            hdr.set_data_dtype(arr.dtype)
            img = cls(arr, None, header=hdr)
            img.header.set_zooms(zooms[:min(arr.ndim, 3)] + (1.0,) * max(0, arr.ndim - 3))
            img.header.set_xyzt_units(units)
            path = os.path.join(out, name)
            nib.save(img, path)
            back = nib.load(path)
            assert np.array_equal(np.asarray(back.dataobj), arr, equal_nan=True), name
            z = back.header.get_zooms()
            print('VOXEL ' + name + '\\t%r %r %r %s' % (float(z[0]), float(z[1]),
                  float(z[2]) if len(z) > 2 else 1.0, back.header.get_xyzt_units()[0]))
            return path

        box = (1, 6, 2, 5, 1, 3)
        for t in TYPES:
            arr = make(t, (7, 5, 4))
            for name, endian in ((t + '.nii', '<'), (t + '.nii.gz', '<'), (t + '_be.nii', '>')):
                save(name, arr, endian=endian)
                emit(name, arr.transpose(2, 1, 0), box)
        save('be.nii.gz', make('float64', (7, 5, 4)), endian='>')
        emit('be.nii.gz', nib.load(os.path.join(out, 'be.nii.gz')).get_fdata().transpose(2, 1, 0),
             box)
        arr = make('int16', (7, 5))
        save('2d.nii', arr)
        emit('2d.nii', arr.T[None], (1, 6, 2, 5, 0, 1))
        arr = make('float32', (7, 5, 4, 1))
        save('4d_one.nii.gz', arr)
        emit('4d_one.nii.gz', arr[..., 0].transpose(2, 1, 0), box)
        # A header extension moves the data past byte 352.
        arr = make('uint16', (7, 5, 4))
        img = nib.Nifti1Image(arr, np.eye(4), dtype=np.uint16)
        img.header.extensions.append(nib.nifti1.Nifti1Extension('comment', b'x' * 100))
        nib.save(img, os.path.join(out, 'extension.nii'))
        assert nib.load(os.path.join(out, 'extension.nii')).dataobj.offset > 352
        emit('extension.nii', arr.transpose(2, 1, 0), box)
        save('micron.nii', make('uint8', (3, 3, 3)), zooms=(0.25, 0.25, 1.5), units='micron')
        save('meter.nii', make('uint8', (3, 3, 3)), zooms=(1e-6, 2e-6, 3e-6), units='meter')
        save('unknown.nii', make('uint8', (3, 3, 3)), units='unknown')

        # Scaled images: nibabel writes unscaled data, then slope and intercept are set.
        for t, slope, inter, result in (('int16', 0.5, 10.0, 'float32'),
                                        ('uint8', 2.0, -3.0, 'float32'),
                                        ('int32', 0.25, 0.0, 'float64'),
                                        ('float32', 1.0, 5.0, 'float32'),
                                        ('float64', 3.0, 0.5, 'float64')):
            raw = make(t, (7, 5, 4))
            if raw.dtype.kind == 'f':
                raw[0, 0, 0] = 1.0
            name = 'scaled_' + t + '.nii'
            path = save(name, raw)
            b = bytearray(open(path, 'rb').read())
            b[112:120] = struct.pack('<ff', slope, inter)
            open(path, 'wb').write(b)
            with gzip.open(path + '.gz', 'wb') as f:
                f.write(b)
            expected = (raw.astype(np.float64) * np.float32(slope) + np.float32(inter))
            expected = expected.astype(result)
            # nibabel reads the same values (within its own float rounding).
            by_nibabel = np.asarray(nib.load(path).dataobj)
            assert np.allclose(by_nibabel, expected, rtol=1e-6, atol=0), name
            emit(name, expected.transpose(2, 1, 0), box)
            emit(name + '.gz', expected.transpose(2, 1, 0), box)

        bad_types = {'complex64': np.zeros((3, 3, 3), np.complex64),
                     'rgb24': np.zeros((3, 3, 3), [('R', 'u1'), ('G', 'u1'), ('B', 'u1')])}
        for k, arr in bad_types.items():
            hdr = nib.Nifti1Header()
            hdr.set_data_dtype(arr.dtype)
            nib.save(nib.Nifti1Image(arr, np.eye(4), header=hdr), os.path.join(out, k + '.nii'))
            print('BADTYPE ' + k + '.nii\\t' + str(int(hdr['datatype'])))
        # nibabel cannot write these on every platform: patch the code of a uint8 image.
        for k, code, bits in (('float128', 1536, 128), ('binary', 1, 1)):
            b = bytearray(open(os.path.join(out, 'uint8.nii'), 'rb').read())
            b[70:74] = struct.pack('<hh', code, bits)
            open(os.path.join(out, k + '.nii'), 'wb').write(b)
            print('BADTYPE ' + k + '.nii\\t' + str(code))
        for k, shape in (('1d', (5,)), ('4d', (7, 5, 4, 3)), ('5d', (3, 3, 3, 1, 2))):
            nib.save(nib.Nifti1Image(np.zeros(shape, np.uint8), np.eye(4)),
                     os.path.join(out, k + '.nii'))
            print('SHAPE ' + k + '.nii\\t' + str(list(shape)))
        nib.save(nib.Nifti1Pair(np.zeros((3, 3, 3), np.uint8), np.eye(4)),
                 os.path.join(out, 'pair.img'))
        shutil.copy(os.path.join(out, 'pair.hdr'), os.path.join(out, 'pair_header.nii'))
        nib.save(nib.Nifti2Image(np.zeros((3, 3, 3), np.uint8), np.eye(4)),
                 os.path.join(out, 'nifti2.nii'))
        """, nibabelDir.toString());
  }

  private static String url(Path p) {
    return "nifti:" + p;
  }

  private static String url(String name) {
    return url(nibabelDir.resolve(name));
  }

  @Test
  void readsWhatNibabelWrote() {
    Map<String, PythonLines.Expected> arrays = PythonLines.arrays(nibabelOutput);
    Map<String, String> voxels = PythonLines.tagged(nibabelOutput, "VOXEL");
    assertEquals(30 + 4 + 10, arrays.size());
    for (PythonLines.Expected e : arrays.values()) {
      try (VolumeReader r = NIFTI.open(VolumeUrl.parse(url(e.name())))) {
        VolumeInfo info = r.info();
        assertEquals(e.dtype(), info.dtype(), e.name());
        assertEquals(BoundingBox.ofShape(e.sx(), e.sy(), e.sz()), info.extent(), e.name());
        assertEquals(e.name().endsWith(".gz") ? "gzip" : "none", info.compressor(), e.name());
        Volume all = r.readAll();
        e.check(all);
        assertEquals(e.boxCrc(), r.read(e.box()).checksum(), e.name() + " box " + e.box());
        String v = voxels.get(e.name().replaceAll("^(scaled_.*\\.nii)\\.gz$", "$1"));
        if (v != null) {
          checkVoxelSize(v, info, e.name());
        }
      }
    }
    for (String name : List.of("micron.nii", "meter.nii", "unknown.nii")) {
      try (VolumeReader r = NIFTI.open(VolumeUrl.parse(url(name)))) {
        checkVoxelSize(voxels.get(name), r.info(), name);
      }
    }
  }

  private static void checkVoxelSize(String nibabelLine, VolumeInfo info, String name) {
    String[] f = nibabelLine.split(" ");
    VoxelSize v = info.voxelSize().orElseThrow(() -> new AssertionError(name + ": no size"));
    assertEquals(Double.parseDouble(f[0]), v.x(), 0, name);
    assertEquals(Double.parseDouble(f[1]), v.y(), 0, name);
    assertEquals(Double.parseDouble(f[2]), v.z(), 0, name);
    String unit = switch (f[3]) {
      case "mm" -> "millimeter";
      case "micron" -> "micrometer";
      case "meter" -> "meter";
      default -> "unknown";
    };
    assertEquals(unit, v.unit(), name);
  }

  @Test
  void scaledImagesReportTheirScaling() {
    try (VolumeReader r = NIFTI.open(VolumeUrl.parse(url("scaled_int16.nii.gz")))) {
      assertEquals(DataType.FLOAT32, r.info().dtype());
      assertEquals(0.5, r.info().attributes().get("scl_slope"));
      assertEquals(10.0, r.info().attributes().get("scl_inter"));
      assertEquals("int16", r.info().attributes().get("stored_dtype"));
    }
    try (VolumeReader r = NIFTI.open(VolumeUrl.parse(url("int16.nii")))) {
      assertEquals(DataType.INT16, r.info().dtype());
      assertEquals(null, r.info().attributes().get("scl_slope"));
    }
  }

  @Test
  void boxReadsEqualSlicesOfTheWholeVolume() {
    Random rnd = new Random(11);
    for (String name : List.of("uint16.nii", "float64.nii.gz", "int32_be.nii", "be.nii.gz",
        "scaled_int16.nii", "2d.nii")) {
      try (VolumeReader r = NIFTI.open(VolumeUrl.parse(url(name)))) {
        Volume all = r.readAll();
        BoundingBox ext = r.info().extent();
        for (int i = 0; i < 25; i++) {
          long x0 = rnd.nextInt((int) ext.x1());
          long y0 = rnd.nextInt((int) ext.y1());
          long z0 = rnd.nextInt((int) ext.z1());
          BoundingBox b = new BoundingBox(x0, x0 + 1 + rnd.nextInt((int) (ext.x1() - x0)), y0,
              y0 + 1 + rnd.nextInt((int) (ext.y1() - y0)), z0,
              z0 + 1 + rnd.nextInt((int) (ext.z1() - z0)));
          assertEquals(all.view(b), r.read(b), name + " box " + b);
        }
      }
    }
  }

  @Test
  void nibabelReadsWhatWeWrite(@TempDir Path dir) {
    Python.require("numpy", "nibabel");
    List<String> args = new ArrayList<>();
    List<Volume> volumes = new ArrayList<>();
    List<String> zooms = new ArrayList<>();
    VoxelSize[] sizes = {new VoxelSize(0.5, 0.75, 2, "mm"), new VoxelSize(4, 4, 40, "nm"),
        new VoxelSize(1, 2, 3, "micrometer"), null};
    // As Python's '%.6g' prints the float32 pixdim values.
    String[] expectedZooms = {"0.5 0.75 2 mm", "0.004 0.004 0.04 micron", "1 2 3 micron",
        "1 1 1 unknown"};
    int i = 0;
    for (DataType t : DataType.values()) {
      for (String suffix : List.of(".nii", ".nii.gz")) {
        Volume v = random(t, 9, 6, 4, 31L * t.ordinal() + suffix.length());
        Path p = dir.resolve(t.numpyName() + suffix);
        VolumeSpec spec = specOf(v);
        if (sizes[i % 4] != null) {
          spec = spec.withVoxelSize(sizes[i % 4]);
        }
        write(NIFTI, url(p), v, spec, WriteMode.ERROR_IF_EXISTS);
        args.add(p.toString());
        volumes.add(v);
        zooms.add(expectedZooms[i % 4]);
        i++;
      }
    }
    String out = Python.run("""
        import sys, zlib
        import numpy as np
        import nibabel as nib
        for path in sys.argv[1:]:
            img = nib.load(path)
            a = np.asarray(img.dataobj)
            v = np.ascontiguousarray(a.transpose(2, 1, 0))
            crc = zlib.crc32(v.astype(v.dtype.newbyteorder('<')).tobytes())
            h = img.header
            z = [float(np.float32(x)) for x in h.get_zooms()]
            affine_ok = np.allclose(img.affine, np.diag(z + [1.0]), rtol=0, atol=0)
            print(a.dtype.name, 'x'.join(map(str, a.shape)), crc,
                  ' '.join('%.6g' % x for x in z), h.get_xyzt_units()[0],
                  int(h['qform_code']), int(h['sform_code']), int(affine_ok),
                  int(img.dataobj.offset), img.dataobj.slope, img.dataobj.inter)
        """, args.toArray(String[]::new));
    String[] lines = out.strip().split("\n");
    assertEquals(volumes.size(), lines.length, out);
    for (int k = 0; k < lines.length; k++) {
      Volume v = volumes.get(k);
      String expected = v.dtype().numpyName() + " " + v.sizeX() + "x" + v.sizeY() + "x"
          + v.sizeZ() + " " + v.checksum() + " " + zooms.get(k) + " 1 1 1 352 1.0 0.0";
      assertEquals(expected, lines[k], args.get(k));
    }
  }

  @Test
  void roundTripsEveryType(@TempDir Path dir) {
    for (DataType t : DataType.values()) {
      for (String suffix : List.of(".nii", ".NII.GZ")) {
        Volume v = random(t, 11, 7, 5, 300 + t.ordinal());
        Path p = dir.resolve(t + suffix);
        write(NIFTI, url(p), v, specOf(v).withVoxelSize(new VoxelSize(4.6, 4.6, 50, "nm")),
            WriteMode.ERROR_IF_EXISTS);
        try (VolumeReader r = NIFTI.open(VolumeUrl.parse(url(p)))) {
          assertEquals(t, r.info().dtype());
          assertEquals(suffix.equals(".nii") ? "none" : "gzip", r.info().compressor());
          VoxelSize s = r.info().voxelSize().orElseThrow();
          assertEquals(0.0046, s.x(), 1e-9);
          assertEquals(0.05, s.z(), 1e-9);
          assertEquals("micrometer", s.unit());
          assertEquals(v, r.readAll(), t + suffix);
          BoundingBox b = new BoundingBox(3, 10, 2, 6, 1, 4);
          assertEquals(v.view(b), r.read(b), t + suffix);
        }
      }
    }
  }

  @Test
  void refusesUnsupportedTypesAndShapes() {
    Map<String, String> types = PythonLines.tagged(nibabelOutput, "BADTYPE");
    assertEquals(4, types.size());
    types.forEach((name, code) -> assertError(DataTypeException.class, nibabelDir.resolve(name),
        () -> NIFTI.open(VolumeUrl.parse(url(name))), "datatype " + code));
    Map<String, String> shapes = PythonLines.tagged(nibabelOutput, "SHAPE");
    assertEquals(3, shapes.size());
    shapes.forEach((name, shape) -> assertError(UnsupportedFeatureException.class,
        nibabelDir.resolve(name), () -> NIFTI.open(VolumeUrl.parse(url(name))), shape));
    for (String name : List.of("pair.hdr", "pair.img", "pair_header.nii", "nifti2.nii",
        "absent.hdr")) {
      assertError(UnsupportedFeatureException.class, nibabelDir.resolve(name),
          () -> NIFTI.open(VolumeUrl.parse(url(name))));
    }
  }

  @Test
  void truncatedFilesAreCorruptAtEveryLength(@TempDir Path dir) throws IOException {
    for (String name : List.of("int16.nii", "int16.nii.gz", "uint64_be.nii")) {
      Path whole = nibabelDir.resolve(name);
      long size = Files.size(whole);
      for (long n = 0; n < size; n++) {
        Path p = FileFormatChecks.truncated(whole, n, dir, "cut-" + n + "-" + name);
        assertError(CorruptDataException.class, p, () -> readAll(NIFTI, url(p)));
        Files.delete(p);
      }
    }
  }

  @Test
  void malformedHeadersAreCorrupt(@TempDir Path dir) throws IOException {
    byte[] good = Files.readAllBytes(nibabelDir.resolve("int16.nii"));
    Map<String, Consumer<ByteBuffer>> edits = Map.ofEntries(
        Map.entry("sizeof_hdr", b -> b.putInt(0, 256)),
        Map.entry("magic", b -> b.put(345, (byte) '+').put(346, (byte) '2')),
        Map.entry("dim[0]", b -> b.putShort(40, (short) 0)),
        Map.entry("dim[0] ", b -> b.putShort(40, (short) 9)),
        Map.entry("dim[2]", b -> b.putShort(44, (short) 0)),
        Map.entry("dim[1]", b -> b.putShort(42, (short) -3)),
        Map.entry("vox_offset", b -> b.putFloat(108, 100)),
        Map.entry("vox_offset ", b -> b.putFloat(108, 352.5f)),
        Map.entry("vox_offset  ", b -> b.putFloat(108, Float.NaN)),
        Map.entry("truncated", b -> b.putFloat(108, 1e9f)),
        Map.entry("truncated ", b -> b.putShort(46, (short) 30000)));
    for (Map.Entry<String, Consumer<ByteBuffer>> e : edits.entrySet()) {
      byte[] b = good.clone();
      e.getValue().accept(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN));
      Path p = dir.resolve("edit-" + e.getKey().strip() + e.getKey().length() + ".nii");
      Files.write(p, b);
      assertError(CorruptDataException.class, p, () -> readAll(NIFTI, url(p)),
          e.getKey().strip());
    }
    byte[] b = good.clone();
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(70, (short) 0);
    Path p = dir.resolve("dtype0.nii");
    Files.write(p, b);
    assertError(DataTypeException.class, p, () -> readAll(NIFTI, url(p)), "DT_UNKNOWN");
  }

  @Test
  void damagedGzipIsCorrupt(@TempDir Path dir) throws IOException {
    byte[] good = Files.readAllBytes(nibabelDir.resolve("float64.nii.gz"));
    for (int k = 1; k < 16; k++) {
      // Anywhere after the 10-byte gzip header, before the 8-byte trailer, or in the trailer.
      int at = k < 15 ? 10 + (good.length - 18) * k / 15 : good.length - 3;
      byte[] b = good.clone();
      b[at] ^= 0x5a;
      Path p = dir.resolve("flip" + at + ".nii.gz");
      Files.write(p, b);
      assertError(CorruptDataException.class, p, () -> readAll(NIFTI, url(p)));
    }
  }

  @Test
  void writeRefusals(@TempDir Path dir) {
    Volume v = random(DataType.UINT8, 2, 2, 2, 1);
    VolumeSpec spec = specOf(v);
    assertError(InvalidUrlException.class, dir, () -> NIFTI.create(VolumeUrl.parse(
        url(dir.resolve("a.nifti"))), spec, WriteMode.ERROR_IF_EXISTS), ".nii.gz");
    assertError(UnsupportedFeatureException.class, dir, () -> NIFTI.create(VolumeUrl.parse(
        url(dir.resolve("a.hdr"))), spec, WriteMode.ERROR_IF_EXISTS), ".hdr/.img");
    assertError(UnsupportedFeatureException.class, dir, () -> NIFTI.create(VolumeUrl.parse(
        url(dir.resolve("a.nii"))), VolumeSpec.of(DataType.UINT8, new Size3(40000, 2, 1)),
        WriteMode.ERROR_IF_EXISTS), "32767");
    assertError(UnsupportedFeatureException.class, dir, () -> NIFTI.create(VolumeUrl.parse(
        url(dir.resolve("a.nii"))), spec.withVoxelSize(new VoxelSize(1, 1, 1, "angstrom")),
        WriteMode.ERROR_IF_EXISTS), "angstrom");
    assertError(UnsupportedFeatureException.class, dir, () -> NIFTI.create(VolumeUrl.parse(
        url(dir.resolve("a.nii"))), spec.withCompressor("gzip"), WriteMode.ERROR_IF_EXISTS),
        "gzip");
    assertError(InvalidUrlException.class, dir, () -> NIFTI.create(VolumeUrl.parse(
        url(dir.resolve("a.nii")) + "#x"), spec, WriteMode.ERROR_IF_EXISTS));
    assertTrue(dir.toFile().list().length == 0);
  }

  @Test
  void writesAreAtomic(@TempDir Path dir) throws IOException {
    FileFormatChecks.checkAtomicWrites(NIFTI, dir, "a.nii", "");
    Path gz = dir.resolve("gz");
    Files.createDirectory(gz);
    FileFormatChecks.checkAtomicWrites(NIFTI, gz, "a.nii.gz", "");
  }
}
