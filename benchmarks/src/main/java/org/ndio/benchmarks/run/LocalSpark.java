package org.ndio.benchmarks.run;

import org.apache.spark.sql.SparkSession;
import org.ndio.spark.NdioKryoRegistrator;

/** A local Spark session on loopback, configured as the CLI configures a local run. */
public final class LocalSpark {

  private LocalSpark() {}

  public static SparkSession start(int cores) {
    return SparkSession.builder().master("local[" + cores + "]").appName("ndio-bench")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
        .config("spark.kryo.registrator", NdioKryoRegistrator.class.getName())
        .getOrCreate();
  }
}
