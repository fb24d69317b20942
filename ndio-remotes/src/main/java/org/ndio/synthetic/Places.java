package org.ndio.synthetic;

import org.ndio.volume.BoundingBox;

/** The cells of the grid places a box touches, looked up once per read. */
final class Places {
  private final long gx0;
  private final long gy0;
  private final long gz0;
  private final int nx;
  private final int ny;
  private final CellRows[] cells;
  private final long spacingY;
  private final long spacingZ;

  private Places(long gx0, long gy0, long gz0, int nx, int ny, CellRows[] cells, long spacingY,
      long spacingZ) {
    this.gx0 = gx0;
    this.gy0 = gy0;
    this.gz0 = gz0;
    this.nx = nx;
    this.ny = ny;
    this.cells = cells;
    this.spacingY = spacingY;
    this.spacingZ = spacingZ;
  }

  static Places covering(SyntheticSpec spec, CellGrid grid, BoundingBox box) {
    long gxs = spec.spacing().x();
    long gys = spec.spacing().y();
    long gzs = spec.spacing().z();
    long px = placesAlong(spec.shape().x(), gxs);
    long py = placesAlong(spec.shape().y(), gys);
    long gx0 = box.x0() / gxs;
    long gy0 = box.y0() / gys;
    long gz0 = box.z0() / gzs;
    int nx = (int) ((box.x1() - 1) / gxs - gx0 + 1);
    int ny = (int) ((box.y1() - 1) / gys - gy0 + 1);
    int nz = (int) ((box.z1() - 1) / gzs - gz0 + 1);
    CellRows[] cells = new CellRows[Math.multiplyExact(Math.multiplyExact(nx, ny), nz)];
    for (int k = 0; k < nz; k++) {
      for (int j = 0; j < ny; j++) {
        for (int i = 0; i < nx; i++) {
          cells[(k * ny + j) * nx + i] =
              grid.cell(gx0 + i, gy0 + j, gz0 + k, px, py).map(CellRows::new).orElse(null);
        }
      }
    }
    return new Places(gx0, gy0, gz0, nx, ny, cells, gys, gzs);
  }

  static long placesAlong(long size, long spacing) {
    return (size + spacing - 1) / spacing;
  }

  /** The cells a row may cross (null where a place is empty), in x order. */
  CellRows[] row(long y, long z) {
    int j = (int) (y / spacingY - gy0);
    int k = (int) (z / spacingZ - gz0);
    CellRows[] out = new CellRows[nx];
    System.arraycopy(cells, (k * ny + j) * nx, out, 0, nx);
    return out;
  }
}
