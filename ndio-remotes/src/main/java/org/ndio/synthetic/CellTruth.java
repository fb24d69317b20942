package org.ndio.synthetic;

import org.ndio.volume.BoundingBox;

/**
 * One cell as far as it lies in a box: its id, voxel count, centroid (mean voxel coordinate)
 * and the tight bounding box of those voxels.
 */
public record CellTruth(long id, long voxels, double centroidX, double centroidY,
    double centroidZ, BoundingBox box) {}
