package org.ndio.benchmarks.run;

import java.nio.file.Path;
import java.util.Map;
import org.ndio.jobs.kernel.Components;
import org.ndio.jobs.kernel.ConnectedComponents;
import org.ndio.jobs.kernel.Connectivity;
import org.ndio.jobs.kernel.Downsampling;
import org.ndio.jobs.kernel.Foreground;
import org.ndio.jobs.kernel.Reduction;
import org.ndio.jobs.kernel.mesh.KeyedMesh;
import org.ndio.jobs.kernel.mesh.MarchingCubes;
import org.ndio.jobs.kernel.mesh.MeshSelection;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * {@code KernelRun URL NAME OUT.jsonl REPS OPS [MESH_CAP]}: the pure kernels, one thread, on
 * a volume held in memory, the same work the Python peers do on the same array: {@code
 * label6}/{@code label26} (voxels >= 128, as scipy.ndimage.label of the mask), {@code mesh}
 * (the mask as one surface, as skimage's marching cubes at 0.5 of the 0/1 array), {@code
 * downsample} (2x2x2 mean, as numpy's reshape and mean, rounded back to uint8). OPS is a comma
 * list. Each figure carries the peak heap of its runs (the volume included). A volume above
 * MESH_CAP voxels is meshed on its leading z slab of at most that many voxels, as peers.py
 * caps skimage, so both mesh the same voxels (and the triangles of a whole large volume need
 * not fit in the heap).
 */
public final class KernelRun {

  private KernelRun() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String name = args[1];
    Results out = new Results(Path.of(args[2]));
    int reps = Integer.parseInt(args[3]);
    Volume v;
    try (VolumeReader r = Volumes.open(url)) {
      v = r.readAll();
    }
    long cap = args.length > 5 ? Long.parseLong(args[5]) : Long.MAX_VALUE;
    for (String op : args[4].split(",")) {
      Volume in = op.equals("mesh") && v.voxels() > cap ? slab(v, cap) : v;
      HeapPeak.reset();
      Object[] last = new Object[1];
      double s = Best.seconds(reps, () -> last[0] = run(op, in));
      Map<String, Object> extra = new java.util.LinkedHashMap<>(Map.of("peak_bytes",
          HeapPeak.bytes(), "objects", objects(last[0]), "threads", 1));
      if (in != v) {
        extra.put("capped", true);
        extra.put("full_voxels", v.voxels());
      }
      out.add(area(op), name, "ours-kernel", op, s, in.voxels(), in.voxels(), extra);
    }
  }

  /** The leading z sections of at most {@code cap} voxels (at least two). */
  private static Volume slab(Volume v, long cap) {
    int nz = (int) Math.max(2, cap / ((long) v.sizeX() * v.sizeY()));
    Volume s = Volume.allocate(v.dtype(), v.sizeX(), v.sizeY(), nz);
    s.copyFrom(v.view(0, 0, 0, v.sizeX(), v.sizeY(), nz), 0, 0, 0);
    return s;
  }

  private static Object run(String op, Volume v) {
    return switch (op) {
      case "label6" -> ConnectedComponents.label(v, new Foreground.AtLeast(128),
          Connectivity.of(6));
      case "label26" -> ConnectedComponents.label(v, new Foreground.AtLeast(128),
          Connectivity.of(26));
      case "mesh" -> MarchingCubes.mesh(v, MeshSelection.threshold(128));
      case "downsample" -> Downsampling.reduce(v, new Size3(2, 2, 2), Reduction.MEAN);
      default -> throw new IllegalArgumentException("label6 | label26 | mesh | downsample: "
          + op);
    };
  }

  static String area(String op) {
    return op.startsWith("label") ? "labelling" : op.equals("mesh") ? "meshing" : "downsampling";
  }

  /**
   * What the run found, for checking against the peer: components for labels, triangles for
   * meshes (not comparable: the triangulations differ), the sum of the voxels of a reduced
   * volume (equal to numpy's where both round the same way).
   */
  @SuppressWarnings("unchecked")
  private static long objects(Object o) {
    if (o instanceof Components c) {
      return c.count();
    }
    if (o instanceof Map<?, ?> m) {
      long t = 0;
      for (KeyedMesh k : ((Map<Long, KeyedMesh>) m).values()) {
        t += k.triangleCount();
      }
      return t;
    }
    long sum = 0;
    for (byte b : ((Volume) o).array()) {
      sum += b & 0xff;
    }
    return sum;
  }
}
