package org.ndio.format.nifti;

import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeReader;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Volume;

/**
 * Applies a NIfTI {@code scl_slope} and {@code scl_inter} to the stored values, giving the
 * floating-point volume the image means ({@code value = slope * stored + inter}, computed in
 * double precision and rounded once to the result type).
 */
final class ScaledReader implements VolumeReader {

  private final VolumeReader stored;
  private final VolumeInfo info;
  private final double slope;
  private final double inter;

  /** @param info what this reader reports: the stored image's info with the float type */
  ScaledReader(VolumeReader stored, VolumeInfo info, double slope, double inter) {
    this.stored = stored;
    this.info = info;
    this.slope = slope;
    this.inter = inter;
  }

  @Override
  public VolumeInfo info() {
    return info;
  }

  @Override
  public Volume read(BoundingBox box) {
    Volume raw = stored.read(box);
    Volume out = Volume.allocate(info.dtype(), raw.sizeX(), raw.sizeY(), raw.sizeZ());
    for (int z = 0; z < raw.sizeZ(); z++) {
      for (int y = 0; y < raw.sizeY(); y++) {
        for (int x = 0; x < raw.sizeX(); x++) {
          out.setDouble(x, y, z, raw.getDouble(x, y, z) * slope + inter);
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    stored.close();
  }
}
