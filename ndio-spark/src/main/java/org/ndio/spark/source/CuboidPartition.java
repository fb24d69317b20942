package org.ndio.spark.source;

import java.util.List;
import org.apache.spark.sql.connector.read.InputPartition;
import org.ndio.volume.BoundingBox;

/** The cuboids one Spark task reads, in order; small, so planning a huge volume stays cheap. */
record CuboidPartition(String url, List<BoundingBox> cuboids) implements InputPartition {}
