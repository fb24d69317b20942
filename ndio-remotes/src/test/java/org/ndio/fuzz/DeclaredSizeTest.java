package org.ndio.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.NdioException;
import org.ndio.codec.Blosc;
import org.ndio.codec.BloscCompressor;
import org.ndio.codec.BloscShuffle;
import org.ndio.codec.Codec;
import org.ndio.codec.Codecs;
import org.ndio.format.npy.NpyHeader;
import org.ndio.remote.neurodata.NpzBody;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/**
 * Small inputs whose headers declare huge arrays: each is refused with a typed error before
 * the declared size is allocated. Sizes are checked against the input's length (a stored array
 * cannot hold more bytes than the file) or, for compressed data, against the most the codec
 * can expand that many bytes to (deflate 1032:1, lz4 255:1, zstd's blocks 32768:1).
 */
class DeclaredSizeTest {

  /** Far below any of the declared sizes: a refusal must come before the allocation. */
  private static final long ALLOCATION_LIMIT = 48L << 20;

  @TempDir
  Path dir;

  private static void refusedWithoutAllocating(String what, FuzzRunner.Case c) {
    try (FuzzRunner f = new FuzzRunner(what, Duration.ofSeconds(20), ALLOCATION_LIMIT)) {
      f.check(what, () -> {
        try {
          c.run();
        } catch (NdioException e) {
          return;
        }
        throw new AssertionError(what + " was accepted");
      });
      f.assertClean();
    }
  }

  private void readAll(String url) {
    try (VolumeReader r = Volumes.open(url)) {
      r.readAll();
    }
  }

  @Test
  void npyShapeOfAGigabyteInAHundredBytes() throws Exception {
    byte[] header = NpyHeader.encode(DataType.UINT8, List.of(1024L, 1024L, 1024L));
    Path f = dir.resolve("a.npy");
    Files.write(f, java.util.Arrays.copyOf(header, header.length + 36));
    refusedWithoutAllocating("npy", () -> readAll("npy:" + f));
    byte[] four = NpyHeader.encode(DataType.UINT32, List.of(1024L, 1024L, 1024L));
    Files.write(f, four);
    refusedWithoutAllocating("npy 4 GiB", () -> readAll("npy:" + f));
  }

  @Test
  void npzEntryWhoseDirectoryClaimsAGigabyte() throws Exception {
    byte[] header = NpyHeader.encode(DataType.UINT8, List.of(1024L, 1024L, 1024L));
    byte[] npy = java.util.Arrays.copyOf(header, header.length + 64);
    for (boolean stored : new boolean[] {true, false}) {
      byte[] zip = stored ? FileFormatFuzzTest.zip(npy) : deflatedZip(npy);
      patchSizes(zip, header.length + (1L << 30));
      Path f = dir.resolve(stored + ".npz");
      Files.write(f, zip);
      refusedWithoutAllocating("npz stored=" + stored, () -> readAll("npz:" + f));
    }
  }

  @Test
  void gzippedNiftiDeclaringAGigabyte() throws Exception {
    Path small = dir.resolve("s.nii");
    TestVolumes.write("nifti:" + small, TestVolumes.random(DataType.UINT8, 4, 4, 2, 1), null,
        null);
    byte[] nii = Files.readAllBytes(small);
    ByteBuffer b = ByteBuffer.wrap(nii).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort(42, (short) 1024).putShort(44, (short) 1024).putShort(46, (short) 1024);
    Path f = dir.resolve("big.nii.gz");
    Files.write(f, FileFormatFuzzTest.gzip(java.util.Arrays.copyOf(nii, 400)));
    refusedWithoutAllocating("nifti gzip", () -> readAll("nifti:" + f));
  }

  @Test
  void neuroDataNpzBodyDeclaringAGigabyte() {
    byte[] header = NpyHeader.encode(DataType.UINT8, List.of(1L, 1024L, 1024L, 1000L));
    byte[] body = zlib(java.util.Arrays.copyOf(header, header.length + 10));
    assertTrue(body.length < 200);
    refusedWithoutAllocating("npz body", () -> NpzBody.decode(body, "test"));
  }

  @Test
  void codecChunksTooShortForTheirDeclaredSize() {
    int big = 1 << 29;
    for (String spec : List.of("gzip", "zlib", "zstd", "lz4")) {
      Codec c = Codecs.parse(spec);
      byte[] small = c.encode(new byte[1000], 1);
      byte[] lying = spec.equals("lz4") ? withLz4Size(small, big) : small;
      refusedWithoutAllocating(spec, () -> c.decode(lying, big));
    }
    for (BloscCompressor k : List.of(BloscCompressor.LZ4, BloscCompressor.ZLIB,
        BloscCompressor.ZSTD, BloscCompressor.BLOSCLZ)) {
      byte[] frame = new Blosc(k, 5, BloscShuffle.NONE, 0).encode(new byte[4096], 1);
      // A frame of one block that says it expands to half a gigabyte.
      byte[] lying = frame.clone();
      ByteBuffer b = ByteBuffer.wrap(lying).order(ByteOrder.LITTLE_ENDIAN);
      b.putInt(4, big).putInt(8, big);
      refusedWithoutAllocating("blosc " + k, () -> Blosc.DEFAULT.decode(lying, big));
    }
  }

  @Test
  void zarrChunksOfHalfAGigabyteFromAFewBytes() throws Exception {
    for (String compressor : List.of("gzip", "zstd", "blosc:lz4:5:byte")) {
      Path z = dir.resolve("z-" + compressor.replace(':', '_'));
      Volume v = TestVolumes.random(DataType.UINT8, 8, 8, 8, 3);
      TestVolumes.write("zarr:" + z, v, new org.ndio.volume.Size3(8, 8, 8), compressor);
      String meta = Files.readString(z.resolve(".zarray"));
      meta = meta.replaceAll("\"shape\" : \\[ 8, 8, 8 \\]", "\"shape\" : [ 512, 1024, 1024 ]")
          .replaceAll("\"chunks\" : \\[ 8, 8, 8 \\]", "\"chunks\" : [ 512, 1024, 1024 ]");
      assertTrue(meta.contains("1024"), meta);
      Files.writeString(z.resolve(".zarray"), meta);
      refusedWithoutAllocating("zarr " + compressor, () -> {
        try (VolumeReader r = Volumes.open("zarr:" + z)) {
          r.read(new org.ndio.volume.BoundingBox(0, 8, 0, 8, 0, 8));
        }
      });
    }
  }

  @Test
  void pngDeclaringThirtyThousandSquarePixels() throws Exception {
    Path d = dir.resolve("png");
    TestVolumes.write("png:" + d, TestVolumes.random(DataType.UINT8, 16, 16, 1, 5), null, null);
    Path f;
    try (var s = Files.list(d)) {
      f = s.findFirst().orElseThrow();
    }
    byte[] png = Files.readAllBytes(f);
    ByteBuffer b = ByteBuffer.wrap(png);
    assertEquals("IHDR", new String(png, 12, 4, StandardCharsets.US_ASCII));
    b.putInt(16, 30000).putInt(20, 30000);
    CRC32 crc = new CRC32();
    crc.update(png, 12, 17);
    b.putInt(29, (int) crc.getValue());
    Files.write(f, png);
    refusedWithoutAllocating("png", () -> readAll("png:" + d));
  }

  /** Sets an entry's uncompressed size in its local header and the central directory. */
  private static void patchSizes(byte[] zip, long size) {
    ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i + 4 <= zip.length; i++) {
      int sig = b.getInt(i);
      if (sig == 0x04034b50) {
        b.putInt(i + 22, (int) size);
      } else if (sig == 0x02014b50) {
        b.putInt(i + 24, (int) size);
      }
    }
  }

  private static byte[] deflatedZip(byte[] b) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(out)) {
      z.putNextEntry(new java.util.zip.ZipEntry("arr_0.npy"));
      z.write(b);
      z.closeEntry();
    }
    return out.toByteArray();
  }

  private static byte[] zlib(byte[] b) {
    Deflater d = new Deflater();
    d.setInput(b);
    d.finish();
    byte[] out = new byte[b.length + 64];
    int n = d.deflate(out);
    d.end();
    return java.util.Arrays.copyOf(out, n);
  }

  private static byte[] withLz4Size(byte[] chunk, int size) {
    byte[] out = chunk.clone();
    ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(0, size);
    return out;
  }
}
