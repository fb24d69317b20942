package org.ndio.ramon;

import java.io.Serializable;

/**
 * Where an object lies, at one resolution level: a dense {@link Cutout} or a sparse
 * {@link VoxelList}, the two forms ndstore accepts and returns.
 */
public sealed interface RamonVoxels extends Serializable permits Cutout, VoxelList {
  /** The resolution level the coordinates are at. */
  int resolution();

  /** Number of voxels belonging to the object. */
  long count();
}
