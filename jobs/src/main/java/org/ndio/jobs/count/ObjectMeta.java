package org.ndio.jobs.count;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * What a count knows of one object that its RAMON metadata carries: voxel count, centroid and
 * label. A class rather than a record because Spark's Kryo (version 4) cannot write records,
 * and these travel in a broadcast.
 */
final class ObjectMeta implements Serializable {

  private static final long serialVersionUID = 1L;

  private final long voxels;
  private final double centroidX;
  private final double centroidY;
  private final double centroidZ;
  private final long label;

  ObjectMeta(long voxels, double centroidX, double centroidY, double centroidZ, long label) {
    this.voxels = voxels;
    this.centroidX = centroidX;
    this.centroidY = centroidY;
    this.centroidZ = centroidZ;
    this.label = label;
  }

  /** The metadata of a row of {@link CellCount#SCHEMA}. */
  static ObjectMeta of(Row r) {
    return new ObjectMeta(r.getLong(r.fieldIndex("voxels")),
        r.getDouble(r.fieldIndex("centroid_x")), r.getDouble(r.fieldIndex("centroid_y")),
        r.getDouble(r.fieldIndex("centroid_z")), r.getLong(r.fieldIndex("label")));
  }

  /**
   * The key-value pairs: {@code voxels}, {@code centroid} as {@code x,y,z} (Java's shortest
   * exact decimal form of the table's doubles, so they read back to the same values) and
   * {@code label}.
   */
  Map<String, String> keyValues() {
    Map<String, String> kv = new LinkedHashMap<>();
    kv.put("voxels", Long.toString(voxels));
    kv.put("centroid", centroidX + "," + centroidY + "," + centroidZ);
    kv.put("label", Long.toUnsignedString(label));
    return kv;
  }

  long roundX() {
    return Math.round(centroidX);
  }

  long roundY() {
    return Math.round(centroidY);
  }

  long roundZ() {
    return Math.round(centroidZ);
  }
}
