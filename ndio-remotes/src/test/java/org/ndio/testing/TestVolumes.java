package org.ndio.testing;

import java.util.Random;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeWriter;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/** Volumes for tests: seeded random content and one-call writes. */
public final class TestVolumes {

  private TestVolumes() {}

  /**
   * Seeded random voxels over the type's whole range (a quarter of them zero, so codecs see
   * runs); floats are Gaussian with spread 1000.
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
}
