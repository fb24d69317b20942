package org.ndio.spark.ramon;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ndio.InvalidUrlException;
import org.ndio.RamonException;
import org.ndio.ramon.RamonObject;
import org.ndio.remote.RamonQuery;
import org.ndio.remote.RamonRead;
import org.ndio.remote.RamonRemote;
import org.ndio.remote.Remote;
import org.ndio.remote.neurodata.NeuroDataRemote;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;

/**
 * RAMON objects of a remote as a Dataset with one row per object ({@link RamonRows#SCHEMA}),
 * read in parallel: the ids are cut into batches of the remote's
 * {@link RamonRemote#batchSize()}, the batches spread over partitions, and each task opens its
 * own remote from the URL. Only the URL travels with the tasks; a token comes from the
 * environment or a remote profile wherever the remote is opened, so it is never part of the
 * plan.
 *
 * <pre>{@code
 * Dataset<Row> mito = RamonDatasets.query(spark, "neurodata+http://host/proj/anno",
 *     RamonQuery.ALL.withType(RamonType.ORGANELLE), RamonRead.voxels(0));
 * }</pre>
 */
public final class RamonDatasets {

  private RamonDatasets() {}

  /** The objects {@code ids}, in that order, read as {@code how} says. */
  public static Dataset<Row> read(SparkSession spark, String url, long[] ids, RamonRead how) {
    int batch;
    try (Remote remote = open(url)) {
      batch = remote.ramon().batchSize();
    }
    return rows(spark, url, ids, how, batch);
  }

  /**
   * The same with at most {@code batch} ids per request and per task's unit of work (NeuroData
   * takes any batch size; the other remotes fetch one object at a time whatever the batch).
   */
  public static Dataset<Row> read(SparkSession spark, String url, long[] ids, RamonRead how,
      int batch) {
    if (batch < 1) {
      throw new RamonException("RAMON batch size must be 1 or more, got " + batch);
    }
    try (Remote remote = open(url)) {
      remote.ramon(); // the URL is checked here rather than in every task
    }
    return rows(spark, url, ids, how, batch);
  }

  /** The objects {@code query} selects (listed once, on the driver), ascending by id. */
  public static Dataset<Row> query(SparkSession spark, String url, RamonQuery query,
      RamonRead how) {
    long[] ids;
    int batch;
    try (Remote remote = open(url)) {
      RamonRemote ramon = remote.ramon();
      ids = ramon.queryRamon(query);
      batch = ramon.batchSize();
    }
    return rows(spark, url, ids, how, batch);
  }

  /** The remote at {@code url}; a typed error if the URL names a file format. */
  public static Remote open(String url) {
    VolumeReader r = Volumes.open(url);
    if (r instanceof Remote remote) {
      return remote;
    }
    r.close();
    throw new InvalidUrlException(url + ": RAMON objects live on remotes; expected a"
        + " neurodata:, boss: or dvid: URL");
  }

  private static Dataset<Row> rows(SparkSession spark, String url, long[] ids, RamonRead how,
      int batch) {
    List<long[]> batches = new ArrayList<>();
    for (int i = 0; i < ids.length; i += batch) {
      batches.add(Arrays.copyOfRange(ids, i, Math.min(ids.length, i + batch)));
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int slices = Math.max(1, Math.min(batches.size(), 2 * jsc.defaultParallelism()));
    // RamonRead holds an Optional, which is not serialisable: its parts travel instead.
    RamonRead.Kind kind = how.kind();
    int level = how.resolution();
    long[] box = how.box().map(b -> new long[] {b.x0(), b.x1(), b.y0(), b.y1(), b.z0(), b.z1()})
        .orElse(null);
    JavaRDD<Row> rows = jsc.parallelize(batches, slices)
        .mapPartitions(it -> fetch(url, it, ReadParts.how(kind, level, box), batch));
    return spark.createDataFrame(rows, RamonRows.SCHEMA);
  }

  private static Iterator<Row> fetch(String url, Iterator<long[]> batches, RamonRead how,
      int batch) {
    List<Row> out = new ArrayList<>();
    if (!batches.hasNext()) {
      return out.iterator();
    }
    try (Remote remote = open(url)) {
      RamonRemote ramon = remote instanceof NeuroDataRemote n ? n.ramon(batch) : remote.ramon();
      while (batches.hasNext()) {
        for (RamonObject o : ramon.getRamon(batches.next(), how)) {
          out.add(RamonRows.of(o));
        }
      }
    }
    return out.iterator();
  }
}
