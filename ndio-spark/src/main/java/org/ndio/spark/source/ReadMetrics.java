package org.ndio.spark.source;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomSumMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.ndio.store.ReadStats;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The source's metrics in the Spark UI (SQL tab, scan node): chunks and bytes fetched from the
 * store, and time spent fetching and decoding. Spark creates the driver-side classes by name,
 * so each is a public class with a no-argument constructor.
 */
public final class ReadMetrics {

  static final String CHUNKS = "chunksFetched";
  static final String BYTES = "bytesFetched";
  static final String VOXEL_BYTES = "voxelBytes";
  static final String VOXELS = "voxelsRead";
  static final String FETCH_MS = "fetchTimeMs";
  static final String DECODE_MS = "decodeTimeMs";
  public static final String RETRIES = "retries";

  /**
   * The labels of some metrics as Spark names their accumulators in task events, where a
   * listener (the command line's progress) reads them.
   */
  public static final String VOXELS_LABEL = "voxels read";
  public static final String VOXEL_BYTES_LABEL = "voxel bytes read";
  public static final String RETRIES_LABEL = "requests retried";

  private ReadMetrics() {}

  static CustomMetric[] all() {
    return new CustomMetric[] {new Chunks(), new Bytes(), new VoxelBytes(), new Voxels(),
        new FetchTime(), new DecodeTime(), new Retries()};
  }

  /**
   * The total of metric {@code name} over the ndio scans of {@code df}'s executed plan, after an
   * action ran that plan.
   */
  public static long total(Dataset<Row> df, String name) {
    long sum = 0;
    for (SparkPlan p : CollectionConverters.asJava(df.queryExecution().executedPlan()
        .collectLeaves())) {
      scala.Option<SQLMetric> m = p.metrics().get(name);
      if (m.isDefined()) {
        sum += m.get().value();
      }
    }
    return sum;
  }

  /** The task-side values: totals since the partition's reader opened. */
  static CustomTaskMetric[] values(ReadStats s, long voxelBytes, long voxels) {
    return new CustomTaskMetric[] {task(CHUNKS, s.chunks()), task(BYTES, s.storedBytes()),
        task(VOXEL_BYTES, voxelBytes), task(VOXELS, voxels), task(FETCH_MS, s.fetchNanos() / 1_000_000),
        task(DECODE_MS, s.decodeNanos() / 1_000_000), task(RETRIES, s.retries())};
  }

  private static CustomTaskMetric task(String name, long value) {
    return new CustomTaskMetric() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public long value() {
        return value;
      }
    };
  }

  /** Stored chunks fetched. */
  public static final class Chunks extends CustomSumMetric {
    @Override
    public String name() {
      return CHUNKS;
    }

    @Override
    public String description() {
      return "chunks fetched";
    }
  }

  /** Bytes fetched as stored (compressed). */
  public static final class Bytes extends CustomSumMetric {
    @Override
    public String name() {
      return BYTES;
    }

    @Override
    public String description() {
      return "bytes fetched (stored)";
    }
  }

  /** Bytes of voxels delivered in rows. */
  public static final class VoxelBytes extends CustomSumMetric {
    @Override
    public String name() {
      return VOXEL_BYTES;
    }

    @Override
    public String description() {
      return VOXEL_BYTES_LABEL;
    }
  }

  /** Voxels delivered in rows. */
  public static final class Voxels extends CustomSumMetric {
    @Override
    public String name() {
      return VOXELS;
    }

    @Override
    public String description() {
      return VOXELS_LABEL;
    }
  }

  /** Time waiting for storage. */
  public static final class FetchTime extends CustomSumMetric {
    @Override
    public String name() {
      return FETCH_MS;
    }

    @Override
    public String description() {
      return "fetch time (ms)";
    }
  }

  /** Time decompressing. */
  public static final class DecodeTime extends CustomSumMetric {
    @Override
    public String name() {
      return DECODE_MS;
    }

    @Override
    public String description() {
      return "decode time (ms)";
    }
  }

  /** Requests to a remote sent again after a failure. */
  public static final class Retries extends CustomSumMetric {
    @Override
    public String name() {
      return RETRIES;
    }

    @Override
    public String description() {
      return RETRIES_LABEL;
    }
  }
}
