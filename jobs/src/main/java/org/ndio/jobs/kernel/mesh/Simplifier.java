package org.ndio.jobs.kernel.mesh;

import java.util.Arrays;
import org.ndio.NdioException;

/**
 * Quadric-error simplification (Garland and Heckbert): edges are collapsed cheapest first, the
 * cost of merging two vertices being the summed squared distances of the new vertex to the
 * planes of the triangles they had (each plane weighted by its triangle's area), the new vertex
 * placed where that sum is least. A collapse is refused when it would change the topology or
 * break the manifold: the two vertices must share exactly the two neighbours opposite their
 * edge (the link condition), no vertex may drop below three neighbours, and no remaining
 * triangle may turn over or become degenerate. A closed 2-manifold stays one, with the same
 * components and genus; collapses stop at the target or when none is allowed.
 */
final class Simplifier {

  private final double[] p;
  private final int[] tri;
  private final boolean[] deadTri;
  private final int[][] vt;
  private final int[] vtn;
  private final double[] q;
  private final int[] version;
  private final boolean[] gone;
  private int liveTriangles;
  private final Heap heap = new Heap();
  // Scratch for one collapse.
  private int[] nu = new int[64];
  private int[] nv = new int[64];

  private Simplifier(Mesh m) {
    p = m.positions();
    tri = m.triangles();
    int n = p.length / 3;
    int f = tri.length / 3;
    deadTri = new boolean[f];
    liveTriangles = f;
    vtn = new int[n];
    for (int t : tri) {
      vtn[t]++;
    }
    vt = new int[n][];
    for (int i = 0; i < n; i++) {
      vt[i] = new int[Math.max(4, vtn[i])];
      vtn[i] = 0;
    }
    for (int t = 0; t < f; t++) {
      for (int c = 0; c < 3; c++) {
        int v = tri[3 * t + c];
        vt[v][vtn[v]++] = t;
      }
    }
    q = new double[10 * n];
    for (int t = 0; t < f; t++) {
      addPlane(t);
    }
    version = new int[n];
    gone = new boolean[n];
  }

  static Mesh simplify(Mesh m, double ratio) {
    if (!(ratio > 0 && ratio <= 1)) {
      throw new NdioException("simplification ratio must be above 0 and at most 1, got "
          + ratio);
    }
    if (ratio == 1 || m.triangleCount() == 0) {
      return m;
    }
    Simplifier s = new Simplifier(m);
    s.run((int) Math.round(m.triangleCount() * ratio));
    return s.result();
  }

  private void run(int target) {
    for (int t = 0; t < tri.length / 3; t++) {
      for (int c = 0; c < 3; c++) {
        int a = tri[3 * t + c];
        int b = tri[3 * t + (c + 1) % 3];
        if (a < b) { // each edge of a closed mesh once
          push(a, b);
        }
      }
    }
    double[] at = new double[3];
    while (liveTriangles > target && heap.size() > 0) {
      int e = heap.pop();
      int u = heap.u[e];
      int v = heap.v[e];
      if (gone[u] || gone[v] || version[u] != heap.verU[e] || version[v] != heap.verV[e]) {
        continue;
      }
      at[0] = heap.x[e];
      at[1] = heap.y[e];
      at[2] = heap.z[e];
      collapse(u, v, at);
    }
  }

  /** Queues edge (a, b) with its cost and best position. */
  private void push(int a, int b) {
    double[] sum = new double[10];
    for (int i = 0; i < 10; i++) {
      sum[i] = q[10 * a + i] + q[10 * b + i];
    }
    double[] best = optimum(sum, a, b);
    heap.push(error(sum, best[0], best[1], best[2]), a, b, version[a], version[b], best);
  }

  /**
   * Where the summed quadric is least, if that is well determined and near the edge; else the
   * better of the two ends and the middle (flat and straight regions leave it undetermined).
   */
  private double[] optimum(double[] k, int a, int b) {
    double a11 = k[0];
    double a12 = k[1];
    double a13 = k[2];
    double a22 = k[4];
    double a23 = k[5];
    double a33 = k[7];
    double det = a11 * (a22 * a33 - a23 * a23) - a12 * (a12 * a33 - a23 * a13)
        + a13 * (a12 * a23 - a22 * a13);
    double scale = a11 + a22 + a33;
    double len2 = dist2(a, b);
    if (Math.abs(det) > 1e-9 * scale * scale * scale) {
      double b1 = -k[3];
      double b2 = -k[6];
      double b3 = -k[8];
      double x = (b1 * (a22 * a33 - a23 * a23) - a12 * (b2 * a33 - a23 * b3)
          + a13 * (b2 * a23 - a22 * b3)) / det;
      double y = (a11 * (b2 * a33 - a23 * b3) - b1 * (a12 * a33 - a23 * a13)
          + a13 * (a12 * b3 - b2 * a13)) / det;
      double z = (a11 * (a22 * b3 - b2 * a23) - a12 * (a12 * b3 - b2 * a13)
          + b1 * (a12 * a23 - a22 * a13)) / det;
      double mx = (p[3 * a] + p[3 * b]) / 2 - x;
      double my = (p[3 * a + 1] + p[3 * b + 1]) / 2 - y;
      double mz = (p[3 * a + 2] + p[3 * b + 2]) / 2 - z;
      if (mx * mx + my * my + mz * mz <= len2) {
        return new double[] {x, y, z};
      }
    }
    double[][] candidates = {
        {p[3 * a], p[3 * a + 1], p[3 * a + 2]},
        {p[3 * b], p[3 * b + 1], p[3 * b + 2]},
        {(p[3 * a] + p[3 * b]) / 2, (p[3 * a + 1] + p[3 * b + 1]) / 2,
            (p[3 * a + 2] + p[3 * b + 2]) / 2}};
    double[] best = candidates[2];
    double bestErr = error(k, best[0], best[1], best[2]);
    for (int i = 0; i < 2; i++) {
      double err = error(k, candidates[i][0], candidates[i][1], candidates[i][2]);
      if (err < bestErr) {
        bestErr = err;
        best = candidates[i];
      }
    }
    return best;
  }

  private static double error(double[] k, double x, double y, double z) {
    return k[0] * x * x + 2 * k[1] * x * y + 2 * k[2] * x * z + 2 * k[3] * x + k[4] * y * y
        + 2 * k[5] * y * z + 2 * k[6] * y + k[7] * z * z + 2 * k[8] * z + k[9];
  }

  private double dist2(int a, int b) {
    double dx = p[3 * a] - p[3 * b];
    double dy = p[3 * a + 1] - p[3 * b + 1];
    double dz = p[3 * a + 2] - p[3 * b + 2];
    return dx * dx + dy * dy + dz * dz;
  }

  /** Adds triangle t's plane, weighted by its area, to its three vertices' quadrics. */
  private void addPlane(int t) {
    int a = tri[3 * t];
    int b = tri[3 * t + 1];
    int c = tri[3 * t + 2];
    double[] n = normal(a, b, c, p[3 * b], p[3 * b + 1], p[3 * b + 2], b);
    double len = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
    if (len == 0) {
      return;
    }
    double area = len / 2;
    double nx = n[0] / len;
    double ny = n[1] / len;
    double nz = n[2] / len;
    double d = -(nx * p[3 * a] + ny * p[3 * a + 1] + nz * p[3 * a + 2]);
    double[] k = {nx * nx, nx * ny, nx * nz, nx * d, ny * ny, ny * nz, ny * d, nz * nz, nz * d,
        d * d};
    for (int v : new int[] {a, b, c}) {
      for (int i = 0; i < 10; i++) {
        q[10 * v + i] += area * k[i];
      }
    }
  }

  /** The (unnormalised) normal of triangle a, b, c with vertex {@code moved} put at (x, y, z). */
  private double[] normal(int a, int b, int c, double x, double y, double z, int moved) {
    double[] pa = pos(a, moved, x, y, z);
    double[] pb = pos(b, moved, x, y, z);
    double[] pc = pos(c, moved, x, y, z);
    double ux = pb[0] - pa[0];
    double uy = pb[1] - pa[1];
    double uz = pb[2] - pa[2];
    double vx = pc[0] - pa[0];
    double vy = pc[1] - pa[1];
    double vz = pc[2] - pa[2];
    return new double[] {uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx};
  }

  private double[] pos(int i, int moved, double x, double y, double z) {
    return i == moved ? new double[] {x, y, z}
        : new double[] {p[3 * i], p[3 * i + 1], p[3 * i + 2]};
  }

  /** Live triangles of vertex v, dropping dead ones from its list as it goes. */
  private int liveCount(int v) {
    int[] list = vt[v];
    int n = 0;
    for (int i = 0; i < vtn[v]; i++) {
      if (!deadTri[list[i]]) {
        list[n++] = list[i];
      }
    }
    vtn[v] = n;
    return n;
  }

  /** The neighbours of v into out (grown if needed); returns how many. */
  private int neighbours(int v, boolean first) {
    int k = liveCount(v);
    int[] out = first ? nu : nv;
    if (out.length < 2 * k) {
      out = new int[4 * k];
      if (first) {
        nu = out;
      } else {
        nv = out;
      }
    }
    int n = 0;
    for (int i = 0; i < k; i++) {
      int t = vt[v][i];
      for (int c = 0; c < 3; c++) {
        int w = tri[3 * t + c];
        if (w != v && !contains(out, n, w)) {
          out[n++] = w;
        }
      }
    }
    return n;
  }

  private static boolean contains(int[] a, int n, int x) {
    for (int i = 0; i < n; i++) {
      if (a[i] == x) {
        return true;
      }
    }
    return false;
  }

  private void collapse(int u, int v, double[] at) {
    int du = neighbours(u, true);
    int dv = neighbours(v, false);
    // Link condition: u and v share exactly the two vertices opposite their edge.
    int shared = 0;
    int o1 = -1;
    int o2 = -1;
    for (int i = 0; i < du; i++) {
      if (contains(nv, dv, nu[i])) {
        shared++;
        if (o1 < 0) {
          o1 = nu[i];
        } else {
          o2 = nu[i];
        }
      }
    }
    if (shared != 2 || du + dv - 4 < 3 || degree(o1) < 4 || degree(o2) < 4) {
      return;
    }
    int sharedTris = 0;
    for (int w : new int[] {u, v}) {
      for (int i = 0; i < vtn[w]; i++) {
        int t = vt[w][i];
        boolean hasU = has(t, u);
        boolean hasV = has(t, v);
        if (hasU && hasV) {
          sharedTris += w == u ? 1 : 0;
          continue;
        }
        int moved = hasU ? u : v;
        if (!keepsFacing(t, moved, at)) {
          return;
        }
      }
    }
    if (sharedTris != 2) {
      return;
    }
    for (int i = 0; i < vtn[u]; i++) {
      int t = vt[u][i];
      if (has(t, v)) {
        deadTri[t] = true;
        liveTriangles--;
      }
    }
    for (int i = 0; i < vtn[v]; i++) {
      int t = vt[v][i];
      if (deadTri[t]) {
        continue;
      }
      for (int c = 0; c < 3; c++) {
        if (tri[3 * t + c] == v) {
          tri[3 * t + c] = u;
        }
      }
      if (vtn[u] == vt[u].length) {
        vt[u] = Arrays.copyOf(vt[u], vt[u].length * 2);
      }
      vt[u][vtn[u]++] = t;
    }
    vtn[v] = 0;
    gone[v] = true;
    p[3 * u] = at[0];
    p[3 * u + 1] = at[1];
    p[3 * u + 2] = at[2];
    for (int i = 0; i < 10; i++) {
      q[10 * u + i] += q[10 * v + i];
    }
    version[u]++;
    int n = neighbours(u, true);
    int[] around = Arrays.copyOf(nu, n);
    for (int w : around) {
      push(Math.min(u, w), Math.max(u, w));
    }
  }

  private int degree(int v) {
    return liveCount(v); // closed manifold: as many neighbours as triangles
  }

  private boolean has(int t, int v) {
    return tri[3 * t] == v || tri[3 * t + 1] == v || tri[3 * t + 2] == v;
  }

  /** Whether triangle t, with {@code moved} put at {@code at}, keeps facing the same way. */
  private boolean keepsFacing(int t, int moved, double[] at) {
    int a = tri[3 * t];
    int b = tri[3 * t + 1];
    int c = tri[3 * t + 2];
    double[] before = normal(a, b, c, 0, 0, 0, -1);
    double[] after = normal(a, b, c, at[0], at[1], at[2], moved);
    double lb = Math.sqrt(dot(before, before));
    double la = Math.sqrt(dot(after, after));
    if (la <= 1e-12 * Math.max(lb, 1e-300)) {
      return false;
    }
    // Refuse turning by more than about 80 degrees: it would fold the surface.
    return dot(before, after) > 0.17 * la * lb;
  }

  private static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }

  private Mesh result() {
    int n = gone.length;
    int[] index = new int[n];
    int nv = 0;
    for (int i = 0; i < n; i++) {
      index[i] = gone[i] ? -1 : nv++;
    }
    double[] xyz = new double[3 * nv];
    for (int i = 0; i < n; i++) {
      if (index[i] >= 0) {
        System.arraycopy(p, 3 * i, xyz, 3 * index[i], 3);
      }
    }
    int[] out = new int[3 * liveTriangles];
    int k = 0;
    for (int t = 0; t < deadTri.length; t++) {
      if (!deadTri[t]) {
        for (int c = 0; c < 3; c++) {
          out[k++] = index[tri[3 * t + c]];
        }
      }
    }
    return new Mesh(xyz, out);
  }

  /** A binary min-heap of queued edges, in parallel arrays. */
  private static final class Heap {
    double[] cost = new double[1024];
    int[] u = new int[1024];
    int[] v = new int[1024];
    int[] verU = new int[1024];
    int[] verV = new int[1024];
    double[] x = new double[1024];
    double[] y = new double[1024];
    double[] z = new double[1024];
    int[] order = new int[1024]; // heap of entry numbers
    int[] free = new int[1024];
    int freeCount;
    int entries;
    int size;

    int size() {
      return size;
    }

    void push(double c, int a, int b, int va, int vb, double[] at) {
      int e;
      if (freeCount > 0) {
        e = free[--freeCount];
      } else {
        e = entries++;
        if (e == cost.length) {
          int len = e * 2;
          cost = Arrays.copyOf(cost, len);
          u = Arrays.copyOf(u, len);
          v = Arrays.copyOf(v, len);
          verU = Arrays.copyOf(verU, len);
          verV = Arrays.copyOf(verV, len);
          x = Arrays.copyOf(x, len);
          y = Arrays.copyOf(y, len);
          z = Arrays.copyOf(z, len);
          order = Arrays.copyOf(order, len);
          free = Arrays.copyOf(free, len);
        }
      }
      cost[e] = c;
      u[e] = a;
      v[e] = b;
      verU[e] = va;
      verV[e] = vb;
      x[e] = at[0];
      y[e] = at[1];
      z[e] = at[2];
      int i = size++;
      while (i > 0) {
        int parent = (i - 1) >> 1;
        if (cost[order[parent]] <= c) {
          break;
        }
        order[i] = order[parent];
        i = parent;
      }
      order[i] = e;
    }

    /** Removes the cheapest entry; its fields stay readable until the next push. */
    int pop() {
      int top = order[0];
      int last = order[--size];
      int i = 0;
      while (true) {
        int child = 2 * i + 1;
        if (child >= size) {
          break;
        }
        if (child + 1 < size && cost[order[child + 1]] < cost[order[child]]) {
          child++;
        }
        if (cost[order[child]] >= cost[last]) {
          break;
        }
        order[i] = order[child];
        i = child;
      }
      order[i] = last;
      free[freeCount++] = top;
      return top;
    }
  }
}
