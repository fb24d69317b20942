package org.ndio.spark.source;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructType;
import org.ndio.store.VolumeInfo;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.ChunkGrid;
import org.ndio.volume.Size3;

/**
 * The planned read: the cuboids of the box on the store's chunk grid that pass the pushed
 * filters, grouped into partitions of at most the split size in voxel bytes.
 */
final class CuboidScan implements Scan, Batch {

  /** Partitions per core to aim for, where they stay at least {@link #MIN_SPLIT_BYTES}. */
  static final int TASKS_PER_CORE = 4;
  /** The smallest partition split for balance alone (a core's share may still be smaller). */
  static final long MIN_SPLIT_BYTES = 16L << 20;

  private final ReadOptions options;
  private final VolumeInfo info;
  private final BoundingBox box;
  private final Size3 cuboid;
  private final StructType schema;
  private final Filter[] filters;
  private final int parallelism;

  CuboidScan(ReadOptions options, VolumeInfo info, BoundingBox box, Size3 cuboid,
      StructType schema, Filter[] filters, int parallelism) {
    this.options = options;
    this.info = info;
    this.box = box;
    this.cuboid = cuboid;
    this.schema = schema;
    this.filters = filters;
    this.parallelism = parallelism;
  }

  @Override
  public StructType readSchema() {
    return schema;
  }

  @Override
  public String description() {
    return "ndio " + options.url() + " box " + box + " cuboid " + cuboid
        + (filters.length == 0 ? "" : " filters " + Arrays.toString(filters));
  }

  @Override
  public Batch toBatch() {
    return this;
  }

  @Override
  public InputPartition[] planInputPartitions() {
    List<BoundingBox> cuboids = new ArrayList<>();
    ChunkGrid grid = new ChunkGrid(info.chunks());
    for (BoundingBox c : options.anchorAtBox() ? grid.cuboidsFromCorner(box, cuboid)
        : grid.cuboids(box, cuboid)) {
      if (Arrays.stream(filters).allMatch(f -> CuboidFilters.test(f, c))) {
        cuboids.add(c);
      }
    }
    long bytesPerVoxel = info.dtype().bytes();
    long total = cuboids.stream().mapToLong(c -> c.voxels() * bytesPerVoxel).sum();
    long split = splitBytes(total, options.maxPartitionBytes(), parallelism);
    List<InputPartition> partitions = new ArrayList<>();
    List<BoundingBox> current = new ArrayList<>();
    long bytes = 0;
    for (BoundingBox c : cuboids) {
      long b = c.voxels() * bytesPerVoxel;
      if (!current.isEmpty() && bytes + b > split) {
        partitions.add(new CuboidPartition(options.url(), options.resolution(),
            List.copyOf(current)));
        current.clear();
        bytes = 0;
      }
      current.add(c);
      bytes += b;
    }
    if (!current.isEmpty()) {
      partitions.add(new CuboidPartition(options.url(), options.resolution(),
            List.copyOf(current)));
    }
    return partitions.toArray(new InputPartition[0]);
  }

  /**
   * Bytes per partition: at most {@code max}; small enough that every core gets work (total /
   * parallelism, as Spark's file sources split); and, where partitions stay at least
   * {@link #MIN_SPLIT_BYTES}, down to {@link #TASKS_PER_CORE} per core. One partition per core
   * made a job as slow as its slowest core: on a shared machine, or with chunks that decode at
   * different speeds, one core sat idle while the other finished; several smaller tasks let
   * the scheduler even that out, and the floor keeps the per-task cost (a store opened, a
   * task launched) small against the bytes read.
   */
  static long splitBytes(long total, long max, int parallelism) {
    long p = Math.max(1, parallelism);
    long perCore = (total + p - 1) / p;
    long balanced = Math.max((total + p * TASKS_PER_CORE - 1) / (p * TASKS_PER_CORE),
        Math.min(MIN_SPLIT_BYTES, perCore));
    return Math.max(1, Math.min(max, balanced));
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    return new CuboidReaderFactory(schema, info.dtype().numpyName());
  }

  @Override
  public CustomMetric[] supportedCustomMetrics() {
    return ReadMetrics.all();
  }
}
