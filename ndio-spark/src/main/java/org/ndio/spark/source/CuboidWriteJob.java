package org.ndio.spark.source;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.ndio.BoxOutOfBoundsException;
import org.ndio.DataTypeException;
import org.ndio.NdioException;
import org.ndio.VolumeExistsException;
import org.ndio.store.ParallelWrite;
import org.ndio.store.VolumeFormat;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeUrl;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * Writes a DataFrame of cuboid rows into a volume in parallel. The driver first sizes the
 * target from the rows' coordinates alone (which the ndio source answers without fetching a
 * voxel), begins a {@link ParallelWrite}, lets every task write its rows' chunks, and commits
 * only when all tasks succeeded: a new or overwritten volume appears whole or not at all, and a
 * retried or speculative task rewrites the same chunks atomically, never a partial one.
 */
final class CuboidWriteJob {

  private CuboidWriteJob() {}

  static void run(Dataset<Row> data, SaveMode saveMode, WriteOptions options) {
    List<String> missing = new ArrayList<>();
    for (String c : CuboidSchema.SCHEMA.fieldNames()) {
      if (!List.of(data.schema().fieldNames()).contains(c)) {
        missing.add(c);
      }
    }
    if (!missing.isEmpty()) {
      throw new NdioException("rows to write lack the column(s) " + missing + "; ndio writes"
          + " rows of x0, y0, z0, x1, y1, z1, dtype, data as the ndio source reads them");
    }
    VolumeUrl url = VolumeUrl.parse(options.url());
    VolumeFormat format = Volumes.format(url);
    boolean exists = format.exists(url);
    WriteMode mode;
    switch (saveMode) {
      case ErrorIfExists -> {
        if (exists) {
          throw new VolumeExistsException(url + " already exists (use mode overwrite or append)");
        }
        mode = WriteMode.ERROR_IF_EXISTS;
      }
      case Ignore -> {
        if (exists) {
          return;
        }
        mode = WriteMode.ERROR_IF_EXISTS;
      }
      case Overwrite -> mode = WriteMode.OVERWRITE;
      case Append -> mode = WriteMode.CREATE_OR_APPEND;
      default -> throw new NdioException("unknown save mode " + saveMode);
    }

    Row extent = data.agg(min("x0"), min("y0"), min("z0"), max("x1"), max("y1"), max("z1"),
        max(col("x1").minus(col("x0"))), max(col("y1").minus(col("y0"))),
        max(col("z1").minus(col("z0"))), min("dtype"), max("dtype"), count(lit(1))).first();
    if (extent.getLong(11) == 0) {
      if (mode == WriteMode.APPEND) {
        return;
      }
      throw new NdioException("no rows to write to " + url);
    }
    if (!extent.getString(9).equals(extent.getString(10))) {
      throw new DataTypeException("rows to write mix data types " + extent.getString(9) + " and "
          + extent.getString(10) + "; a volume holds one");
    }
    if (extent.getLong(0) < 0 || extent.getLong(1) < 0 || extent.getLong(2) < 0) {
      throw new BoxOutOfBoundsException("rows start at (" + extent.getLong(0) + ", "
          + extent.getLong(1) + ", " + extent.getLong(2) + "), before the volume's origin");
    }
    DataType dtype = DataType.fromName(extent.getString(9));
    Size3 shape = options.shape().orElse(
        new Size3(extent.getLong(3), extent.getLong(4), extent.getLong(5)));
    Size3 chunks = options.chunks().orElse(
        new Size3(extent.getLong(6), extent.getLong(7), extent.getLong(8)));
    VolumeSpec spec = VolumeSpec.of(dtype, shape).withChunks(chunks)
        .withCompressor(options.compressor().orElse(null));

    ParallelWrite write = format.beginParallel(url, spec, mode);
    try {
      data.select("x0", "y0", "z0", "x1", "y1", "z1", "dtype", "data").javaRDD()
          .foreachPartition(rows -> writePartition(write, dtype, rows));
      write.commit();
    } catch (Exception e) { // Spark throws its checked SparkException from Scala
      write.abort();
      throw NdioErrors.unwrap(e);
    }
  }

  private static void writePartition(ParallelWrite write, DataType dtype, Iterator<Row> rows) {
    try (ParallelWrite.ChunkWriter writer = TaskChunkWriter.open(write)) {
      while (rows.hasNext()) {
        Row r = rows.next();
        long x0 = r.getLong(0);
        long y0 = r.getLong(1);
        long z0 = r.getLong(2);
        long sx = r.getLong(3) - x0;
        long sy = r.getLong(4) - y0;
        long sz = r.getLong(5) - z0;
        if (!dtype.numpyName().equals(r.getString(6))) {
          throw new DataTypeException("row at " + x0 + "," + y0 + "," + z0 + " holds "
              + r.getString(6) + ", the volume " + dtype.numpyName());
        }
        byte[] bytes = (byte[]) r.get(7);
        if (sx <= 0 || sy <= 0 || sz <= 0 || bytes.length != Volume.byteSize(dtype, sx, sy, sz)) {
          throw new NdioException("row at " + x0 + "," + y0 + "," + z0 + " of size " + sx + "x"
              + sy + "x" + sz + " " + dtype.numpyName() + " carries " + bytes.length
              + " bytes of data");
        }
        writer.write(x0, y0, z0, Volume.wrap(dtype, (int) sx, (int) sy, (int) sz, bytes));
      }
    }
  }
}
