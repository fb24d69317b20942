package org.ndio.spark.source;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The rows of the {@code ndio} source: one per cuboid, its half-open box {@code [x0, x1) x [y0,
 * y1) x [z0, z1)}, its numpy data type name and its voxels (little-endian, C order z, y, x).
 */
public final class CuboidSchema {

  public static final String X0 = "x0";
  public static final String Y0 = "y0";
  public static final String Z0 = "z0";
  public static final String X1 = "x1";
  public static final String Y1 = "y1";
  public static final String Z1 = "z1";
  public static final String DTYPE = "dtype";
  public static final String DATA = "data";

  /** The coordinate columns, in schema order. */
  public static final List<String> COORDINATES = List.of(X0, Y0, Z0, X1, Y1, Z1);

  public static final StructType SCHEMA = new StructType(new StructField[] {
      DataTypes.createStructField(X0, DataTypes.LongType, false),
      DataTypes.createStructField(Y0, DataTypes.LongType, false),
      DataTypes.createStructField(Z0, DataTypes.LongType, false),
      DataTypes.createStructField(X1, DataTypes.LongType, false),
      DataTypes.createStructField(Y1, DataTypes.LongType, false),
      DataTypes.createStructField(Z1, DataTypes.LongType, false),
      DataTypes.createStructField(DTYPE, DataTypes.StringType, false),
      DataTypes.createStructField(DATA, DataTypes.BinaryType, false)});

  private CuboidSchema() {}
}
