package org.ndio.store;

import org.ndio.UnsupportedFeatureException;
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

  /** Number of resolution levels this volume offers (level 0 is full resolution). */
  default int levelCount() {
    return 1;
  }

  /**
   * A reader of resolution level {@code level}: its extent, chunks and voxel size are that
   * level's, and its boxes carry that level. Closing it does not close this reader.
   */
  default VolumeReader level(int level) {
    if (level == info().extent().resolution()) {
      return this;
    }
    throw new UnsupportedFeatureException(this + " has no resolution level " + level
        + " (it holds level " + info().extent().resolution() + " only; ndio downsample builds"
        + " a pyramid)");
  }

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
