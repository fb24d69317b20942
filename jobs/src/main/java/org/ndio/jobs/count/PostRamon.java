package org.ndio.jobs.count;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ndio.DataTypeException;
import org.ndio.NdioException;
import org.ndio.RamonException;
import org.ndio.UnsupportedFeatureException;
import org.ndio.ramon.Cutout;
import org.ndio.ramon.Generic;
import org.ndio.ramon.Organelle;
import org.ndio.ramon.OrganelleClass;
import org.ndio.ramon.Point3;
import org.ndio.ramon.RamonCommon;
import org.ndio.ramon.RamonObject;
import org.ndio.ramon.RamonType;
import org.ndio.ramon.RamonVoxels;
import org.ndio.ramon.Segment;
import org.ndio.ramon.SegmentClass;
import org.ndio.ramon.Status;
import org.ndio.remote.PostMode;
import org.ndio.remote.RamonRemote;
import org.ndio.remote.Remote;
import org.ndio.remote.neurodata.NeuroDataRemote;
import org.ndio.spark.Cuboid;
import org.ndio.spark.Ndio;
import org.ndio.spark.ramon.RamonDatasets;
import org.ndio.spark.source.NdioErrors;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/**
 * Posts the objects a count found to a remote as RAMON objects, in parallel. Ids are reserved
 * once on the driver (object {@code i} of the table gets {@code first + i - 1}); then the
 * metadata of every object is posted in batches from the executors, and then each cuboid of
 * the count's label volume adds each of its objects' voxels there (a cutout of the piece's box)
 * by updates. Every step is idempotent: ids are explicit, a metadata batch already stored is
 * updated instead, and an update that adds voxels again changes nothing, so Spark may retry any
 * task.
 */
public final class PostRamon {

  /** The author of the posted objects. */
  public static final String AUTHOR = "ndio count";

  /** Where and what to post: the remote, the type, and an organelle's class. */
  public record Request(String url, RamonType type, OrganelleClass organelleClass,
      int resolution) implements Serializable {

    public Request {
      if (type != RamonType.ORGANELLE && type != RamonType.SEGMENT
          && type != RamonType.GENERIC) {
        throw new RamonException("counted objects are posted as organelle, segment or generic"
            + " RAMON objects, not " + type.serverName());
      }
    }
  }

  /** How many objects were posted, and their ids {@code first..first+count-1}. */
  public record Posted(long count, long first) {
    public long last() {
      return first + count - 1;
    }
  }

  private PostRamon() {}

  /**
   * Refuses, before anything is counted, a remote that cannot take the objects: not a remote,
   * missing, not an annotation channel (NeuroData) or not of an integer label type, or not
   * holding the counted {@code box}.
   */
  public static Request check(Request r, BoundingBox box) {
    try (Remote remote = RamonDatasets.open(r.url())) {
      if (remote instanceof NeuroDataRemote nd && !nd.channelInfo().isAnnotation()) {
        throw new UnsupportedFeatureException(r.url() + ": not an annotation channel; RAMON"
            + " objects are posted to annotation channels");
      }
      DataType dtype = remote.info().dtype();
      if (dtype != DataType.UINT32 && dtype != DataType.UINT64) {
        throw new DataTypeException(r.url() + ": holds " + dtype.numpyName() + " voxels; RAMON"
            + " objects are posted to uint32 or uint64 label channels");
      }
      if (r.resolution() >= remote.levelCount()) {
        throw new NdioException(r.url() + ": has no resolution level " + r.resolution());
      }
      remote.level(r.resolution()).info().extent().requireContains(box, r.url());
    }
    return r;
  }

  /**
   * Posts the objects of {@code table} (rows of {@link CellCount#SCHEMA}) with the voxels of
   * the label volume {@code labels} (ids as in the table, its corner at {@code box}'s corner).
   */
  public static Posted run(SparkSession spark, Dataset<Row> table, String labels,
      BoundingBox box, Request r) {
    try {
      return post(spark, table, labels, box, r);
    } catch (Exception e) { // Spark throws its checked SparkException from Scala
      throw NdioErrors.unwrap(e);
    }
  }

  private static Posted post(SparkSession spark, Dataset<Row> table, String labels,
      BoundingBox box, Request r) {
    Map<Long, ObjectMeta> metas = new HashMap<>();
    for (Row row : table.select("id", "voxels", "centroid_x", "centroid_y", "centroid_z",
        "label").collectAsList()) {
      metas.put(row.getLong(0), ObjectMeta.of(row));
    }
    long n = metas.size();
    if (n == 0) {
      return new Posted(0, 0);
    }
    long first;
    try (Remote remote = RamonDatasets.open(r.url())) {
      Remote.IdRange ids = remote.ramon().reserveIds(n);
      if (ids.count() < n) {
        throw new RamonException(r.url() + ": reserved " + ids.count() + " ids, " + n
            + " were asked for");
      }
      first = ids.first();
    }
    store(spark, metas, labels, box, r, first);
    return new Posted(n, first);
  }

  /**
   * Stores the objects with ids from {@code first}: a rerun with the same ids (a retried task,
   * or a whole second run) leaves the same objects, never duplicates.
   */
  static void store(SparkSession spark, Map<Long, ObjectMeta> metas, String labels,
      BoundingBox box, Request r, long first) {
    long n = metas.size();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<Map<Long, ObjectMeta>> meta = jsc.broadcast(metas);
    List<Long> countIds = new ArrayList<>(metas.keySet());
    countIds.sort(null);
    int slices = (int) Math.max(1, Math.min(n / 64 + 1, 2L * jsc.defaultParallelism()));
    long base = first;
    jsc.parallelize(countIds, slices).foreachPartition(it -> {
      try (Remote remote = RamonDatasets.open(r.url())) {
        RamonRemote ramon = remote.ramon();
        List<RamonObject> batch = new ArrayList<>();
        while (it.hasNext()) {
          long id = it.next();
          batch.add(object(r, base + id - 1, meta.value().get(id), Optional.empty()));
          if (batch.size() == ramon.batchSize() || !it.hasNext()) {
            createOrUpdate(ramon, batch);
            batch.clear();
          }
        }
      }
    });
    Ndio.cuboids(spark, labels, Map.of()).foreachPartition(it -> {
      try (Remote remote = RamonDatasets.open(r.url())) {
        RamonRemote ramon = remote.ramon();
        Map<Long, RamonObject> batch = new LinkedHashMap<>();
        while (it.hasNext()) {
          for (Map.Entry<Long, Cutout> p : pieces(it.next(), box).entrySet()) {
            long id = base + p.getKey() - 1;
            if (batch.size() == ramon.batchSize() || batch.containsKey(id)) {
              ramon.updateRamon(new ArrayList<>(batch.values()), PostMode.OVERWRITE);
              batch.clear();
            }
            batch.put(id, object(r, id, meta.value().get(p.getKey()), Optional.of(p.getValue())));
          }
        }
        if (!batch.isEmpty()) {
          ramon.updateRamon(new ArrayList<>(batch.values()), PostMode.OVERWRITE);
        }
      }
    });
    meta.destroy();
  }

  /**
   * Creates the objects; a batch a failed attempt of this task already stored is refused as a
   * duplicate, and is then written again as an update (the same metadata, so the same result).
   * A batch partly stored (a server that stores batches in part) goes one object at a time.
   */
  private static void createOrUpdate(RamonRemote ramon, List<RamonObject> batch) {
    try {
      ramon.postRamon(batch, PostMode.OVERWRITE);
    } catch (RamonException refused) {
      try {
        ramon.updateRamon(batch, PostMode.OVERWRITE);
      } catch (RamonException e) {
        if (batch.size() == 1) {
          refused.addSuppressed(e);
          throw refused;
        }
        for (RamonObject o : batch) {
          createOrUpdate(ramon, List.of(o));
        }
      }
    }
  }

  /**
   * Each object's piece in a cuboid of the label volume: a uint8 cutout (1 = the object's) of
   * the piece's box, in the remote's coordinates (the label volume's origin at the count box's
   * corner).
   */
  static Map<Long, Cutout> pieces(Cuboid c, BoundingBox box) {
    Volume v = c.volume();
    Map<Long, long[]> extent = new LinkedHashMap<>();
    for (int z = 0; z < v.sizeZ(); z++) {
      for (int y = 0; y < v.sizeY(); y++) {
        for (int x = 0; x < v.sizeX(); x++) {
          long id = v.getLong(x, y, z);
          if (id != 0) {
            long[] b = extent.computeIfAbsent(id, k -> new long[] {Long.MAX_VALUE,
                Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE});
            b[0] = Math.min(b[0], x);
            b[1] = Math.max(b[1], x + 1);
            b[2] = Math.min(b[2], y);
            b[3] = Math.max(b[3], y + 1);
            b[4] = Math.min(b[4], z);
            b[5] = Math.max(b[5], z + 1);
          }
        }
      }
    }
    long dx = box.x0() + c.box().x0();
    long dy = box.y0() + c.box().y0();
    long dz = box.z0() + c.box().z0();
    Map<Long, Cutout> out = new LinkedHashMap<>();
    for (Map.Entry<Long, long[]> e : extent.entrySet()) {
      long[] b = e.getValue();
      Volume mask = Volume.allocate(DataType.UINT8, b[1] - b[0], b[3] - b[2], b[5] - b[4]);
      for (int z = (int) b[4]; z < b[5]; z++) {
        for (int y = (int) b[2]; y < b[3]; y++) {
          for (int x = (int) b[0]; x < b[1]; x++) {
            if (v.getLong(x, y, z) == e.getKey()) {
              mask.setLong(x - (int) b[0], y - (int) b[2], z - (int) b[4], 1);
            }
          }
        }
      }
      out.put(e.getKey(), new Cutout(new BoundingBox(dx + b[0], dx + b[1], dy + b[2],
          dy + b[3], dz + b[4], dz + b[5], box.resolution()), mask));
    }
    return out;
  }

  /** The RAMON object of a counted object. */
  static RamonObject object(Request r, long id, ObjectMeta m, Optional<RamonVoxels> voxels) {
    RamonCommon common = new RamonCommon(id, Status.UNPROCESSED, 0, AUTHOR, m.keyValues());
    return switch (r.type()) {
      case ORGANELLE -> new Organelle(common, r.organelleClass(), 0, 0, List.of(),
          Optional.of(new Point3(m.roundX(), m.roundY(), m.roundZ())), voxels);
      case SEGMENT -> new Segment(common, SegmentClass.UNKNOWN, 0, 0, List.of(), List.of(),
          voxels);
      default -> new Generic(common, voxels);
    };
  }

  /** An organelle class by name ({@code mitochondria}, {@code vesicle}, ...), in any case. */
  public static OrganelleClass organelleClass(String name) {
    for (OrganelleClass c : OrganelleClass.values()) {
      if (c.name().equalsIgnoreCase(name.strip().replace('-', '_'))) {
        return c;
      }
    }
    throw new RamonException("--organelle-class " + name + ": expected one of "
        + java.util.Arrays.stream(OrganelleClass.values())
            .map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
  }

  /** {@code organelle}, {@code segment} or {@code generic}, in any case. */
  public static RamonType type(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return switch (n) {
      case "organelle" -> RamonType.ORGANELLE;
      case "segment" -> RamonType.SEGMENT;
      case "generic", "annotation" -> RamonType.GENERIC;
      default -> throw new RamonException("--ramon-type " + name + ": expected organelle,"
          + " segment or generic");
    };
  }
}
