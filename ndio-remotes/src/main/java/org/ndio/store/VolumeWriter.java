package org.ndio.store;

import org.ndio.InvalidBoxException;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Volume;

/**
 * Write access to a volume that {@link Volumes#create} made. For files and Zarr arrays nothing
 * is visible at the target until {@link #commit()}: closing a writer that was not committed
 * removes what it wrote, so a failed copy leaves no partial output. Chunked stores make each
 * chunk visible atomically (written to a temporary name, then renamed); whole-file formats
 * write a temporary file and rename it at commit. Remotes cannot hold writes back: what they
 * post is visible at once (see {@link org.ndio.remote.RemoteWriter}).
 */
public interface VolumeWriter extends VolumeReader {

  /**
   * Writes {@code data} with its voxel (0, 0, 0) at volume coordinates {@code (x, y, z)}. The
   * written box must lie inside the extent and the data type must match. Writers keep nothing
   * of {@code data}: the caller may reuse it once this returns.
   */
  void write(long x, long y, long z, Volume data);

  /** Writes {@code data} at the lowest corner of {@code box}; their sizes must agree. */
  default void write(BoundingBox box, Volume data) {
    if (box.sizeX() != data.sizeX() || box.sizeY() != data.sizeY()
        || box.sizeZ() != data.sizeZ()) {
      throw new InvalidBoxException("box " + box + " and " + data + " differ in size");
    }
    write(box.x0(), box.y0(), box.z0(), data);
  }

  /** Makes everything written visible at the target. */
  void commit();

  /** Aborts (removing partial output) unless {@link #commit()} succeeded. */
  @Override
  void close();
}
