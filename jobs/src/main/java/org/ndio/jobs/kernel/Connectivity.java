package org.ndio.jobs.kernel;

import org.ndio.NdioException;

/**
 * Which voxels touch: those sharing a face (6 neighbours), a face or an edge (18), or a face,
 * an edge or a corner (26). They match scipy.ndimage's structuring elements {@code
 * generate_binary_structure(3, 1)}, {@code (3, 2)} and {@code (3, 3)}.
 */
public enum Connectivity {
  FACES(6),
  EDGES(18),
  CORNERS(26);

  private final int neighbours;

  Connectivity(int neighbours) {
    this.neighbours = neighbours;
  }

  public int neighbours() {
    return neighbours;
  }

  /** Whether two voxels {@code (dx, dy, dz)} apart (each -1, 0 or 1, not all 0) touch. */
  public boolean touches(int dx, int dy, int dz) {
    int axes = Math.abs(dx) + Math.abs(dy) + Math.abs(dz);
    return switch (this) {
      case FACES -> axes == 1;
      case EDGES -> axes >= 1 && axes <= 2;
      case CORNERS -> axes >= 1;
    };
  }

  public static Connectivity of(int neighbours) {
    for (Connectivity c : values()) {
      if (c.neighbours == neighbours) {
        return c;
      }
    }
    throw new NdioException("connectivity must be 6, 18 or 26, got " + neighbours);
  }
}
