package org.ndio.store;

import java.util.List;
import java.util.Optional;
import org.ndio.volume.BoundingBox;

/**
 * A reader that can tell where a box's voxels already lie, byte for byte, in local files: a
 * copy to a target that stores the same bytes (see {@link RawBytesSink}) then moves them
 * inside the kernel instead of decoding them into a {@link org.ndio.volume.Volume} and
 * encoding them again.
 */
public interface RawBytesSource {

  /**
   * The runs of file bytes that, one after the other, are the voxels of {@code box} exactly
   * as {@link org.ndio.volume.Volume#array()} would hold them (little-endian, x fastest, then
   * y, then z); empty where they are not stored so (compressed, big-endian, Fortran order, a
   * box cutting rows, not a local file). Only a few runs are worth moving this way, so readers
   * answer only for boxes of whole rows. The box must lie inside the extent.
   */
  Optional<List<FileBytes>> rawBytes(BoundingBox box);
}
