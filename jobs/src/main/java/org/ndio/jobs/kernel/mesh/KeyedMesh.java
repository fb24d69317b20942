package org.ndio.jobs.kernel.mesh;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * A triangle mesh whose vertices are named by {@link VertexKey}s, as marching cubes produces
 * it: a piece from one call, or pieces welded into one surface. Welding joins vertices with
 * equal keys, which is exact. A welded mesh is canonical: vertices in key order, each triangle
 * starting at its lowest vertex (its winding kept), triangles in order; so two meshes of the
 * same surface, however it was cut into pieces, have equal arrays. (A class rather than a
 * record so Spark's Kryo can write it.)
 */
public final class KeyedMesh implements Serializable {

  private static final long serialVersionUID = 1L;

  private final long[] keys;
  private final int[] triangles;

  KeyedMesh(long[] keys, int[] triangles) {
    this.keys = keys;
    this.triangles = triangles;
  }

  /**
   * A mesh from {@link VertexKey}s and triangles (three vertex indices each); the arrays are
   * copied.
   */
  public static KeyedMesh of(long[] keys, int[] triangles) {
    if (triangles.length % 3 != 0) {
      throw new IllegalArgumentException(triangles.length + " triangle indices: not triples");
    }
    for (int t : triangles) {
      if (t < 0 || t >= keys.length) {
        throw new IllegalArgumentException("triangle index " + t + " outside the "
            + keys.length + " vertices");
      }
    }
    // marching cubes puts a triangle's corners on three edges; a repeated one has no place in
    // the canonical order, which starts each triangle at its one lowest vertex
    for (int i = 0; i < triangles.length; i += 3) {
      int a = triangles[i];
      int b = triangles[i + 1];
      int c = triangles[i + 2];
      if (a == b || b == c || a == c) {
        throw new IllegalArgumentException("triangle " + i / 3 + " repeats a vertex: " + a
            + "," + b + "," + c);
      }
    }
    for (long k : keys) {
      if (VertexKey.axis(k) > 2) {
        throw new IllegalArgumentException("vertex key " + Long.toHexString(k)
            + " names no edge (axis " + VertexKey.axis(k) + ")");
      }
    }
    return new KeyedMesh(keys.clone(), triangles.clone());
  }

  public int vertexCount() {
    return keys.length;
  }

  public int triangleCount() {
    return triangles.length / 3;
  }

  public boolean isEmpty() {
    return triangles.length == 0;
  }

  /** The vertex keys (a copy). */
  public long[] keys() {
    return keys.clone();
  }

  /** Vertex indices, three per triangle, counter-clockwise seen from outside (a copy). */
  public int[] triangles() {
    return triangles.clone();
  }

  public long key(int vertex) {
    return keys[vertex];
  }

  /** Vertex {@code corner} (0..2) of triangle {@code t}. */
  public int corner(int t, int corner) {
    return triangles[3 * t + corner];
  }

  /** This mesh welded with another; see {@link #weld}. */
  public KeyedMesh merge(KeyedMesh other) {
    return weld(List.of(this, other));
  }

  /** This mesh alone in canonical form. */
  public KeyedMesh canonical() {
    return weld(List.of(this));
  }

  /**
   * Welds pieces into one canonical mesh: vertices with equal keys become one. Pieces must come
   * from cells owned once each; a triangle found twice means some cells were meshed twice, and
   * is refused. Canonical pieces weld faster (their keys are merged, not sorted), and one
   * canonical piece is its own weld.
   */
  public static KeyedMesh weld(Collection<KeyedMesh> pieces) {
    boolean canonical = true;
    for (KeyedMesh p : pieces) {
      canonical &= p.isCanonical();
    }
    if (canonical && pieces.size() == 1) {
      return pieces.iterator().next();
    }
    int nk = 0;
    int nt = 0;
    for (KeyedMesh p : pieces) {
      nk += p.keys.length;
      nt += p.triangles.length;
    }
    // map: a vertex's place among all pieces' vertices -> its index in the welded mesh
    int[] map = new int[nk];
    long[] all = new long[nk];
    int n = canonical ? mergeKeys(pieces, all, map) : sortKeys(pieces, all, map);
    long[] keys = Arrays.copyOf(all, n);
    int[] tris = new int[nt];
    int at = 0;
    int base = 0;
    for (KeyedMesh p : pieces) {
      for (int t : p.triangles) {
        tris[at++] = map[base + t];
      }
      base += p.keys.length;
    }
    return new KeyedMesh(keys, sortTriangles(tris, keys));
  }

  /**
   * Whether this mesh is in canonical form already: keys strictly ascending, each triangle
   * starting at its lowest vertex, triangles strictly ascending.
   */
  private boolean isCanonical() {
    for (int i = 1; i < keys.length; i++) {
      if (keys[i - 1] >= keys[i]) {
        return false;
      }
    }
    for (int t = 0; t < triangles.length; t += 3) {
      int a = triangles[t];
      if (a >= triangles[t + 1] || a >= triangles[t + 2]) {
        return false;
      }
      if (t > 0 && compare(triangles[t - 3], triangles[t - 2], triangles[t - 1], a,
          triangles[t + 1], triangles[t + 2]) >= 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The distinct keys of all pieces in order, into {@code all}, and each piece vertex's place
   * among them into {@code map}; returns how many. Any pieces: one sort of all their keys.
   */
  private static int sortKeys(Collection<KeyedMesh> pieces, long[] all, int[] map) {
    int nk = all.length;
    int[] from = new int[nk];
    int at = 0;
    for (KeyedMesh p : pieces) {
      System.arraycopy(p.keys, 0, all, at, p.keys.length);
      at += p.keys.length;
    }
    for (int i = 0; i < nk; i++) {
      from[i] = i;
    }
    sortCarrying(all, from);
    int n = 0;
    for (int i = 0; i < nk; i++) {
      if (n == 0 || all[i] != all[n - 1]) {
        all[n++] = all[i];
      }
      map[from[i]] = n - 1;
    }
    return n;
  }

  /**
   * As {@link #sortKeys} for canonical pieces, whose keys are sorted already: a merge, which
   * takes a heap of the pieces by their next key. Meshing a whole-stack mask makes one object
   * of every cuboid's piece, and this weld is the serial step of writing it: the pieces are made
   * canonical in parallel, where they are meshed.
   */
  private static int mergeKeys(Collection<KeyedMesh> pieces, long[] all, int[] map) {
    KeyedMesh[] ps = pieces.toArray(new KeyedMesh[0]);
    int k = ps.length;
    int[] base = new int[k];
    int[] next = new int[k];
    int[] heap = new int[k];
    int size = 0;
    int at = 0;
    for (int i = 0; i < k; i++) {
      base[i] = at;
      at += ps[i].keys.length;
      if (ps[i].keys.length > 0) {
        heap[size] = i;
        siftUp(heap, size++, ps, next);
      }
    }
    int n = 0;
    while (size > 0) {
      int p = heap[0];
      long key = ps[p].keys[next[p]];
      if (n == 0 || all[n - 1] != key) {
        all[n++] = key;
      }
      map[base[p] + next[p]] = n - 1;
      if (++next[p] == ps[p].keys.length) {
        heap[0] = heap[--size];
      }
      siftDown(heap, size, ps, next);
    }
    return n;
  }

  private static boolean before(int a, int b, KeyedMesh[] ps, int[] next) {
    return ps[a].keys[next[a]] < ps[b].keys[next[b]];
  }

  private static void siftUp(int[] heap, int i, KeyedMesh[] ps, int[] next) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (!before(heap[i], heap[parent], ps, next)) {
        return;
      }
      int t = heap[i];
      heap[i] = heap[parent];
      heap[parent] = t;
      i = parent;
    }
  }

  private static void siftDown(int[] heap, int size, KeyedMesh[] ps, int[] next) {
    int i = 0;
    while (true) {
      int l = 2 * i + 1;
      if (l >= size) {
        return;
      }
      int c = l + 1 < size && before(heap[l + 1], heap[l], ps, next) ? l + 1 : l;
      if (!before(heap[c], heap[i], ps, next)) {
        return;
      }
      int t = heap[i];
      heap[i] = heap[c];
      heap[c] = t;
      i = c;
    }
  }

  /**
   * Sorts keys (as signed longs) and moves each {@code from} entry with its key: a least
   * significant digit radix sort, a byte a pass, that skips the bytes all keys share. A
   * surface's keys share most of theirs (a 1024 x 1024 x 20 stack varies in 7 of 8), and a
   * comparison sort with a binary search per key to find each vertex again took three to five
   * times as long: the weld is the serial step of meshing one large surface.
   */
  private static void sortCarrying(long[] keys, int[] from) {
    int n = keys.length;
    int[][] counts = new int[8][256];
    for (long k : keys) {
      long u = k ^ Long.MIN_VALUE;
      for (int b = 0; b < 8; b++) {
        counts[b][(int) (u >>> (8 * b)) & 255]++;
      }
    }
    long[] k1 = keys;
    int[] f1 = from;
    long[] k2 = null;
    int[] f2 = null;
    for (int b = 0; b < 8 && n > 1; b++) {
      int[] c = counts[b];
      int shift = 8 * b;
      if (c[(int) ((k1[0] ^ Long.MIN_VALUE) >>> shift) & 255] == n) {
        continue; // every key has this byte
      }
      if (k2 == null) {
        k2 = new long[n];
        f2 = new int[n];
      }
      int sum = 0;
      for (int d = 0; d < 256; d++) {
        int x = c[d];
        c[d] = sum;
        sum += x;
      }
      for (int i = 0; i < n; i++) {
        long k = k1[i];
        int slot = c[(int) ((k ^ Long.MIN_VALUE) >>> shift) & 255]++;
        k2[slot] = k;
        f2[slot] = f1[i];
      }
      long[] kt = k1;
      k1 = k2;
      k2 = kt;
      int[] ft = f1;
      f1 = f2;
      f2 = ft;
    }
    if (k1 != keys) {
      System.arraycopy(k1, 0, keys, 0, n);
      System.arraycopy(f1, 0, from, 0, n);
    }
  }

  /**
   * Rotates each triangle to start at its lowest vertex and sorts them: bucket by first vertex
   * (linear), then order each bucket, which holds only the few triangles around one vertex.
   */
  private static int[] sortTriangles(int[] tris, long[] keys) {
    int vertices = keys.length;
    int m = tris.length / 3;
    int[] start = new int[vertices + 1];
    for (int t = 0; t < m; t++) {
      int a = tris[3 * t];
      int b = tris[3 * t + 1];
      int c = tris[3 * t + 2];
      start[Math.min(a, Math.min(b, c)) + 1]++;
    }
    for (int i = 0; i < vertices; i++) {
      start[i + 1] += start[i];
    }
    int[] fill = Arrays.copyOf(start, vertices);
    int[] out = new int[tris.length];
    for (int t = 0; t < m; t++) {
      int a = tris[3 * t];
      int b = tris[3 * t + 1];
      int c = tris[3 * t + 2];
      if (b < a && b < c) {
        int x = a;
        a = b;
        b = c;
        c = x;
      } else if (c < a && c < b) {
        int x = a;
        a = c;
        c = b;
        b = x;
      }
      int slot = fill[a]++;
      out[3 * slot] = a;
      out[3 * slot + 1] = b;
      out[3 * slot + 2] = c;
    }
    for (int v = 0; v < vertices; v++) {
      for (int i = start[v] + 1; i < start[v + 1]; i++) {
        int b = out[3 * i + 1];
        int c = out[3 * i + 2];
        int j = i - 1;
        while (j >= start[v] && compare(out[3 * j + 1], out[3 * j + 2], b, c) > 0) {
          out[3 * j + 4] = out[3 * j + 1];
          out[3 * j + 5] = out[3 * j + 2];
          j--;
        }
        out[3 * j + 4] = b;
        out[3 * j + 5] = c;
        if (j >= start[v] && compare(out[3 * j + 1], out[3 * j + 2], b, c) == 0) {
          throw new IllegalArgumentException("a triangle at vertex " + VertexKey.toString(keys[v])
              + " appears twice: some cells were meshed by two calls");
        }
      }
    }
    return out;
  }

  private static int compare(int b1, int c1, int b2, int c2) {
    return b1 != b2 ? Integer.compare(b1, b2) : Integer.compare(c1, c2);
  }

  private static int compare(int a1, int b1, int c1, int a2, int b2, int c2) {
    return a1 != a2 ? Integer.compare(a1, a2) : compare(b1, c1, b2, c2);
  }

  /** Vertex positions in voxel units (x, y, z per vertex): the middles of their edges. */
  public double[] positions() {
    return positions(1, 1, 1);
  }

  /** Vertex positions scaled per axis, e.g. by the voxel size for physical units. */
  public double[] positions(double sx, double sy, double sz) {
    double[] p = new double[keys.length * 3];
    for (int i = 0; i < keys.length; i++) {
      p[3 * i] = VertexKey.positionX(keys[i]) * sx;
      p[3 * i + 1] = VertexKey.positionY(keys[i]) * sy;
      p[3 * i + 2] = VertexKey.positionZ(keys[i]) * sz;
    }
    return p;
  }

  /** The mesh with positions in voxel units. */
  public Mesh toMesh() {
    return toMesh(1, 1, 1);
  }

  /** The mesh with positions scaled per axis (physical units with the voxel size). */
  public Mesh toMesh(double sx, double sy, double sz) {
    return new Mesh(positions(sx, sy, sz), triangles.clone());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyedMesh m && Arrays.equals(keys, m.keys)
        && Arrays.equals(triangles, m.triangles);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(keys) + Arrays.hashCode(triangles);
  }

  @Override
  public String toString() {
    return "KeyedMesh(" + keys.length + " vertices, " + triangleCount() + " triangles)";
  }
}
