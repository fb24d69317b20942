package org.ndio.jobs.kernel.mesh;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Which voxels make which objects: all voxels at or above a threshold as one object (id 1), or
 * each label of a segmentation as its own object, all of them or only some ids. Label 0 is
 * background.
 */
public sealed interface MeshSelection extends Serializable {

  /** One object, id 1: voxels with {@code value >= threshold} (uint64 read as unsigned). */
  static MeshSelection threshold(double threshold) {
    return new Threshold(threshold);
  }

  /** Every non-zero label its own object, its id the label. */
  static MeshSelection allLabels() {
    return new Labels(new long[0]);
  }

  /** Only the given labels (non-zero), each its own object. */
  static MeshSelection labels(long... ids) {
    if (ids.length == 0) {
      throw new IllegalArgumentException("no ids given; use allLabels() for all");
    }
    return new Labels(ids);
  }

  /** Voxels at or above a threshold, one object with id 1. */
  record Threshold(double threshold) implements MeshSelection {}

  /** Labels as objects: the listed ids, or every non-zero label when none are listed. */
  final class Labels implements MeshSelection {

    private static final long serialVersionUID = 1L;
    private final long[] ids;

    Labels(long[] ids) {
      long[] sorted = ids.clone();
      Arrays.sort(sorted);
      for (long id : sorted) {
        if (id == 0) {
          throw new IllegalArgumentException("label 0 is background and has no mesh");
        }
      }
      this.ids = sorted;
    }

    /** Whether every non-zero label is meshed. */
    public boolean all() {
      return ids.length == 0;
    }

    /** The listed ids, ascending (empty for all). */
    public long[] ids() {
      return ids.clone();
    }

    public boolean includes(long label) {
      return label != 0 && (ids.length == 0 || Arrays.binarySearch(ids, label) >= 0);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Labels l && Arrays.equals(ids, l.ids);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
      return all() ? "all labels" : "labels " + Arrays.toString(ids);
    }
  }
}
