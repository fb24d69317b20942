package org.ndio.benchmarks;

import java.util.concurrent.TimeUnit;
import org.ndio.jobs.kernel.Components;
import org.ndio.jobs.kernel.ConnectedComponents;
import org.ndio.jobs.kernel.Connectivity;
import org.ndio.jobs.kernel.Foreground;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
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
 * The labelling kernel alone, one thread, on a volume given by {@code -Dndio.bench.volume}
 * (benchmarks/count passes the ssTEM stack's mitochondria mask): voxels >= 128, labelled with
 * 6- and 26-connectivity, the same work scipy.ndimage.label does in the script.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LabelBenchmark {

  @Param({"6", "26"})
  public int connectivity;

  private Volume volume;
  private Connectivity conn;

  @Setup
  public void load() {
    try (VolumeReader r = Volumes.open(System.getProperty("ndio.bench.volume"))) {
      volume = r.readAll();
    }
    conn = Connectivity.of(connectivity);
  }

  @Benchmark
  public Components label() {
    return ConnectedComponents.label(volume, new Foreground.AtLeast(128), conn);
  }
}
