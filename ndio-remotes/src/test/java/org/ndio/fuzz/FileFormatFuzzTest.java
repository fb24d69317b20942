package org.ndio.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/**
 * Damaged files of every single-file format: valid files written by our writers (whose output
 * the Python cross-check tests compare with numpy, h5py, tifffile, PIL and nibabel), then
 * truncated at every offset of their first bytes and at spaced offsets beyond, and mutated
 * with a fixed seed. Each must open and read to a volume of the declared shape or fail with a
 * typed error; see {@link FuzzRunner} for what else is caught. Where a container would stop
 * most damage at its checksum (gzip, zip), the damaged payload is also wrapped in a fresh,
 * valid container, so the parser inside is reached.
 */
class FileFormatFuzzTest {

  private static final int MUTANTS = 120;
  private static final long READ_LIMIT = 64;

  @TempDir
  Path dir;

  private static Volume volume(DataType t) {
    return TestVolumes.random(t, 9, 7, 3, 42);
  }

  @Test
  void npy() throws Exception {
    fuzzFile("npy", "npy:", ".npy", "", volume(DataType.UINT16), null, 1);
  }

  @Test
  void npz() throws Exception {
    fuzzFile("npz-deflated", "npz:", ".npz", "", volume(DataType.INT32), null, 2);
    fuzzFile("npz-stored", "npz:", ".npz", "#vol", volume(DataType.UINT8), "none", 3);
    byte[] npy = validBytes("npy:", ".npy", "", volume(DataType.FLOAT32), null);
    fuzzWrapped("npz-entry", "npz:", ".npz", npy, FileFormatFuzzTest::zip, 4);
  }

  @Test
  void hdf5() throws Exception {
    fuzzFile("hdf5", "hdf5:", ".h5", "#/g/vol", volume(DataType.UINT16), null, 5);
    fuzzFile("hdf5-gzip", "hdf5:", ".h5", "#/vol", volume(DataType.INT16), "shuffle+gzip", 6);
  }

  @Test
  void tiff() throws Exception {
    fuzzFile("tiff-deflate", "tiff:", ".tif", "", volume(DataType.UINT16), null, 7);
    fuzzFile("tiff-raw", "tiff:", ".tif", "", volume(DataType.UINT8), "none", 8);
    fuzzFile("tiff-lzw", "tiff:", ".tif", "", volume(DataType.UINT8), "lzw", 9);
  }

  @Test
  void png() throws Exception {
    for (DataType t : List.of(DataType.UINT8, DataType.UINT16)) {
      Path valid = dir.resolve("valid-png-" + t.numpyName());
      TestVolumes.write("png:" + valid, volume(t), null, null);
      Path first;
      try (Stream<Path> files = Files.list(valid)) {
        first = files.sorted().findFirst().orElseThrow();
      }
      byte[] bytes = Files.readAllBytes(first);
      Path cases = dir.resolve("png-cases-" + t.numpyName());
      copyDir(valid, cases);
      Path target = cases.resolve(first.getFileName());
      run("png-" + t.numpyName(), bytes, target, "png:" + cases, 10 + t.bytes());
    }
  }

  @Test
  void nifti() throws Exception {
    fuzzFile("nifti", "nifti:", ".nii", "", volume(DataType.INT16), null, 12);
    fuzzFile("nifti-gz", "nifti:", ".nii.gz", "", volume(DataType.FLOAT64), null, 13);
    byte[] nii = validBytes("nifti:", ".nii", "", volume(DataType.UINT8), null);
    fuzzWrapped("nifti-gz-inner", "nifti:", ".nii.gz", nii, FileFormatFuzzTest::gzip, 14);
  }

  private byte[] validBytes(String scheme, String ext, String fragment, Volume v,
      String compressor) throws IOException {
    Path valid = dir.resolve("valid-" + System.nanoTime() + ext);
    TestVolumes.write(scheme + valid + fragment, v, null, compressor);
    Reads.openAndRead(scheme + valid + fragment, READ_LIMIT);
    return Files.readAllBytes(valid);
  }

  private void fuzzFile(String name, String scheme, String ext, String fragment, Volume v,
      String compressor, long seed) throws IOException {
    byte[] bytes = validBytes(scheme, ext, fragment, v, compressor);
    Path target = dir.resolve("case-" + name + ext);
    run(name, bytes, target, scheme + target + fragment, seed);
  }

  /** Runs the cases on {@code target}, which {@code url} reads. */
  private void run(String name, byte[] valid, Path target, String url, long seed) {
    try (FuzzRunner f = new FuzzRunner(name)) {
      for (int n : truncationOffsets(valid.length)) {
        byte[] cut = java.util.Arrays.copyOf(valid, n);
        f.check(name + " truncated at " + n, () -> {
          Files.write(target, cut);
          Reads.openAndRead(url, READ_LIMIT);
        });
      }
      Mutator m = new Mutator(seed);
      for (int i = 0; i < MUTANTS; i++) {
        Mutator.Mutant mu = m.next(valid);
        f.check(name + " #" + i + " (seed " + seed + ", " + mu.what() + ")", () -> {
          Files.write(target, mu.bytes());
          Reads.openAndRead(url, READ_LIMIT);
        });
      }
      f.assertClean();
    }
  }

  /** Mutates {@code inner} and wraps each mutant in a valid container before reading. */
  private void fuzzWrapped(String name, String scheme, String ext, byte[] inner,
      java.util.function.UnaryOperator<byte[]> wrap, long seed) {
    Path target = dir.resolve("case-" + name + ext);
    String url = scheme + target;
    try (FuzzRunner f = new FuzzRunner(name)) {
      for (int n : truncationOffsets(inner.length)) {
        byte[] cut = wrap.apply(java.util.Arrays.copyOf(inner, n));
        f.check(name + " inner truncated at " + n, () -> {
          Files.write(target, cut);
          Reads.openAndRead(url, READ_LIMIT);
        });
      }
      Mutator m = new Mutator(seed);
      for (int i = 0; i < MUTANTS; i++) {
        Mutator.Mutant mu = m.next(inner);
        byte[] wrapped = wrap.apply(mu.bytes());
        f.check(name + " #" + i + " (seed " + seed + ", inner " + mu.what() + ")", () -> {
          Files.write(target, wrapped);
          Reads.openAndRead(url, READ_LIMIT);
        });
      }
      f.assertClean();
    }
  }

  /** Every offset in the first 48 bytes, then 24 spaced ones up to the length. */
  static int[] truncationOffsets(int length) {
    java.util.TreeSet<Integer> out = new java.util.TreeSet<>();
    for (int i = 0; i < Math.min(length, 48); i++) {
      out.add(i);
    }
    for (int k = 1; k <= 24; k++) {
      out.add((int) ((long) length * k / 25));
    }
    out.add(Math.max(0, length - 1));
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  static byte[] gzip(byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(out)) {
      g.write(b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A stored zip holding {@code b} as {@code arr_0.npy}, sizes and CRC right. */
  static byte[] zip(byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      ZipEntry e = new ZipEntry("arr_0.npy");
      e.setMethod(ZipEntry.STORED);
      e.setSize(b.length);
      CRC32 crc = new CRC32();
      crc.update(b);
      e.setCrc(crc.getValue());
      z.putNextEntry(e);
      z.write(b);
      z.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void copyDir(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path p : files.toList()) {
        Files.copy(p, to.resolve(p.getFileName()));
      }
    }
  }
}
