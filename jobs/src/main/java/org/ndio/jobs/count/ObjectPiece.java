package org.ndio.jobs.count;

import java.io.Serializable;

/**
 * What one cuboid knows of one object, in volume coordinates: voxel count, coordinate sums,
 * inclusive bounding box, first voxel in C order and the voxels' value (the label, for label
 * volumes). Pieces of the same object from different cuboids {@link #merge} into the object.
 * A class rather than a record because Spark's Kryo (version 4) cannot write records, and
 * pieces travel through shuffles.
 */
final class ObjectPiece implements Serializable {

  private static final long serialVersionUID = 1L;

  private final long voxels;
  private final long sumX;
  private final long sumY;
  private final long sumZ;
  private final long minX;
  private final long minY;
  private final long minZ;
  private final long maxX;
  private final long maxY;
  private final long maxZ;
  private final long firstX;
  private final long firstY;
  private final long firstZ;
  private final long value;

  ObjectPiece(long voxels, long sumX, long sumY, long sumZ, long minX, long minY, long minZ,
      long maxX, long maxY, long maxZ, long firstX, long firstY, long firstZ, long value) {
    this.voxels = voxels;
    this.sumX = sumX;
    this.sumY = sumY;
    this.sumZ = sumZ;
    this.minX = minX;
    this.minY = minY;
    this.minZ = minZ;
    this.maxX = maxX;
    this.maxY = maxY;
    this.maxZ = maxZ;
    this.firstX = firstX;
    this.firstY = firstY;
    this.firstZ = firstZ;
    this.value = value;
  }

  static ObjectPiece merge(ObjectPiece a, ObjectPiece b) {
    boolean aFirst = a.firstZ != b.firstZ ? a.firstZ < b.firstZ
        : a.firstY != b.firstY ? a.firstY < b.firstY : a.firstX <= b.firstX;
    ObjectPiece f = aFirst ? a : b;
    return new ObjectPiece(a.voxels + b.voxels, a.sumX + b.sumX, a.sumY + b.sumY,
        a.sumZ + b.sumZ, Math.min(a.minX, b.minX), Math.min(a.minY, b.minY),
        Math.min(a.minZ, b.minZ), Math.max(a.maxX, b.maxX), Math.max(a.maxY, b.maxY),
        Math.max(a.maxZ, b.maxZ), f.firstX, f.firstY, f.firstZ, f.value);
  }

  /** Orders objects by their first voxel in C order, as scipy.ndimage.label numbers them. */
  static int byFirstVoxel(ObjectPiece a, ObjectPiece b) {
    int c = Long.compare(a.firstZ, b.firstZ);
    if (c == 0) {
      c = Long.compare(a.firstY, b.firstY);
    }
    return c != 0 ? c : Long.compare(a.firstX, b.firstX);
  }

  long voxels() {
    return voxels;
  }

  long sumX() {
    return sumX;
  }

  long sumY() {
    return sumY;
  }

  long sumZ() {
    return sumZ;
  }

  long minX() {
    return minX;
  }

  long minY() {
    return minY;
  }

  long minZ() {
    return minZ;
  }

  long maxX() {
    return maxX;
  }

  long maxY() {
    return maxY;
  }

  long maxZ() {
    return maxZ;
  }

  long firstX() {
    return firstX;
  }

  long firstY() {
    return firstY;
  }

  long firstZ() {
    return firstZ;
  }

  long value() {
    return value;
  }
}
