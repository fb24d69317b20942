package org.ndio.spark;

import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.ndio.spark.source.CuboidSchema;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/**
 * The typed API beside the DataFrame: volumes as distributed collections of {@link Cuboid}s.
 *
 * <pre>{@code
 * JavaRDD<Cuboid> cuboids = Ndio.cuboids(spark, "zarr:/data/em", Map.of("cuboid", "256,256,32"));
 * Ndio.write(cuboids.map(c -> process(c)), "zarr:/data/out", SaveMode.ErrorIfExists, Map.of());
 * }</pre>
 */
public final class Ndio {

  private Ndio() {}

  /** The cuboid rows of a volume, as {@code spark.read.format("ndio")} gives them. */
  public static Dataset<Row> read(SparkSession spark, String url, Map<String, String> options) {
    return spark.read().format("ndio").options(options).option("url", url).load();
  }

  /** The cuboids of a volume, one per row of {@link #read}. */
  public static JavaRDD<Cuboid> cuboids(SparkSession spark, String url,
      Map<String, String> options) {
    return read(spark, url, options).javaRDD().map(Ndio::toCuboid);
  }

  /** The same cuboids as a typed Dataset (Java-serialised values). */
  public static Dataset<Cuboid> dataset(SparkSession spark, String url,
      Map<String, String> options) {
    return spark.createDataset(cuboids(spark, url, options).rdd(),
        Encoders.javaSerialization(Cuboid.class));
  }

  /**
   * Writes cuboids to a volume in parallel with the data source's semantics for {@code mode}
   * and its options ({@code chunks}, {@code compressor}, {@code shape}).
   */
  public static void write(JavaRDD<Cuboid> cuboids, String url, SaveMode mode,
      Map<String, String> options) {
    SparkSession spark = SparkSession.active();
    spark.createDataFrame(cuboids.map(Ndio::toRow), CuboidSchema.SCHEMA).write().format("ndio")
        .options(options).option("url", url).mode(mode).save();
  }

  /** A row of the source as a cuboid. */
  public static Cuboid toCuboid(Row r) {
    BoundingBox box = new BoundingBox(r.getLong(r.fieldIndex(CuboidSchema.X0)),
        r.getLong(r.fieldIndex(CuboidSchema.X1)), r.getLong(r.fieldIndex(CuboidSchema.Y0)),
        r.getLong(r.fieldIndex(CuboidSchema.Y1)), r.getLong(r.fieldIndex(CuboidSchema.Z0)),
        r.getLong(r.fieldIndex(CuboidSchema.Z1)));
    DataType dtype = DataType.fromName(r.getString(r.fieldIndex(CuboidSchema.DTYPE)));
    byte[] data = (byte[]) r.get(r.fieldIndex(CuboidSchema.DATA));
    return new Cuboid(box, Volume.wrap(dtype, (int) box.sizeX(), (int) box.sizeY(),
        (int) box.sizeZ(), data));
  }

  /** A cuboid as a row of the source's schema. */
  public static Row toRow(Cuboid c) {
    BoundingBox b = c.box();
    return RowFactory.create(b.x0(), b.y0(), b.z0(), b.x1(), b.y1(), b.z1(),
        c.volume().dtype().numpyName(), c.volume().array());
  }
}
