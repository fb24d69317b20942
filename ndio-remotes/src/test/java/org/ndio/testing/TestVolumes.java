package org.ndio.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeWriter;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/** Volumes for tests: seeded random content, one-call reads and writes, Zarr copies. */
public final class TestVolumes {

  private TestVolumes() {}

  /**
   * Seeded random voxels over the type's whole range, so byte-order and sign mistakes show: a
   * quarter of them zero (codecs see runs), the type's minimum and maximum at (0, 0, 0) and
   * (1, 0, 0); floats are Gaussian with spread 1000, with infinity and -0.0 there instead.
   */
  public static Volume random(DataType t, int sx, int sy, int sz, long seed) {
    Random r = new Random(seed);
    Volume v = Volume.allocate(t, sx, sy, sz);
    for (int z = 0; z < sz; z++) {
      for (int y = 0; y < sy; y++) {
        for (int x = 0; x < sx; x++) {
          if (t.isFloat()) {
            v.setDouble(x, y, z, r.nextGaussian() * 1000);
          } else {
            v.setLong(x, y, z, r.nextInt(4) == 0 ? 0 : r.nextLong());
          }
        }
      }
    }
    int second = Math.min(1, sx - 1);
    if (t.isFloat()) {
      v.setDouble(0, 0, 0, Double.POSITIVE_INFINITY);
      v.setDouble(second, 0, 0, -0.0);
    } else {
      v.setLong(0, 0, 0, t.isSigned() ? -(1L << (8 * t.bytes() - 1)) : 0);
      v.setLong(second, 0, 0, t.isSigned() ? (1L << (8 * t.bytes() - 1)) - 1 : -1L);
    }
    return v;
  }

  /** Creates {@code url} holding {@code v} (chunks and compressor may be null for defaults). */
  public static void write(String url, Volume v, Size3 chunks, String compressor) {
    VolumeSpec spec = VolumeSpec.of(v.dtype(), new Size3(v.sizeX(), v.sizeY(), v.sizeZ()))
        .withChunks(chunks).withCompressor(compressor);
    try (VolumeWriter w = Volumes.create(url, spec, WriteMode.ERROR_IF_EXISTS)) {
      w.write(0, 0, 0, v);
      w.commit();
    }
  }

  /** The whole volume at {@code url}. */
  public static Volume read(String url) {
    try (VolumeReader r = Volumes.open(url)) {
      return r.readAll();
    }
  }

  /**
   * A Zarr copy of the npy file {@code npy} with {@code chunks}, uncompressed, beside it
   * ({@code NAME-XxYxZ}), written on first use; its URL. Tests use it to make cuboids as small
   * as the chunks.
   */
  public static String zarrCopy(Path npy, Size3 chunks) {
    String name = npy.getFileName().toString().replaceFirst("\\.npy$", "");
    Path dir = npy.resolveSibling(name + "-" + chunks.toString().replace(',', 'x'));
    String url = "zarr:" + dir;
    if (!Files.exists(dir)) {
      write(url, read("npy:" + npy), chunks, "none");
    }
    return url;
  }
}
