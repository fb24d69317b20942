package org.ndio.synthetic;

import java.util.Map;
import java.util.Optional;
import org.ndio.BoxOutOfBoundsException;
import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeReader;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/**
 * Reads a synthetic volume: every box is generated on the spot from the seed, row by row,
 * so reading costs no disk and any part of a huge volume is available at once. Image voxels:
 * a textured grey background below {@link SyntheticSpec#THRESHOLD_FRACTION} of the type's
 * range, dark membranes around cells, cells above it; label voxels: each cell's id, 0 elsewhere.
 */
public final class SyntheticReader implements VolumeReader {

  private final String url;
  private final SyntheticSpec spec;
  private final CellGrid grid;
  private final VolumeInfo info;

  public SyntheticReader(String url, SyntheticSpec spec) {
    this.url = url;
    this.spec = spec;
    this.grid = spec.grid();
    BoundingBox extent = BoundingBox.ofShape(spec.shape().x(), spec.shape().y(),
        spec.shape().z());
    this.info = new VolumeInfo(spec.dtype(), extent, spec.chunks(),
        Optional.of(spec.voxelSize()), "none", Map.of("synthetic", Map.of("seed", spec.seed(),
            "spacing", spec.spacing().toString(), "fill", spec.fill())));
  }

  public SyntheticSpec spec() {
    return spec;
  }

  @Override
  public VolumeInfo info() {
    return info;
  }

  /** The true number of cells with a voxel in {@code box}, without generating a voxel. */
  public long cellCount(BoundingBox box) {
    return Truth.count(spec, check(box));
  }

  /** The true cells in {@code box} (voxels, centroid, bounds), without generating a voxel. */
  public java.util.List<CellTruth> cells(BoundingBox box) {
    return Truth.cells(spec, check(box));
  }

  @Override
  public Volume read(BoundingBox box) {
    check(box);
    long sx = box.x1() - box.x0();
    long sy = box.y1() - box.y0();
    long sz = box.z1() - box.z0();
    int width = spec.dtype().bytes();
    byte[] out = new byte[Math.toIntExact(Volume.byteSize(spec.dtype(), sx, sy, sz))];
    Places places = Places.covering(spec, grid, box);
    Texture texture = spec.labels() ? null : new Texture(spec.seed(), box.x0(), (int) sx);
    long[] row = new long[(int) sx];
    int rowBytes = (int) sx * width;
    for (long z = box.z0(); z < box.z1(); z++) {
      for (long y = box.y0(); y < box.y1(); y++) {
        if (texture == null) {
          java.util.Arrays.fill(row, 0);
        } else {
          texture.background(y, z, row);
        }
        paintCells(places, y, z, box.x0(), box.x1(), row, texture);
        int at = (int) (((z - box.z0()) * sy + (y - box.y0())) * rowBytes);
        store(row, out, at, width);
      }
    }
    return Volume.wrap(spec.dtype(), (int) sx, (int) sy, (int) sz, out);
  }

  private void paintCells(Places places, long y, long z, long x0, long x1, long[] row,
      Texture texture) {
    CellRows[] cells = places.row(y, z);
    for (CellRows c : cells) {
      if (c == null) {
        continue;
      }
      if (texture != null) {
        long m = c.membraneRun(y, z);
        long lo = Math.max(Cell.lo(m), x0);
        long hi = Math.min(Cell.hi(m), x1 - 1);
        for (long x = lo; x <= hi; x++) {
          row[(int) (x - x0)] = texture.membrane(x, y, z);
        }
      }
      long r = c.run(y, z);
      long lo = Math.max(Cell.lo(r), x0);
      long hi = Math.min(Cell.hi(r), x1 - 1);
      for (long x = lo; x <= hi; x++) {
        row[(int) (x - x0)] = texture == null ? c.cell().id()
            : texture.cell(x, y, z, c.cell().shade());
      }
    }
  }

  private void store(long[] row, byte[] out, int at, int width) {
    if (spec.dtype() == DataType.UINT16) {
      for (int i = 0; i < row.length; i++) {
        row[i] *= 257; // uint8 levels spread over the 16-bit range
      }
    }
    if (width == 1) {
      for (int i = 0; i < row.length; i++) {
        out[at + i] = (byte) row[i];
      }
      return;
    }
    for (int i = 0; i < row.length; i++) {
      long v = row[i];
      for (int b = 0; b < width; b++) {
        out[at + i * width + b] = (byte) (v >>> (8 * b));
      }
    }
  }

  private BoundingBox check(BoundingBox box) {
    BoundingBox e = info.extent();
    if (box.x0() < e.x0() || box.y0() < e.y0() || box.z0() < e.z0() || box.x1() > e.x1()
        || box.y1() > e.y1() || box.z1() > e.z1() || box.resolution() != 0) {
      throw new BoxOutOfBoundsException(url + ": box " + box + " lies outside the volume's"
          + " extent " + e);
    }
    return box;
  }

  @Override
  public String toString() {
    return url;
  }
}
