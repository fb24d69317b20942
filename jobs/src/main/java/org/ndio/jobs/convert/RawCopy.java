package org.ndio.jobs.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ndio.store.FileBytes;
import org.ndio.store.RawBytesSink;
import org.ndio.store.RawBytesSource;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeWriter;
import org.ndio.volume.BoundingBox;

/**
 * Convert's copy for a source whose stored bytes already are the target's (an uncompressed
 * little-endian C-order npy into a contiguous HDF5 dataset, say): each block's file bytes go
 * from file to file inside the kernel, as cp copies, instead of being read into a volume and
 * written out again. Taken only when both sides offer it for every block, so a copy is either
 * all raw or all through volumes.
 */
final class RawCopy {

  private RawCopy() {}

  /**
   * Copies the {@code blocks} of {@code box} from {@code in} to {@code out} (whose origin is
   * the box's lowest corner) if both sides can, reporting progress after each block.
   *
   * @return whether it did; if not, nothing was written
   */
  static boolean copy(VolumeReader in, VolumeWriter out, BoundingBox box,
      List<BoundingBox> blocks, Convert.Progress progress) {
    if (!(in instanceof RawBytesSource source) || !(out instanceof RawBytesSink sink)
        || in.info().dtype() != out.info().dtype()) {
      return false;
    }
    List<BoundingBox> targets = new ArrayList<>();
    List<List<FileBytes>> runs = new ArrayList<>();
    for (BoundingBox b : blocks) {
      BoundingBox t = BoundingBox.at(b.x0() - box.x0(), b.y0() - box.y0(), b.z0() - box.z0(),
          b.sizeX(), b.sizeY(), b.sizeZ()).atResolution(out.info().extent().resolution());
      Optional<List<FileBytes>> r = source.rawBytes(b);
      if (r.isEmpty() || !sink.takesRaw(t)) {
        return false;
      }
      targets.add(t);
      runs.add(r.get());
    }
    long done = 0;
    for (int i = 0; i < targets.size(); i++) {
      sink.writeRaw(targets.get(i), runs.get(i));
      done += targets.get(i).voxels();
      progress.block(done, box.voxels());
    }
    return true;
  }
}
