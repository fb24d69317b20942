package org.ndio.jobs.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.testing.Python;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

class ConnectedComponentsTest {

  @TempDir
  Path dir;

  /** Breadth-first flood fill in C order: slow and obviously right, the reference here. */
  static int[] floodFill(Volume v, Foreground fg, Connectivity c, int[] count) {
    int sx = v.sizeX();
    int sy = v.sizeY();
    int sz = v.sizeZ();
    int[] labels = new int[sx * sy * sz];
    int next = 0;
    for (int z = 0; z < sz; z++) {
      for (int y = 0; y < sy; y++) {
        for (int x = 0; x < sx; x++) {
          if (labels[(z * sy + y) * sx + x] != 0 || !object(v, fg, x, y, z)) {
            continue;
          }
          next++;
          ArrayDeque<int[]> queue = new ArrayDeque<>();
          queue.add(new int[] {x, y, z});
          labels[(z * sy + y) * sx + x] = next;
          while (!queue.isEmpty()) {
            int[] p = queue.poll();
            for (int dz = -1; dz <= 1; dz++) {
              for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                  int qx = p[0] + dx;
                  int qy = p[1] + dy;
                  int qz = p[2] + dz;
                  if ((dx | dy | dz) == 0 || !c.touches(dx, dy, dz) || qx < 0 || qy < 0
                      || qz < 0 || qx >= sx || qy >= sy || qz >= sz) {
                    continue;
                  }
                  int qi = (qz * sy + qy) * sx + qx;
                  if (labels[qi] == 0 && object(v, fg, qx, qy, qz)
                      && (!(fg instanceof Foreground.SameValue)
                          || v.getLong(qx, qy, qz) == v.getLong(p[0], p[1], p[2]))) {
                    labels[qi] = next;
                    queue.add(new int[] {qx, qy, qz});
                  }
                }
              }
            }
          }
        }
      }
    }
    count[0] = next;
    return labels;
  }

  static boolean object(Volume v, Foreground fg, int x, int y, int z) {
    return fg instanceof Foreground.AtLeast a ? v.getDouble(x, y, z) >= a.threshold()
        : v.getLong(x, y, z) != 0;
  }

  static Volume randomLabels(int sx, int sy, int sz, int values, double density, long seed) {
    Random r = new Random(seed);
    Volume v = Volume.allocate(DataType.UINT16, sx, sy, sz);
    for (int z = 0; z < sz; z++) {
      for (int y = 0; y < sy; y++) {
        for (int x = 0; x < sx; x++) {
          if (r.nextDouble() < density) {
            v.setLong(x, y, z, 1 + r.nextInt(values));
          }
        }
      }
    }
    return v;
  }

  /** Same labels, voxel for voxel, as the flood fill, for every rule and connectivity. */
  @Property(tries = 120)
  void agreesWithAFloodFill(@ForAll @IntRange(min = 1, max = 13) int sx,
      @ForAll @IntRange(min = 1, max = 9) int sy, @ForAll @IntRange(min = 1, max = 7) int sz,
      @ForAll @IntRange(min = 1, max = 3) int values, @ForAll @IntRange(min = 0, max = 2) int rule,
      @ForAll @IntRange(min = 0, max = 2) int conn, @ForAll long seed) {
    Volume v = randomLabels(sx, sy, sz, values, 0.45, seed);
    Foreground fg = switch (rule) {
      case 0 -> new Foreground.NonZero();
      case 1 -> new Foreground.AtLeast(2);
      default -> new Foreground.SameValue();
    };
    Connectivity c = Connectivity.values()[conn];
    int[] count = new int[1];
    int[] expected = floodFill(v, fg, c, count);
    Components got = ConnectedComponents.label(v, fg, c);
    assertEquals(count[0], got.count());
    for (int z = 0; z < sz; z++) {
      for (int y = 0; y < sy; y++) {
        for (int x = 0; x < sx; x++) {
          assertEquals(expected[(z * sy + y) * sx + x], got.labelAt(x, y, z),
              "voxel " + x + "," + y + "," + z);
        }
      }
    }
  }

  @Test
  void statisticsSumTheRuns() {
    Volume v = randomLabels(30, 20, 10, 2, 0.5, 3);
    Components c = ConnectedComponents.label(v, new Foreground.SameValue(), Connectivity.CORNERS);
    ComponentStats s = c.stats();
    long[] voxels = new long[c.count()];
    long[] sumX = new long[c.count()];
    for (int z = 0; z < 10; z++) {
      for (int y = 0; y < 20; y++) {
        for (int x = 0; x < 30; x++) {
          int l = c.labelAt(x, y, z);
          if (l > 0) {
            voxels[l - 1]++;
            sumX[l - 1] += x;
            assertEquals(v.getLong(x, y, z), s.value[l - 1]);
          }
        }
      }
    }
    assertEquals(java.util.Arrays.toString(voxels), java.util.Arrays.toString(s.voxels));
    assertEquals(java.util.Arrays.toString(sumX), java.util.Arrays.toString(s.sumX));
  }

  /** scipy.ndimage.label numbers components the same way: the label volumes are identical. */
  @Test
  void matchesScipyLabelExactly() throws Exception {
    Python.require("numpy", "scipy");
    String script = """
        import sys, json, zlib, numpy as np
        from scipy import ndimage
        out = sys.argv[1]
        rng = np.random.default_rng(1)
        res = {}
        for name, shape in [('blobs', (24, 70, 90)), ('thin', (1, 200, 300)), ('tall', (60, 1, 50))]:
            a = ndimage.gaussian_filter(rng.random(shape), 1.5)
            a = (a * 255 / a.max()).astype(np.uint8)
            np.save(f'{out}/{name}.npy', a)
            for conn in (1, 2, 3):
                lab, n = ndimage.label(a >= 128, structure=ndimage.generate_binary_structure(3, conn))
                res[f'{name}-{conn}'] = [int(n), zlib.crc32(lab.astype('<u4').tobytes())]
        print(json.dumps(res))
        """;
    JsonNode res = new ObjectMapper().readTree(Python.run(script, dir.toString()));
    for (String name : new String[] {"blobs", "thin", "tall"}) {
      Volume v;
      try (VolumeReader r = Volumes.open("npy:" + dir.resolve(name + ".npy"))) {
        v = r.readAll();
      }
      for (int conn = 1; conn <= 3; conn++) {
        Components c = ConnectedComponents.label(v, new Foreground.AtLeast(128),
            Connectivity.values()[conn - 1]);
        JsonNode expected = res.get(name + "-" + conn);
        assertEquals(expected.get(0).asInt(), c.count(), name + " connectivity " + conn);
        assertEquals(expected.get(1).asLong(), c.toVolume(DataType.UINT32).checksum(),
            name + " connectivity " + conn);
      }
    }
  }
}
