package org.ndio.benchmarks;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ndio.jobs.kernel.ConnectedComponents;
import org.ndio.jobs.kernel.Connectivity;
import org.ndio.jobs.kernel.Foreground;
import org.ndio.jobs.kernel.mesh.KeyedMesh;
import org.ndio.jobs.kernel.mesh.MarchingCubes;
import org.ndio.jobs.kernel.mesh.MeshSelection;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.volume.DataType;
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
 * The meshing kernel alone, one thread, on a volume given by {@code -Dndio.bench.volume}
 * (benchmarks/mesh passes the ssTEM stack's mitochondria mask): {@code mask} meshes all voxels
 * >= 128 as one object, the work skimage's marching cubes does at level 0.5 in the script;
 * {@code labels} meshes every 18-connected component as its own object in one pass over their
 * labels (uint32), as the mesh job does with {@code --ids all}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MeshBenchmark {

  @Param({"mask", "labels"})
  public String mode;

  private Volume volume;
  private MeshSelection selection;

  @Setup
  public void load() {
    try (VolumeReader r = Volumes.open(System.getProperty("ndio.bench.volume"))) {
      volume = r.readAll();
    }
    if (mode.equals("labels")) {
      volume = ConnectedComponents.label(volume, new Foreground.AtLeast(128), Connectivity.EDGES)
          .toVolume(DataType.UINT32);
      selection = MeshSelection.allLabels();
    } else {
      selection = MeshSelection.threshold(128);
    }
  }

  @Benchmark
  public Map<Long, KeyedMesh> mesh() {
    return MarchingCubes.mesh(volume, selection);
  }
}
