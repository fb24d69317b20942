package org.ndio.jobs.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.CorruptDataException;
import org.ndio.format.Fixtures;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeWriter;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.testing.Python;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Size3;

/**
 * The zero-copy conversion (file bytes moved by the kernel) against numpy, h5py and nibabel:
 * npy files numpy wrote, contiguous datasets h5py wrote and a NIfTI file nibabel wrote go to
 * HDF5 and npy files that h5py and numpy read back byte for byte, and every case the copy
 * cannot serve (big-endian, Fortran order, boxes cutting rows, chunked sources and targets)
 * takes the path through volumes and is just as right. Which path ran shows in an HDF5
 * target: the kernel copy places the dataset where the box starts in its source, modulo
 * 64 KiB; the other path on a page boundary.
 */
class RawCopyTest {

  @TempDir
  static Path dir;

  // numpy and h5py write the sources: several types, both byte orders and memory orders,
  // contiguous and chunked datasets.
  private static final String MAKE = String.join("\n",
      "d = sys.argv[1]",
      "rng = np.random.default_rng(7)",
      "def ints(shape, t):",
      "    return rng.integers(0, 1 << 16, shape).astype(t)",
      "np.save(d + '/u8.npy', rng.integers(0, 256, (6, 37, 29), dtype=np.uint8))",
      "np.save(d + '/u16.npy', ints((5, 23, 19), '<u2'))",
      "np.save(d + '/f32.npy', rng.standard_normal((4, 21, 17)).astype('<f4'))",
      "np.save(d + '/be.npy', ints((5, 23, 19), '>u2'))",
      "np.save(d + '/fortran.npy', np.asfortranarray(ints((5, 23, 19), '<u2')))",
      "assert np.load(d + '/fortran.npy').flags.f_contiguous",
      "import h5py",
      "for name, a, chunks in [('c16', ints((5, 23, 19), '<u2'), None),",
      "        ('cbe', ints((5, 23, 19), '>u2'), None),",
      "        ('ch', ints((5, 23, 19), '<u2'), (1, 8, 8))]:",
      "    with h5py.File(d + '/' + name + '.h5', 'w') as f:",
      "        f.create_dataset('data', data=a, chunks=chunks)",
      "import nibabel as nib",
      "nib.save(nib.Nifti1Image(ints((19, 23, 5), '<i2'), np.eye(4)), d + '/le.nii')",
      "print(json.dumps({}))");

  // For each H5,SOURCE,Z0:Z1/Y0:Y1/X0:X1: whether the dataset holds exactly the little-endian
  // bytes of the source's box as numpy or h5py read it, where and how h5py finds it stored, and
  // the file offset of the box's first voxel in the source.
  private static final String CHECK = String.join("\n",
      "import h5py",
      "res = {}",
      "for spec in sys.argv[2:]:",
      "    h5, src, box = spec.split(',')",
      "    path = sys.argv[1] + '/' + src",
      "    if src.endswith('.npy'):",
      "        a = np.load(path)",
      "        base = np.load(path, mmap_mode='r').offset",
      "    elif src.endswith('.nii'):",
      "        import nibabel as nib",
      "        img = nib.load(path)",
      "        a = np.asarray(img.dataobj).transpose(2, 1, 0)",
      "        base = img.dataobj.offset",
      "    else:",
      "        with h5py.File(path, 'r') as g:",
      "            a = g['/data'][()]",
      "            base = g['/data'].id.get_offset() or 0",
      "    cut = tuple(slice(*map(int, p.split(':'))) for p in box.split('/'))",
      "    want = np.ascontiguousarray(a[cut])",
      "    want = want.astype(want.dtype.newbyteorder('<'), copy=False)",
      "    with h5py.File(sys.argv[1] + '/' + h5, 'r') as f:",
      "        d = f['/data']",
      "        got = d[()]",
      "        res[h5] = {'same': got.shape == want.shape and got.tobytes() == want.tobytes(),",
      "            'dtype': d.dtype.str, 'want_dtype': want.dtype.str,",
      "            'offset': d.id.get_offset(), 'chunks': d.chunks,",
      "            'src_first': int(base",
      "                + np.ravel_multi_index([c.start for c in cut], a.shape) * a.itemsize)}",
      "print(json.dumps(res))");

  @BeforeAll
  static void numpyWritesTheSources() {
    Python.require("numpy", "h5py", "nibabel");
    Fixtures.python(MAKE, dir);
  }

  /** One conversion: an npy (of {@link #MAKE}) to an HDF5 file, its box as numpy slices. */
  private record Case(String npy, String h5, Optional<BoundingBox> box, Optional<Size3> chunks) {
    String slices(long[] zyx) {
      return RawCopyTest.slices(box.orElse(BoundingBox.ofShape(zyx[2], zyx[1], zyx[0])));
    }
  }

  private static Case whole(String npy, String h5) {
    return new Case(npy, h5, Optional.empty(), Optional.empty());
  }

  private static Case box(String npy, String h5, BoundingBox box) {
    return new Case(npy, h5, Optional.of(box), Optional.empty());
  }

  /** The URL of a source file of {@link #MAKE}. */
  private static String npy(String name) {
    String scheme = name.endsWith(".npy") ? "npy:" : name.endsWith(".nii") ? "nifti:" : "hdf5:";
    return scheme + dir.resolve(name);
  }

  /** Converts each case in small blocks (several per volume); returns what h5py finds. */
  private static JsonNode convertAndCheck(List<Case> cases) {
    List<Path> args = new ArrayList<>(List.of(dir));
    for (Case c : cases) {
      Convert.Options o = new Convert.Options(c.box(), c.chunks(), Optional.empty(),
          WriteMode.ERROR_IF_EXISTS);
      Convert.Result r = Convert.run(npy(c.npy()), "hdf5:" + dir.resolve(c.h5()) + "#/data",
          o, Convert.Progress.NONE, 500);
      assertTrue(r.blocks() > 1, c + " is copied in several blocks: " + r.blocks());
      long[] zyx;
      try (VolumeReader in = Volumes.open(npy(c.npy()))) {
        BoundingBox e = in.info().extent();
        zyx = new long[] {e.sizeZ(), e.sizeY(), e.sizeX()};
      }
      args.add(Path.of(c.h5() + "," + c.npy() + "," + c.slices(zyx)));
    }
    return Fixtures.python(CHECK, args.toArray(new Path[0]));
  }

  private static void assertSame(JsonNode x, String name) {
    assertTrue(x.get("same").asBoolean(), name + ": h5py reads the npy's voxels: " + x);
    assertEquals(x.get("want_dtype").asText(), x.get("dtype").asText(), name);
  }

  @Test
  void wholeVolumesAndBoxesOfWholeRowsAreCopiedByTheKernelByteForByte() {
    List<Case> cases = List.of(whole("u8.npy", "u8.h5"), whole("u16.npy", "u16.h5"),
        whole("f32.npy", "f32.h5"),
        // whole rows of some sections (one run per section), and whole sections
        box("u16.npy", "u16-rows.h5", new BoundingBox(0, 19, 4, 17, 1, 4)),
        box("u8.npy", "u8-sections.h5", new BoundingBox(0, 29, 0, 37, 2, 5)),
        // a contiguous HDF5 dataset h5py wrote, a NIfTI-1 file nibabel wrote
        box("c16.h5", "c16-rows.h5", new BoundingBox(0, 19, 1, 23, 0, 5)),
        whole("le.nii", "nii.h5"));
    JsonNode got = convertAndCheck(cases);
    for (Case c : cases) {
      JsonNode x = got.get(c.h5());
      assertSame(x, c.h5());
      // where the box's first voxel is in the npy file, which is never on a page boundary here
      long first = x.get("src_first").asLong();
      assertNotEquals(0, first % 4096, c.h5());
      assertEquals(first % 65536, x.get("offset").asLong() % 65536,
          c.h5() + ": placed for the kernel copy, at the box's offset in the npy modulo 64 KiB");
    }
  }

  @Test
  void whatTheKernelCannotCopyGoesThroughVolumesAndStaysRight() {
    List<Case> cases = List.of(whole("be.npy", "be.h5"), whole("fortran.npy", "fortran.h5"),
        box("u16.npy", "u16-cut.h5", new BoundingBox(3, 15, 0, 23, 0, 5)),
        box("be.npy", "be-box.h5", new BoundingBox(0, 19, 2, 20, 1, 4)),
        new Case("u16.npy", "u16-chunked.h5", Optional.empty(),
            Optional.of(new Size3(8, 8, 2))),
        whole("cbe.h5", "from-cbe.h5"), whole("ch.h5", "from-chunked.h5"));
    JsonNode got = convertAndCheck(cases);
    for (Case c : cases) {
      JsonNode x = got.get(c.h5());
      assertSame(x, c.h5());
      if (c.chunks().isPresent()) {
        assertEquals("[2,8,8]", x.get("chunks").toString(), c.h5());
      } else {
        assertEquals(0, x.get("offset").asLong() % 4096,
            c.h5() + ": written from volumes, at a page boundary");
      }
    }
  }

  @Test
  void bothSidesAreAskedAndNothingIsWrittenWhenEitherRefuses() {
    String[] refused = {"be.npy", "fortran.npy", "cbe.h5", "ch.h5"};
    for (String name : refused) {
      Path h5 = dir.resolve("refused-" + name + ".h5");
      try (VolumeReader in = Volumes.open(npy(name));
          VolumeWriter out = Volumes.create("hdf5:" + h5, spec(in), WriteMode.ERROR_IF_EXISTS)) {
        BoundingBox all = in.info().extent();
        assertFalse(RawCopy.copy(in, out, all, List.of(all), Convert.Progress.NONE), name);
        assertEquals(List.of(), files().stream().filter(f -> f.contains("refused-")).toList(),
            "nothing written for " + name);
      }
    }
    try (VolumeReader in = Volumes.open(npy("u16.npy"));
        VolumeWriter out = Volumes.create("hdf5:" + dir.resolve("chunked.h5"),
            spec(in).withChunks(new Size3(19, 23, 1)), WriteMode.ERROR_IF_EXISTS)) {
      BoundingBox all = in.info().extent();
      assertFalse(RawCopy.copy(in, out, all, List.of(all), Convert.Progress.NONE),
          "a chunked target");
    }
  }

  // For each OUT,SOURCE,Z0:Z1/Y0:Y1/X0:X1: whether numpy reads from the npy OUT exactly the
  // little-endian box of the source as numpy or h5py read it.
  private static final String CHECK_NPY = String.join("\n",
      "import h5py",
      "res = {}",
      "for spec in sys.argv[2:]:",
      "    out, src, box = spec.split(',')",
      "    path = sys.argv[1] + '/' + src",
      "    if src.endswith('.npy'):",
      "        a = np.load(path)",
      "    else:",
      "        with h5py.File(path, 'r') as g:",
      "            a = g['/data'][()]",
      "    cut = tuple(slice(*map(int, p.split(':'))) for p in box.split('/'))",
      "    want = np.ascontiguousarray(a[cut])",
      "    want = want.astype(want.dtype.newbyteorder('<'), copy=False)",
      "    got = np.load(sys.argv[1] + '/' + out)",
      "    res[out] = got.dtype == want.dtype and got.shape == want.shape \\",
      "        and got.tobytes() == want.tobytes()",
      "print(json.dumps(res))");

  @Test
  void npyTargetsTakeTheKernelCopyToo() {
    BoundingBox rows = new BoundingBox(0, 19, 2, 21, 1, 5);
    List<String> checks = new ArrayList<>();
    String[][] raw = {{"u16.npy", "u16-copy.npy"}, {"f32.npy", "f32-copy.npy"},
        {"c16.h5", "c16-rows.npy"}};
    for (String[] c : raw) {
      try (VolumeReader in = Volumes.open(npy(c[0]))) {
        BoundingBox box = c[0].equals("c16.h5") ? rows : in.info().extent();
        VolumeSpec spec = VolumeSpec.of(in.info().dtype(),
            new Size3(box.sizeX(), box.sizeY(), box.sizeZ()));
        try (VolumeWriter out = Volumes.create("npy:" + dir.resolve(c[1]), spec,
            WriteMode.ERROR_IF_EXISTS)) {
          assertTrue(RawCopy.copy(in, out, box, Convert.blocks(box, new Size3(box.sizeX(),
              box.sizeY(), 2)), Convert.Progress.NONE), c[0] + " to " + c[1]);
          assertFalse(Files.exists(dir.resolve(c[1])), "nothing at the target before commit");
          out.commit();
        }
        checks.add(c[1] + "," + c[0] + "," + slices(box));
      }
    }
    Convert.run(npy("be.npy"), npy("be-copy.npy"), Convert.Options.defaults(),
        Convert.Progress.NONE, 500);
    checks.add("be-copy.npy,be.npy,0:5/0:23/0:19");
    JsonNode got = Fixtures.python(CHECK_NPY,
        Stream.concat(Stream.of(dir), checks.stream().map(Path::of)).toArray(Path[]::new));
    for (String c : checks) {
      String out = c.split(",")[0];
      assertTrue(got.get(out).asBoolean(), out + ": numpy reads the source's voxels");
    }
  }

  private static String slices(BoundingBox b) {
    return b.z0() + ":" + b.z1() + "/" + b.y0() + ":" + b.y1() + "/" + b.x0() + ":" + b.x1();
  }

  private static VolumeSpec spec(VolumeReader in) {
    BoundingBox e = in.info().extent();
    return VolumeSpec.of(in.info().dtype(), new Size3(e.sizeX(), e.sizeY(), e.sizeZ()));
  }

  private static List<String> files() {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theTargetAppearsOnlyWhenCompleteAndAFailedCopyLeavesNothing() throws IOException {
    Path src = dir.resolve("atomic.npy");
    Files.copy(dir.resolve("u16.npy"), src);
    Path h5 = dir.resolve("atomic.h5");
    List<Long> progress = new ArrayList<>();
    Convert.run(npy("atomic.npy"), "hdf5:" + h5, Convert.Options.defaults(), (d, t) -> {
      progress.add(d);
      assertFalse(Files.exists(h5), "nothing at the target before the commit");
    }, 2000);
    assertTrue(progress.size() > 1);
    assertTrue(Files.isRegularFile(h5));
    Files.delete(h5);

    // The source loses its last sections after the first block was copied.
    List<String> before = files();
    long half = Files.size(src) / 2;
    CorruptDataException e = assertThrows(CorruptDataException.class,
        () -> Convert.run(npy("atomic.npy"), "hdf5:" + h5, Convert.Options.defaults(),
            (d, t) -> truncate(src, half), 2000));
    assertTrue(e.getMessage().startsWith("npy:" + src + ": data is truncated"), e.getMessage());
    assertEquals(before, files(), "no target and no temporary file left");
  }

  private static void truncate(Path file, long size) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(size);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
