package org.ndio.store;

import org.ndio.volume.BoundingBox;
import org.ndio.volume.Volume;

/**
 * Read access to one volume: every format, the local chunked store and every remote implement
 * it, so code that reads never depends on where the data lives.
 */
public interface VolumeReader extends AutoCloseable {

  VolumeInfo info();

  /**
   * Reads the voxels in {@code box}, which must lie inside {@link VolumeInfo#extent()} (else a
   * {@link org.ndio.BoxOutOfBoundsException}). The result has the box's size; voxel (0, 0, 0) of
   * the result is the box's lowest corner.
   */
  Volume read(BoundingBox box);

  /** Reads the whole extent. */
  default Volume readAll() {
    return read(info().extent());
  }

  /** Counts of what this reader fetched since it was opened. */
  default ReadStats stats() {
    return ReadStats.NONE;
  }

  @Override
  default void close() {}
}
