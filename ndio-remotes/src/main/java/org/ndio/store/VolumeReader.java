package org.ndio.store;

import org.ndio.DataTypeException;
import org.ndio.InvalidBoxException;
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

  /**
   * {@link #read} into {@code target}, a volume of the box's size and this volume's data type,
   * for callers that read block after block into buffers they reuse.
   *
   * @throws InvalidBoxException where the target's size is not the box's
   * @throws DataTypeException where its data type is not this volume's
   */
  default void readInto(BoundingBox box, Volume target) {
    requireTarget(this, box, target);
    target.copyFrom(read(box), 0, 0, 0);
  }

  /** Checks a {@link #readInto} target of {@code reader} against the box and data type. */
  static void requireTarget(VolumeReader reader, BoundingBox box, Volume target) {
    if (box.sizeX() != target.sizeX() || box.sizeY() != target.sizeY()
        || box.sizeZ() != target.sizeZ()) {
      throw new InvalidBoxException("cannot read " + box + " of " + reader + " into " + target
          + ": sizes differ");
    }
    if (target.dtype() != reader.info().dtype()) {
      throw new DataTypeException("cannot read " + reader.info().dtype().numpyName()
          + " voxels of " + reader + " into " + target.dtype().numpyName() + " " + target);
    }
  }

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
