package org.ndio.spark.source;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.ndio.store.ReadStats;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Volume;

/**
 * Reads one partition's cuboids on an executor. The store is opened on first use, and only if
 * the query wants voxels: a count or a query on coordinates alone touches no data.
 */
final class CuboidReader implements PartitionReader<InternalRow> {

  private final CuboidPartition partition;
  private final StructType schema;
  private final UTF8String dtype;
  private VolumeReader store;
  private VolumeReader level;
  private int next;
  private InternalRow row;
  private long voxelBytes;
  private long voxels;
  private TaskThread thread;

  CuboidReader(CuboidPartition partition, StructType schema, String dtype) {
    this.partition = partition;
    this.schema = schema;
    this.dtype = UTF8String.fromString(dtype);
  }

  @Override
  public boolean next() {
    if (next >= partition.cuboids().size()) {
      return false;
    }
    BoundingBox box = partition.cuboids().get(next++);
    Object[] values = new Object[schema.size()];
    StructField[] fields = schema.fields();
    for (int i = 0; i < fields.length; i++) {
      values[i] = switch (fields[i].name()) {
        case CuboidSchema.X0 -> box.x0();
        case CuboidSchema.Y0 -> box.y0();
        case CuboidSchema.Z0 -> box.z0();
        case CuboidSchema.X1 -> box.x1();
        case CuboidSchema.Y1 -> box.y1();
        case CuboidSchema.Z1 -> box.z1();
        case CuboidSchema.DTYPE -> dtype;
        case CuboidSchema.DATA -> voxels(box);
        default -> throw new IllegalStateException("unknown column " + fields[i].name());
      };
    }
    row = new GenericInternalRow(values);
    return true;
  }

  private byte[] voxels(BoundingBox box) {
    if (store == null) {
      store = Volumes.open(partition.url());
      level = store.level(partition.level());
      thread = new TaskThread();
    }
    VolumeReader from = level;
    Volume v = thread.call(() -> from.read(box));
    byte[] bytes = v.array();
    voxelBytes += bytes.length;
    voxels += v.voxels();
    return bytes;
  }

  @Override
  public InternalRow get() {
    return row;
  }

  @Override
  public CustomTaskMetric[] currentMetricsValues() {
    return ReadMetrics.values(level == null ? ReadStats.NONE : level.stats(), voxelBytes,
        voxels);
  }

  @Override
  public void close() {
    if (thread != null) {
      thread.close();
    }
    if (store != null) {
      store.close();
    }
  }
}
