package org.ndio.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.ndio.jobs.convert.Convert;
import org.ndio.jobs.convert.SparkConvert;
import org.ndio.jobs.downsample.Pyramid;
import org.ndio.storage.LocalStorage;
import org.ndio.spark.NdioKryoRegistrator;
import org.ndio.store.ParallelWrite;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeUrl;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.ChunkGrid;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * Whole-job measurements of the Spark source, run by {@code benchmarks/spark-source}:
 *
 * <ul>
 *   <li>{@code generate DIR X,Y,Z [em|labels]} writes an EM-like uint8 array (blosc lz4, which
 *       stores such noise nearly raw, so reading it is bound by memory bandwidth) or a uint64
 *       label array (blosc zstd, compressing about 50x, so reading it is bound by decoding),
 *       128x128x64 chunks, chunk by chunk, so any size fits in memory;
 *   <li>{@code read DIR} times reading every chunk file with plain Java I/O in one thread
 *       (the reference), the store's reader alone in one thread, then the source delivering
 *       all voxels in {@code local[1]} and {@code local[2]}, and prints MB/s and the ratios,
 *       also net of a query's fixed cost (the same scan's {@code count()}, which reads no
 *       voxels), which dominates on volumes of a few hundred MB;
 *   <li>{@code downsample SRC WORK} times, in {@code local[2]}, a plain Spark convert of SRC
 *       and a 4-level pyramid of it (factors 2,2,1; its level 0 is the same convert), and
 *       prints the rate at which the pyramid pass reads level 0 against the convert's;
 *   <li>{@code convert SRC DST} runs the Spark convert in {@code local[2]} with 128x128x64
 *       cuboids and prints the peak heap of the JVM, for comparing volume sizes.
 * </ul>
 */
public final class SparkSourceHarness {

  static final Size3 CHUNKS = new Size3(128, 128, 64);

  private SparkSourceHarness() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "generate" -> generate(Path.of(args[1]), Size3.parse(args[2]),
          args.length > 3 && args[3].equals("labels"));
      case "read" -> read(Path.of(args[1]), Integer.parseInt(args.length > 2 ? args[2] : "3"));
      case "convert" -> convert(Path.of(args[1]), Path.of(args[2]));
      case "downsample" -> downsample(Path.of(args[1]), Path.of(args[2]));
      default -> throw new IllegalArgumentException("generate | read | convert");
    }
  }

  static void generate(Path dir, Size3 shape, boolean labels) {
    VolumeUrl url = VolumeUrl.parse("zarr:" + dir);
    VolumeSpec spec = labels
        ? VolumeSpec.of(DataType.UINT64, shape).withCompressor("blosc:zstd:5:byte")
        : VolumeSpec.of(DataType.UINT8, shape).withCompressor("blosc:lz4:5:byte");
    ParallelWrite w = Volumes.format(url).beginParallel(url, spec.withChunks(CHUNKS),
        WriteMode.OVERWRITE);
    List<BoundingBox> chunks = new ChunkGrid(CHUNKS)
        .cuboids(BoundingBox.ofShape(shape.x(), shape.y(), shape.z()), CHUNKS);
    chunks.parallelStream().forEach(c -> {
      try (ParallelWrite.ChunkWriter out = w.writer()) {
        out.write(c.x0(), c.y0(), c.z0(), labels ? labelsLike(c) : emLike(c));
      }
    });
    w.commit();
    System.out.printf("generated %s: %s %s, %d chunks%n", url, shape,
        spec.dtype().numpyName(), chunks.size());
  }

  /** Smooth grey structure plus grain, seeded by position: compresses like real EM (barely). */
  static Volume emLike(BoundingBox b) {
    Volume v = Volume.allocate(DataType.UINT8, b);
    SplittableRandom r = new SplittableRandom(b.x0() * 31 + b.y0() * 17 + b.z0());
    byte[] a = v.array();
    int i = 0;
    for (long z = b.z0(); z < b.z1(); z++) {
      for (long y = b.y0(); y < b.y1(); y++) {
        for (long x = b.x0(); x < b.x1(); x++) {
          double s = 120 + 60 * Math.sin(x * 0.05 + z * 0.1) * Math.cos(y * 0.04);
          a[i++] = (byte) Math.max(0, Math.min(255, (int) s + r.nextInt(31) - 15));
        }
      }
    }
    return v;
  }

  /**
   * Cells of a 24-voxel grid with ragged walls, numbered by position: long runs of one id, as a
   * segmentation has.
   */
  static Volume labelsLike(BoundingBox b) {
    Volume v = Volume.allocate(DataType.UINT64, b);
    SplittableRandom r = new SplittableRandom(b.x0() * 31 + b.y0() * 17 + b.z0());
    for (long z = b.z0(); z < b.z1(); z++) {
      for (long y = b.y0(); y < b.y1(); y++) {
        int rag = r.nextInt(4);
        for (long x = b.x0(); x < b.x1(); x++) {
          long cx = (x + rag) / 24;
          long cy = (y + (z / 8) % 3) / 24;
          long cz = z / 8;
          v.setLong((int) (x - b.x0()), (int) (y - b.y0()), (int) (z - b.z0()),
              1 + cx + 1000 * cy + 1_000_000 * cz);
        }
      }
    }
    return v;
  }

  static void read(Path dir, int repeats) throws IOException {
    long voxels = voxelBytes(dir);
    double plain = best(repeats, () -> {
      try (Stream<Path> files = Files.list(dir)) {
        long n = 0;
        for (Path f : files.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
          n += Files.readAllBytes(f).length;
        }
        return n;
      }
    });
    long stored = storedBytes(dir);
    System.out.printf("volume %s: %.1f MB of voxels, %.1f MB stored%n", dir, voxels / 1e6,
        stored / 1e6);
    System.out.printf("plain Java I/O, one thread: %.0f MB/s stored (%.0f MB/s of voxels)%n",
        stored / plain / 1e6, voxels / plain / 1e6);
    String url = "zarr:" + dir;
    double alone = best(repeats, () -> readAlone(url));
    System.out.printf("the store alone (no Spark), one thread: %.0f MB/s of voxels%n",
        voxels / alone / 1e6);
    double[] spark = new double[3];
    double[] fixed = new double[3];
    for (int cores : new int[] {1, 2}) {
      SparkSession s = session("local[" + cores + "]");
      // What a query costs before it reads a voxel (planning, code generation, scheduling):
      // the same scan counting its rows, which opens no chunk.
      fixed[cores] = best(repeats, () -> s.read().format("ndio").option("url", url).load()
          .count());
      double t = best(repeats, () -> s.read().format("ndio").option("url", url).load()
          .selectExpr("sum(length(data))").first().getLong(0));
      spark[cores] = t;
      System.out.printf("ndio source, local[%d]: %.0f MB/s of voxels (%.0f MB/s stored);"
          + " %.3f s a query, of which %.3f s without voxels (count()): %s MB/s net of it%n",
          cores, voxels / t / 1e6, stored / t / 1e6, t, fixed[cores],
          net("%.0f", voxels / 1e6, t, fixed[cores]));
      s.stop();
    }
    System.out.printf("ratio local[2] / plain Java I/O (same bytes): %.2f (net of the fixed"
        + " cost: %s)%n", plain / spark[2], net("%.2f", plain, spark[2], fixed[2]));
    System.out.printf("speed-up local[2] / local[1]: %.2f (net of the fixed cost: %s)%n",
        spark[1] / spark[2], net("%.2f", spark[1] - fixed[1], spark[2], fixed[2]));
  }

  /**
   * {@code amount / (t - fixed)} in {@code format}, or "-" where the fixed part is most of
   * {@code t}: on a busy machine the two best times can come from differently disturbed runs.
   */
  private static String net(String format, double amount, double t, double fixed) {
    double rest = t - fixed;
    return rest < 0.1 * t || amount < 0 ? "-" : String.format(format, amount / rest);
  }

  /** Every chunk through the store's reader in one thread: the source's work without Spark. */
  private static long readAlone(String url) {
    long n = 0;
    try (var r = Volumes.open(url)) {
      var info = r.info();
      for (BoundingBox c : new ChunkGrid(info.chunks()).cuboids(info.extent(), info.chunks())) {
        n += r.read(c).array().length;
      }
    }
    return n;
  }

  static void convert(Path src, Path dst) {
    SparkSession s = session("local[2]");
    long start = System.nanoTime();
    Convert.Result r = SparkConvert.run(s, "zarr:" + src, "zarr:" + dst, new Convert.Options(
        Optional.empty(), Optional.of(CHUNKS), Optional.of("blosc:lz4:5:byte"),
        WriteMode.OVERWRITE));
    double seconds = (System.nanoTime() - start) / 1e9;
    s.stop();
    long peak = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        peak += p.getPeakUsage().getUsed();
      }
    }
    System.out.printf("convert %s: %.1f MB of voxels in %.1f s, peak heap %.0f MB (max %.0f MB)%n",
        src, r.voxels() / 1e6, seconds, peak / 1e6,
        Runtime.getRuntime().maxMemory() / 1e6);
  }

  static void downsample(Path src, Path work) throws IOException {
    SparkSession s = session("local[2]");
    long voxels = voxelBytes(src);
    String source = "zarr:" + src;
    double convert = Double.MAX_VALUE;
    double pyramid = Double.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      LocalStorage.deleteTree(work);
      long t = System.nanoTime();
      SparkConvert.run(s, source, "zarr:" + work.resolve("copy"), Convert.Options.defaults());
      convert = Math.min(convert, (System.nanoTime() - t) / 1e9);
      t = System.nanoTime();
      Pyramid.run(s, source, Pyramid.Options.of(4).withFactor(new Size3(2, 2, 1))
          .withOut("zarr:" + work.resolve("pyramid")));
      pyramid = Math.min(pyramid, (System.nanoTime() - t) / 1e9);
    }
    double levels = pyramid - convert; // the pyramid's level 0 is the same copy
    System.out.printf("plain convert: %.2f s, %.0f MB/s of level 0%n", convert,
        voxels / convert / 1e6);
    System.out.printf("pyramid of 4 levels (2,2,1): %.2f s in all, %.2f s beyond its copy of"
        + " level 0: level 0 read at %.0f MB/s, %.2f of the convert's rate%n", pyramid, levels,
        voxels / levels / 1e6, convert / levels);
    LocalStorage.deleteTree(work);
    s.stop();
  }

  static SparkSession session(String master) {
    return SparkSession.builder().master(master).appName("ndio-bench")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
        .config("spark.kryo.registrator", NdioKryoRegistrator.class.getName())
        .getOrCreate();
  }

  private static long voxelBytes(Path dir) {
    try (var r = Volumes.open("zarr:" + dir)) {
      return r.info().extent().voxels() * r.info().dtype().bytes();
    }
  }

  private static long storedBytes(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      AtomicLong n = new AtomicLong();
      files.filter(p -> !p.getFileName().toString().startsWith(".")).forEach(p -> {
        try {
          n.addAndGet(Files.size(p));
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      return n.get();
    }
  }

  interface Run {
    long run() throws IOException;
  }

  /** Best wall time in seconds over a warm-up and {@code repeats} runs. */
  static double best(int repeats, Run run) throws IOException {
    run.run();
    double best = Double.MAX_VALUE;
    for (int i = 0; i < repeats; i++) {
      long t = System.nanoTime();
      run.run();
      best = Math.min(best, (System.nanoTime() - t) / 1e9);
    }
    return best;
  }
}
