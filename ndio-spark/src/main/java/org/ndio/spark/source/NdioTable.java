package org.ndio.spark.source;

import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * A volume seen as a table of cuboids. It reads through DataSource V2; writes take Spark's V1
 * path (see {@link NdioDataSource}), the one that honours every save mode for a source without
 * a catalog.
 */
final class NdioTable implements SupportsRead {

  private final String url;

  NdioTable(String url) {
    this.url = url;
  }

  @Override
  public String name() {
    return "ndio " + url;
  }

  @Override
  public StructType schema() {
    return CuboidSchema.SCHEMA;
  }

  @Override
  public Set<TableCapability> capabilities() {
    return Set.of(TableCapability.BATCH_READ);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
    return new CuboidScanBuilder(ReadOptions.parse(options));
  }
}
