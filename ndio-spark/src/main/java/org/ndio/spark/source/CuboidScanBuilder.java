package org.ndio.spark.source;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownFilters;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructType;
import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.ChunkGrid;
import org.ndio.volume.Size3;

/** Takes the columns and coordinate filters a query needs, then plans the scan. */
final class CuboidScanBuilder implements ScanBuilder, SupportsPushDownRequiredColumns,
    SupportsPushDownFilters {

  private final ReadOptions options;
  private StructType schema = CuboidSchema.SCHEMA;
  private Filter[] pushed = new Filter[0];

  CuboidScanBuilder(ReadOptions options) {
    this.options = options;
  }

  @Override
  public void pruneColumns(StructType required) {
    schema = required;
  }

  @Override
  public Filter[] pushFilters(Filter[] filters) {
    List<Filter> handled = new ArrayList<>();
    List<Filter> rest = new ArrayList<>();
    for (Filter f : filters) {
      (CuboidFilters.supported(f) ? handled : rest).add(f);
    }
    pushed = handled.toArray(new Filter[0]);
    return rest.toArray(new Filter[0]);
  }

  @Override
  public Filter[] pushedFilters() {
    return pushed.clone();
  }

  @Override
  public Scan build() {
    VolumeInfo info;
    try (VolumeReader r = Volumes.open(options.url())) {
      info = r.level(options.resolution()).info();
    }
    BoundingBox box = options.box().orElse(info.extent());
    info.extent().requireContains(box, options.url());
    ChunkGrid grid = new ChunkGrid(info.chunks());
    Size3 cuboid = grid.roundUp(options.cuboid().orElse(info.chunks()));
    int parallelism = SparkSession.active().sparkContext().defaultParallelism();
    return new CuboidScan(options, info, box, cuboid, schema, pushed, parallelism);
  }
}
