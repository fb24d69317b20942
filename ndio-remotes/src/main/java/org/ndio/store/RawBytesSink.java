package org.ndio.store;

import java.util.List;
import org.ndio.volume.BoundingBox;

/**
 * A writer that stores voxels as their plain bytes at known places of a local file, and so can
 * take a box's bytes straight from the file runs a {@link RawBytesSource} names: the kernel
 * copies them (sendfile on Linux) without the voxels ever entering the Java heap.
 */
public interface RawBytesSink {

  /**
   * Whether {@link #writeRaw} takes {@code box} (in this writer's coordinates): its bytes must
   * be few runs of the file, which writers grant for boxes of whole rows of their extent.
   */
  boolean takesRaw(BoundingBox box);

  /**
   * Writes {@code box} from {@code from}, runs whose bytes in order are the box's voxels as
   * {@link org.ndio.volume.Volume#array()} holds them; as {@link VolumeWriter#write} would
   * with those voxels. {@code box} must be one that {@link #takesRaw} takes.
   */
  void writeRaw(BoundingBox box, List<FileBytes> from);
}
