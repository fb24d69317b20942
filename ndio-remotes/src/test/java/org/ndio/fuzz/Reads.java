package org.ndio.fuzz;

import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Volume;

/** Opens a volume URL and reads it (or its first corner), checking the result's shape. */
final class Reads {

  private Reads() {}

  /**
   * Opens {@code url}, reads at most {@code limit} voxels along each axis from the extent's
   * lowest corner and checks that the answer has the box's shape and the declared type.
   */
  static void openAndRead(String url, long limit) {
    try (VolumeReader r = Volumes.open(url)) {
      check(r, limit);
    }
  }

  /** Reads at most 16 voxels along each axis of an open reader, checking the shape. */
  static void check(VolumeReader r) {
    check(r, 16);
  }

  private static void check(VolumeReader r, long limit) {
    VolumeInfo info = r.info();
    BoundingBox e = info.extent();
    BoundingBox box = new BoundingBox(e.x0(), Math.min(e.x1(), e.x0() + limit), e.y0(),
        Math.min(e.y1(), e.y0() + limit), e.z0(), Math.min(e.z1(), e.z0() + limit),
        e.resolution());
    Volume v = r.read(box);
    if (v.dtype() != info.dtype() || v.sizeX() != box.sizeX() || v.sizeY() != box.sizeY()
        || v.sizeZ() != box.sizeZ()) {
      throw new AssertionError("read " + box + " of " + r + " gave " + v + ", declared "
          + info.dtype() + " " + e);
    }
    v.checksum(); // every byte readable
  }
}
