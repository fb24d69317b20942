package org.ndio.jobs.kernel.mesh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Welding against a reference built from sorted sets: pieces whose keys overlap, from a pool
 * that spans every coordinate a key can name (negative longs included: the radix sort's sign
 * handling) or a small box (keys that share most bytes: its skipped passes), as they come or
 * each made canonical first (the merge of sorted keys).
 */
class KeyedMeshTest {

  @Property(tries = 300)
  void weldingMatchesASortedSetReference(@ForAll @IntRange(min = 1, max = 6) int pieceCount,
      @ForAll @IntRange(min = 1, max = 400) int poolSize, @ForAll boolean wide,
      @ForAll boolean canonicalPieces, @ForAll long seed) {
    Random rnd = new Random(seed);
    long[] pool = new long[poolSize];
    for (int i = 0; i < poolSize; i++) {
      pool[i] = wide
          ? VertexKey.of(rnd.nextLong(VertexKey.MAX_XY + 2) - 1,
              rnd.nextLong(VertexKey.MAX_XY + 2) - 1, rnd.nextLong(VertexKey.MAX_Z + 2) - 1,
              rnd.nextInt(3))
          : VertexKey.of(rnd.nextInt(300) - 1, rnd.nextInt(40), rnd.nextInt(3), rnd.nextInt(3));
    }
    if (wide) { // keys of the highest sections are negative longs
      pool[0] = VertexKey.of(-1, -1, -1, 0);
      pool[poolSize - 1] = VertexKey.of(VertexKey.MAX_XY, VertexKey.MAX_XY, VertexKey.MAX_Z, 2);
    }
    List<KeyedMesh> pieces = new ArrayList<>();
    List<List<Long>> expectedTriangles = new ArrayList<>();
    for (int p = 0; p < pieceCount; p++) {
      List<Long> distinct = new ArrayList<>(new TreeSet<>(LongStream.of(pool).boxed().toList()));
      Collections.shuffle(distinct, rnd);
      int nv = Math.min(distinct.size(), 1 + rnd.nextInt(60)); // a piece names a vertex once
      long[] keys = distinct.subList(0, nv).stream().mapToLong(Long::longValue).toArray();
      int[] tris = new int[nv < 3 ? 0 : 3 * rnd.nextInt(30)];
      for (int i = 0; i < tris.length; i += 3) {
        tris[i] = rnd.nextInt(nv);
        do {
          tris[i + 1] = rnd.nextInt(nv);
        } while (tris[i + 1] == tris[i]);
        do {
          tris[i + 2] = rnd.nextInt(nv);
        } while (tris[i + 2] == tris[i] || tris[i + 2] == tris[i + 1]);
      }
      pieces.add(KeyedMesh.of(keys, tris));
      for (int t = 0; t < tris.length; t += 3) {
        expectedTriangles.add(rotated(keys[tris[t]], keys[tris[t + 1]], keys[tris[t + 2]]));
      }
    }
    TreeSet<Long> all = new TreeSet<>();
    pieces.forEach(p -> {
      for (long k : p.keys()) {
        all.add(k);
      }
    });
    Map<List<Long>, Integer> seen = new HashMap<>();
    expectedTriangles.forEach(t -> seen.merge(t, 1, Integer::sum));
    // Canonical pieces (as the mesh job's tasks make them) take the merging weld.
    Supplier<KeyedMesh> weld = () -> KeyedMesh.weld(canonicalPieces
        ? pieces.stream().map(KeyedMesh::canonical).toList() : pieces);
    if (seen.values().stream().anyMatch(c -> c > 1)) {
      assertThrows(IllegalArgumentException.class, weld::get);
      return;
    }
    KeyedMesh w = weld.get();
    assertArrayEquals(all.stream().mapToLong(Long::longValue).toArray(), w.keys(),
        "vertices: every key once, in signed order");
    List<List<Long>> got = new ArrayList<>();
    for (int t = 0; t < w.triangleCount(); t++) {
      got.add(List.of(w.key(w.corner(t, 0)), w.key(w.corner(t, 1)), w.key(w.corner(t, 2))));
    }
    expectedTriangles.sort(KeyedMeshTest::compare);
    assertEquals(expectedTriangles, got, "triangles: each once, from its lowest vertex, sorted");
  }

  @Property(tries = 20)
  void keysThatNameNoEdgeAreRefused(@ForAll long key) {
    long bad = key | 3;
    assertThrows(IllegalArgumentException.class,
        () -> KeyedMesh.of(new long[] {bad}, new int[0]));
  }

  @Test
  void trianglesThatRepeatAVertexAreRefused() {
    long[] keys = {VertexKey.of(0, 0, 0, 0), VertexKey.of(0, 0, 0, 1), VertexKey.of(0, 0, 0, 2)};
    KeyedMesh.of(keys, new int[] {0, 1, 2});
    for (int[] bad : new int[][] {{2, 0, 0}, {0, 2, 0}, {1, 1, 1}}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> KeyedMesh.of(keys, bad));
      assertTrue(e.getMessage().contains("repeats a vertex"), e.getMessage());
    }
  }

  /** The triangle turned to start at its lowest key, its winding kept. */
  private static List<Long> rotated(long a, long b, long c) {
    if (b < a && b < c) {
      return List.of(b, c, a);
    }
    if (c < a && c < b) {
      return List.of(c, a, b);
    }
    return List.of(a, b, c);
  }

  private static int compare(List<Long> s, List<Long> t) {
    for (int i = 0; i < 3; i++) {
      int c = Long.compare(s.get(i), t.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
