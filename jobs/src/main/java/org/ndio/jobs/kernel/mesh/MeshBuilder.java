package org.ndio.jobs.kernel.mesh;

import java.util.Arrays;

/** Gathers one object's triangles during a call, giving each vertex key one index. */
final class MeshBuilder {

  private final LongIntMap index = new LongIntMap(1024);
  private long[] keys = new long[1024];
  private int vertices;
  private int[] triangles = new int[3072];
  private int corners;

  int vertex(long key) {
    int i = index.putIfAbsent(key, vertices);
    if (i == vertices) {
      if (vertices == keys.length) {
        keys = Arrays.copyOf(keys, vertices * 2);
      }
      keys[vertices++] = key;
    }
    return i;
  }

  void triangle(int a, int b, int c) {
    if (corners + 3 > triangles.length) {
      triangles = Arrays.copyOf(triangles, triangles.length * 2);
    }
    triangles[corners] = a;
    triangles[corners + 1] = b;
    triangles[corners + 2] = c;
    corners += 3;
  }

  /** Emits configuration {@code config} of the cell whose lowest edge key is {@code cellKey}. */
  void cell(int config, long cellKey) {
    int[] t = CubeTable.triangles(config);
    long[] offset = MarchingCubes.EDGE_OFFSET;
    for (int i = 0; i < t.length; i += 3) {
      triangle(vertex(cellKey + offset[t[i]]), vertex(cellKey + offset[t[i + 1]]),
          vertex(cellKey + offset[t[i + 2]]));
    }
  }

  boolean isEmpty() {
    return corners == 0;
  }

  KeyedMesh build() {
    return new KeyedMesh(Arrays.copyOf(keys, vertices), Arrays.copyOf(triangles, corners));
  }
}
