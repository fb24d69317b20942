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
 * {@code KernelRun URL NAME OUT.jsonl REPS OPS}: the pure kernels, one thread, on a volume held
 * in memory, the same work the Python peers do on the same array: {@code label6}/{@code
 * label26} (voxels >= 128, as scipy.ndimage.label of the mask), {@code mesh} (the mask as one
 * surface, as skimage's marching cubes at 0.5 of the 0/1 array), {@code downsample} (2x2x2
 * mean, as numpy's reshape and mean, rounded back to uint8). OPS is a comma list. Each figure
 * carries the peak heap of its runs (the volume included).
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
    long voxels = v.voxels();
    for (String op : args[4].split(",")) {
      HeapPeak.reset();
      Object[] last = new Object[1];
      double s = Best.seconds(reps, () -> last[0] = run(op, v));
      out.add(area(op), name, "ours-kernel", op, s, voxels, voxels,
          Map.of("peak_bytes", HeapPeak.bytes(), "objects", objects(last[0]), "threads", 1));
    }
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

  /** Components for labels, triangles for meshes, voxels for a reduced volume. */
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
    return ((Volume) o).voxels();
  }
}
