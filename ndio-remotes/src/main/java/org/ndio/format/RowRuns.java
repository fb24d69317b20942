package org.ndio.format;

import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ndio.store.FileBytes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Size3;

/**
 * Where a box of whole rows lies in a dense C-order array (x fastest, then y, then z) stored
 * uncompressed in a file: one run of bytes per section it spans, or a single run when it spans
 * whole sections. Boxes that cut rows have no such runs worth naming (a run per row, often a
 * few bytes long).
 */
public final class RowRuns {

  private RowRuns() {}

  /**
   * The runs of {@code box} in an array of {@code shape} with {@code itemBytes} per voxel
   * starting at byte {@code offset} of {@code channel}; empty unless the box spans the
   * array's whole width. The box must lie inside the array.
   */
  public static Optional<List<FileBytes>> of(String label, FileChannel channel, long offset,
      Size3 shape, int itemBytes, BoundingBox box) {
    if (box.x0() != 0 || box.x1() != shape.x()) {
      return Optional.empty();
    }
    long row = shape.x() * itemBytes;
    long plane = row * shape.y();
    long slab = row * box.sizeY();
    if (box.voxels() == 0) {
      return Optional.of(List.of());
    }
    if (box.y0() == 0 && box.y1() == shape.y()) {
      return Optional.of(List.of(new FileBytes(label, channel, offset + box.z0() * plane,
          plane * box.sizeZ())));
    }
    List<FileBytes> runs = new ArrayList<>();
    for (long z = box.z0(); z < box.z1(); z++) {
      runs.add(new FileBytes(label, channel, offset + z * plane + box.y0() * row, slab));
    }
    return Optional.of(List.copyOf(runs));
  }
}
