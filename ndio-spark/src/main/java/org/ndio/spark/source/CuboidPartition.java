package org.ndio.spark.source;

import java.util.List;
import org.apache.spark.sql.connector.read.InputPartition;
import org.ndio.volume.BoundingBox;

/**
 * The cuboids one Spark task reads, in order, at resolution level {@code level}; small, so
 * planning a huge volume stays cheap.
 */
record CuboidPartition(String url, int level, List<BoundingBox> cuboids)
    implements InputPartition {}
