package org.ndio.spark.source;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SQLContext;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.BaseRelation;
import org.apache.spark.sql.sources.CreatableRelationProvider;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The {@code ndio} data source: {@code spark.read.format("ndio").option("url", URL).load()}
 * gives one row per cuboid; {@code df.write.format("ndio").option("url", URL).mode(m).save()}
 * writes such rows in parallel.
 *
 * <p>Reads use DataSource V2. Writes use the V1 {@link CreatableRelationProvider} interface
 * because Spark 3.5 and 4 send {@code errorifexists} and {@code ignore} saves of a catalog-less
 * V2 source to it (a V2 batch write would refuse those modes), and the default save mode is
 * {@code errorifexists}.
 */
public final class NdioDataSource implements TableProvider, DataSourceRegister,
    CreatableRelationProvider {

  @Override
  public String shortName() {
    return "ndio";
  }

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    return CuboidSchema.SCHEMA;
  }

  @Override
  public Table getTable(StructType schema, Transform[] partitioning,
      Map<String, String> properties) {
    String url = ReadOptions.get(properties, "url")
        .or(() -> ReadOptions.get(properties, "path")).orElse("(no url)");
    return new NdioTable(url);
  }

  @Override
  public BaseRelation createRelation(SQLContext sqlContext, SaveMode mode,
      scala.collection.immutable.Map<String, String> parameters, Dataset<Row> data) {
    CuboidWriteJob.run(data, mode, WriteOptions.parse(CollectionConverters.asJava(parameters)));
    return new BaseRelation() {
      @Override
      public SQLContext sqlContext() {
        return sqlContext;
      }

      @Override
      public StructType schema() {
        return CuboidSchema.SCHEMA;
      }
    };
  }
}
