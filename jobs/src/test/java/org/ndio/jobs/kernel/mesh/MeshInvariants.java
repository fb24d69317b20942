package org.ndio.jobs.kernel.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks that a mesh is a closed, oriented 2-manifold, straight from the definitions: every
 * edge in exactly two triangles that run it in opposite directions, every vertex's link one
 * cycle, every component's Euler characteristic even and at most 2. Returns what it found.
 */
public final class MeshInvariants {

  /** Per component: Euler characteristic and signed volume. */
  public record Report(int components, int[] euler, double[] volume) {
    int genusTotal() {
      int g = 0;
      for (int e : euler) {
        g += (2 - e) / 2;
      }
      return g;
    }

    int positiveComponents() {
      int n = 0;
      for (double v : volume) {
        if (v > 0) {
          n++;
        }
      }
      return n;
    }
  }

  private MeshInvariants() {}

  static Report check(KeyedMesh m) {
    return check(m.toMesh());
  }

  public static Report check(Mesh m) {
    int n = m.vertexCount();
    int f = m.triangleCount();
    long[] directed = new long[3 * f];
    boolean[] used = new boolean[n];
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    for (int t = 0; t < f; t++) {
      int[] v = {m.corner(t, 0), m.corner(t, 1), m.corner(t, 2)};
      if (v[0] == v[1] || v[1] == v[2] || v[0] == v[2]) {
        fail("triangle " + t + " repeats a vertex: " + Arrays.toString(v));
      }
      for (int i = 0; i < 3; i++) {
        used[v[i]] = true;
        directed[3 * t + i] = (long) v[i] << 32 | v[(i + 1) % 3];
        union(parent, v[i], v[(i + 1) % 3]);
      }
    }
    // Every directed edge once, and its reverse once: the sorted edges equal the sorted
    // reversed edges, with no repeats.
    long[] reversed = new long[directed.length];
    for (int i = 0; i < directed.length; i++) {
      reversed[i] = (directed[i] & 0xffffffffL) << 32 | (directed[i] >>> 32);
    }
    Arrays.sort(directed);
    Arrays.sort(reversed);
    for (int i = 0; i < directed.length; i++) {
      if (i > 0 && directed[i] == directed[i - 1]) {
        fail("directed edge " + (directed[i] >>> 32) + "->" + (directed[i] & 0xffffffffL)
            + " in two triangles");
      }
      if (directed[i] != reversed[i]) {
        long e = Math.min(directed[i], reversed[i]);
        fail("edge " + (e >>> 32) + "-" + (e & 0xffffffffL) + " is not run both ways by two"
            + " triangles (open, or inconsistently oriented)");
      }
    }
    for (int i = 0; i < n; i++) {
      assertTrue(used[i], "vertex " + i + " is in no triangle");
    }
    checkLinks(m);
    Map<Integer, Integer> comp = new HashMap<>();
    for (int i = 0; i < n; i++) {
      comp.putIfAbsent(find(parent, i), comp.size());
    }
    int c = comp.size();
    int[] verts = new int[c];
    int[] faces = new int[c];
    double[] vol = new double[c];
    for (int i = 0; i < n; i++) {
      verts[comp.get(find(parent, i))]++;
    }
    for (int t = 0; t < f; t++) {
      int k = comp.get(find(parent, m.corner(t, 0)));
      faces[k]++;
      double[] a = p(m, m.corner(t, 0));
      double[] b = p(m, m.corner(t, 1));
      double[] d = p(m, m.corner(t, 2));
      vol[k] += (a[0] * (b[1] * d[2] - b[2] * d[1]) + a[1] * (b[2] * d[0] - b[0] * d[2])
          + a[2] * (b[0] * d[1] - b[1] * d[0])) / 6;
    }
    int[] euler = new int[c];
    for (int k = 0; k < c; k++) {
      // In a closed mesh E = 3F/2.
      assertEquals(0, faces[k] * 3 % 2, "odd edge count");
      euler[k] = verts[k] - faces[k] * 3 / 2 + faces[k];
      assertTrue(euler[k] <= 2 && euler[k] % 2 == 0, "component Euler characteristic "
          + euler[k]);
      assertTrue(Math.abs(vol[k]) > 1e-9, "component encloses no volume");
    }
    return new Report(c, euler, vol);
  }

  /** Each vertex's triangles, rotated to start at it, must chain b -> c into one cycle. */
  private static void checkLinks(Mesh m) {
    int n = m.vertexCount();
    int f = m.triangleCount();
    int[] deg = new int[n + 1];
    for (int t = 0; t < f; t++) {
      for (int i = 0; i < 3; i++) {
        deg[m.corner(t, i) + 1]++;
      }
    }
    for (int i = 0; i < n; i++) {
      deg[i + 1] += deg[i];
    }
    int[] fill = Arrays.copyOf(deg, n);
    int[] nextOf = new int[3 * f];
    int[] from = new int[3 * f];
    for (int t = 0; t < f; t++) {
      for (int i = 0; i < 3; i++) {
        int v = m.corner(t, i);
        int s = fill[v]++;
        from[s] = m.corner(t, (i + 1) % 3);
        nextOf[s] = m.corner(t, (i + 2) % 3);
      }
    }
    for (int v = 0; v < n; v++) {
      int s0 = deg[v];
      int k = deg[v + 1] - s0;
      for (int s = s0; s < s0 + k; s++) {
        for (int r = s + 1; r < s0 + k; r++) {
          if (from[r] == from[s]) {
            fail("vertex " + v + ": link vertex " + from[s] + " starts two link edges");
          }
        }
      }
      int start = from[s0];
      int cur = start;
      int steps = 0;
      do {
        int at = -1;
        for (int s = s0; s < s0 + k; s++) {
          if (from[s] == cur) {
            at = s;
          }
        }
        if (at < 0) {
          fail("vertex " + v + ": link is not closed at " + cur);
        }
        cur = nextOf[at];
        steps++;
      } while (cur != start && steps <= k);
      assertEquals(k, steps, "vertex " + v + ": link is not one cycle (two sheets meet there)");
    }
  }

  private static double[] p(Mesh m, int v) {
    return new double[] {m.x(v), m.y(v), m.z(v)};
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) {
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }
}
