package org.ndio.remote.dvid;

import org.ndio.volume.BoundingBox;

/**
 * What {@code GET .../sparsevol-size/LABEL} reports: the label's voxel count, how many blocks
 * hold it, and the box of those blocks (accurate to the block, not the voxel, as DVID says).
 */
public record SparsevolSize(long voxels, long blocks, BoundingBox blockBounds) {}
