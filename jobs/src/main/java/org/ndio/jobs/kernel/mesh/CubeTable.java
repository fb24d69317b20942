package org.ndio.jobs.kernel.mesh;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The marching-cubes case table, built here from one rule rather than written out. A cube's
 * corners are numbered {@code dx + 2 dy + 4 dz}; a configuration is the 8-bit set of corners
 * inside the object. On each face the surface crosses the edges whose corners differ; where a
 * face has two inside corners on a diagonal (an ambiguous face), the outside corners are cut
 * off, joining the inside ones: voxels that share an edge belong together, so the object is
 * 18-connected and the background 6-connected. (skimage's marching cubes on a 0/1 array at
 * level 0.5 joins them too.) The rule looks at the face alone, so the two cubes that share a
 * face cut it alike and the surface has no holes. The face segments join into closed loops on
 * the cube's surface, and each loop is filled with one disk; inside the cube the parts of the
 * object and of the background are then connected exactly as on its surface, which keeps the
 * 18/6 convention with no separate interior test: object voxels that touch by a corner only
 * stay apart, and so do background voxels that touch by an edge only.
 *
 * <p>Each disk is triangulated with the greatest area among the triangulations that add no
 * diagonal between two vertices of one face: such a diagonal could be chosen again by the cube
 * on the other side of the face, and the edge would then have four triangles. The greatest area
 * is what skimage's tables give for the pentagons and hexagons common on smooth surfaces, which
 * keeps areas comparable. Triangles wind counter-clockwise seen from outside the object, so
 * normals point outward.
 */
final class CubeTable {

  /** Per edge: the axis and the lower corner's offsets. */
  static final int[] EDGE_AXIS = new int[12];
  static final int[] EDGE_DX = new int[12];
  static final int[] EDGE_DY = new int[12];
  static final int[] EDGE_DZ = new int[12];
  /** Per configuration: triangles as triples of edge numbers. */
  private static final int[][] TRIANGLES = new int[256][];

  static {
    int e = 0;
    for (int axis = 0; axis < 3; axis++) {
      for (int c = 0; c < 8; c++) {
        if (bit(c, axis) == 0) {
          EDGE_AXIS[e] = axis;
          EDGE_DX[e] = bit(c, 0);
          EDGE_DY[e] = bit(c, 1);
          EDGE_DZ[e] = bit(c, 2);
          e++;
        }
      }
    }
    for (int config = 0; config < 256; config++) {
      TRIANGLES[config] = build(config);
    }
  }

  private CubeTable() {}

  /** The triangles of a configuration as edge numbers, three per triangle (do not modify). */
  static int[] triangles(int config) {
    return TRIANGLES[config];
  }

  private static int bit(int c, int axis) {
    return (c >> axis) & 1;
  }

  private static int corner(int dx, int dy, int dz) {
    return dx | dy << 1 | dz << 2;
  }

  /** The edge joining two corners that differ on one axis. */
  private static int edge(int c1, int c2) {
    int lower = Math.min(c1, c2);
    int axis = Integer.numberOfTrailingZeros(c1 ^ c2);
    for (int e = 0; e < 12; e++) {
      if (EDGE_AXIS[e] == axis
          && corner(EDGE_DX[e], EDGE_DY[e], EDGE_DZ[e]) == lower) {
        return e;
      }
    }
    throw new IllegalStateException("corners " + c1 + ", " + c2 + " share no edge");
  }

  private static double[] midpoint(int e) {
    double[] p = {EDGE_DX[e], EDGE_DY[e], EDGE_DZ[e]};
    p[EDGE_AXIS[e]] += 0.5;
    return p;
  }

  private static double[] point(int c) {
    return new double[] {bit(c, 0), bit(c, 1), bit(c, 2)};
  }

  /** The two faces an edge lies on, as {@code 2 * axis + side}. */
  private static int[] faces(int e) {
    int[] f = new int[2];
    int n = 0;
    int[] d = {EDGE_DX[e], EDGE_DY[e], EDGE_DZ[e]};
    for (int axis = 0; axis < 3; axis++) {
      if (axis != EDGE_AXIS[e]) {
        f[n++] = 2 * axis + d[axis];
      }
    }
    return f;
  }

  private static boolean shareFace(int e1, int e2) {
    int[] a = faces(e1);
    int[] b = faces(e2);
    return a[0] == b[0] || a[0] == b[1] || a[1] == b[0] || a[1] == b[1];
  }

  private static int[] build(int config) {
    int[] next = new int[12];
    Arrays.fill(next, -1);
    for (int axis = 0; axis < 3; axis++) {
      int u = (axis + 1) % 3;
      int v = (axis + 2) % 3;
      for (int side = 0; side < 2; side++) {
        int[] ring = new int[4]; // the face's corners in cyclic order
        int[][] steps = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
        for (int i = 0; i < 4; i++) {
          int[] d = new int[3];
          d[axis] = side;
          d[u] = steps[i][0];
          d[v] = steps[i][1];
          ring[i] = corner(d[0], d[1], d[2]);
        }
        double[] normal = new double[3];
        normal[axis] = side == 1 ? 1 : -1;
        addFaceSegments(config, ring, normal, next);
      }
    }
    List<int[]> loops = new ArrayList<>();
    boolean[] used = new boolean[12];
    for (int start = 0; start < 12; start++) {
      if (next[start] < 0 || used[start]) {
        continue;
      }
      List<Integer> loop = new ArrayList<>();
      for (int e = start; !used[e]; e = next[e]) {
        used[e] = true;
        loop.add(e);
      }
      loops.add(loop.stream().mapToInt(Integer::intValue).toArray());
    }
    List<Integer> out = new ArrayList<>();
    for (int[] loop : loops) {
      triangulate(loop, out);
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Adds this face's segments to {@code next}, each directed so that, seen from outside the
   * cube, the inside corners it separates lie on its right: then the segments of all faces
   * chain head to tail into loops, and a cube on the other side of the face, whose outside is
   * this one's inside, runs the shared segment the other way, as a consistently oriented
   * surface needs.
   */
  private static void addFaceSegments(int config, int[] ring, double[] normal, int[] next) {
    boolean[] in = new boolean[4];
    int crossings = 0;
    int inside = 0;
    for (int i = 0; i < 4; i++) {
      in[i] = bit(config, ring[i]) == 1;
      inside += in[i] ? 1 : 0;
    }
    for (int i = 0; i < 4; i++) {
      if (in[i] != in[(i + 1) % 4]) {
        crossings++;
      }
    }
    if (crossings == 0) {
      return;
    }
    for (int i = 0; i < 4; i++) {
      // A segment cuts off corner i when the surface crosses both face edges at corner i and,
      // with four crossings, when corner i is outside (the inside corners join).
      int prev = (i + 3) % 4;
      int after = (i + 1) % 4;
      boolean cutsOff = in[i] != in[prev] && in[i] != in[after] && (crossings == 2 || !in[i]);
      boolean halves = inside == 2 && crossings == 2 && in[i] && in[prev] && !in[after];
      if (cutsOff) {
        orient(edge(ring[prev], ring[i]), edge(ring[i], ring[after]), ring[i], in[i], normal,
            next);
      } else if (halves) {
        // Two adjacent inside corners, i-1 and i: the segment runs across the face from the
        // edge after corner i to the edge before corner i-1.
        int before = (i + 2) % 4;
        orient(edge(ring[i], ring[after]), edge(ring[before], ring[prev]), ring[i], true,
            normal, next);
      }
    }
  }

  /** Directs segment p-q so that {@code corner} is on its right if inside, else its left. */
  private static void orient(int p, int q, int corner, boolean inside, double[] normal,
      int[] next) {
    double[] a = midpoint(p);
    double[] b = midpoint(q);
    double[] w = point(corner);
    double[] d = sub(b, a);
    double side = dot(cross(normal, d), sub(w, a)); // > 0: w is on the left seen from outside
    boolean keep = inside == (side < 0);
    int from = keep ? p : q;
    int to = keep ? q : p;
    if (next[from] >= 0) {
      throw new IllegalStateException("edge " + from + " leaves on two faces");
    }
    next[from] = to;
  }

  /** Greatest-area triangulation of a loop that adds no diagonal within one face. */
  private static void triangulate(int[] loop, List<Integer> out) {
    int k = loop.length;
    double[][] cost = new double[k][k];
    int[][] apex = new int[k][k];
    for (int span = 2; span < k; span++) {
      for (int i = 0; i + span < k; i++) {
        int j = i + span;
        cost[i][j] = Double.NEGATIVE_INFINITY;
        apex[i][j] = -1;
        if (!allowed(loop, i, j)) {
          continue;
        }
        for (int m = i + 1; m < j; m++) {
          double c = cost[i][m] + cost[m][j] + area(loop[i], loop[m], loop[j]);
          if (c > cost[i][j] + 1e-12) {
            cost[i][j] = c;
            apex[i][j] = m;
          }
        }
      }
    }
    if (apex[0][k - 1] < 0) {
      throw new IllegalStateException("loop " + Arrays.toString(loop) + " has no triangulation");
    }
    emit(loop, apex, 0, k - 1, out);
  }

  private static boolean allowed(int[] loop, int i, int j) {
    int k = loop.length;
    return j - i == 1 || j - i == k - 1 || !shareFace(loop[i], loop[j]);
  }

  private static void emit(int[] loop, int[][] apex, int i, int j, List<Integer> out) {
    if (j - i < 2) {
      return;
    }
    int m = apex[i][j];
    out.add(loop[i]);
    out.add(loop[m]);
    out.add(loop[j]);
    emit(loop, apex, i, m, out);
    emit(loop, apex, m, j, out);
  }

  private static double area(int e1, int e2, int e3) {
    double[] a = midpoint(e1);
    double[] n = cross(sub(midpoint(e2), a), sub(midpoint(e3), a));
    return Math.sqrt(dot(n, n)) / 2;
  }

  private static double[] sub(double[] a, double[] b) {
    return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
  }

  private static double[] cross(double[] a, double[] b) {
    return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2],
        a[0] * b[1] - a[1] * b[0]};
  }

  private static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }
}
