package org.ndio.benchmarks;

import java.util.concurrent.TimeUnit;
import org.ndio.jobs.kernel.ConnectedComponents;
import org.ndio.jobs.kernel.Connectivity;
import org.ndio.jobs.kernel.Downsampling;
import org.ndio.jobs.kernel.Foreground;
import org.ndio.jobs.kernel.Reduction;
import org.ndio.jobs.kernel.mesh.MarchingCubes;
import org.ndio.jobs.kernel.mesh.MeshSelection;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The pure kernels, one thread, on a volume held in memory, doing the work the Python peers
 * do on the same array (benchmarks/peers.py): {@code label6}/{@code label26} (voxels >= 128,
 * as scipy.ndimage.label of the mask), {@code mesh} (the mask as one surface, as skimage's
 * marching cubes at 0.5 of the 0/1 array), {@code downsample} (2x2x2 mean, as numpy's
 * reshape and mean, rounded back to uint8). The volume is {@code -Dndio.bench.volume}; a
 * volume above {@code -Dndio.bench.meshCap} voxels is meshed on its leading z slab of at most
 * that many voxels, as peers.py caps skimage. Average time per call over iterations of a
 * second: many calls on the small volumes, one on the large ones, whose calls last seconds
 * ({@code run.KernelRun} drives it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class KernelBenchmark {

  @Param({"label6", "label26", "mesh", "downsample"})
  public String op;

  private Volume volume;

  @Setup
  public void load() {
    try (VolumeReader r = Volumes.open(System.getProperty("ndio.bench.volume"))) {
      volume = input(r.readAll(), op, Long.getLong("ndio.bench.meshCap", Long.MAX_VALUE));
    }
  }

  @Benchmark
  public Object kernel() {
    return run(op, volume);
  }

  /** What {@code op} works on: the volume, or for a capped mesh its leading z slab. */
  public static Volume input(Volume v, String op, long meshCap) {
    if (!op.equals("mesh") || v.voxels() <= meshCap) {
      return v;
    }
    int nz = (int) Math.max(2, meshCap / ((long) v.sizeX() * v.sizeY()));
    Volume s = Volume.allocate(v.dtype(), v.sizeX(), v.sizeY(), nz);
    s.copyFrom(v.view(0, 0, 0, v.sizeX(), v.sizeY(), nz), 0, 0, 0);
    return s;
  }

  /** One call of the kernel {@code op}. */
  public static Object run(String op, Volume v) {
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
}
