package org.ndio.jobs.kernel;

import java.io.Serializable;

/**
 * Which voxels belong to objects, and which of them may join: voxels at or above a threshold
 * (all alike), non-zero voxels (all alike), or non-zero voxels that join only voxels of the
 * same value (the components of each label of a segmentation, as cc3d's multi-label mode).
 */
public sealed interface Foreground {

  /** {@code value >= threshold}; for uint64 volumes the value is read as unsigned. */
  record AtLeast(double threshold) implements Foreground, Serializable {}

  /** Any non-zero value. */
  record NonZero() implements Foreground, Serializable {}

  /** Non-zero values; neighbours join only if their values are equal. */
  record SameValue() implements Foreground, Serializable {}
}
