package org.ndio.benchmarks.scale;

import org.apache.spark.sql.SparkSession;
import org.ndio.spark.NdioKryoRegistrator;

/** The Spark session of a scale run: as the CLI's local one, with executor metrics polled. */
final class ScaleSession {
  private ScaleSession() {}

  static SparkSession start(String master) {
    return SparkSession.builder().master(master).appName("ndio scale")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
        .config("spark.kryo.registrator", NdioKryoRegistrator.class.getName())
        // Heap peaks per task and per stage: polled, not only sampled at heartbeats.
        .config("spark.executor.metrics.pollingInterval", "250ms")
        .config("spark.executor.heartbeatInterval", "2s")
        .getOrCreate();
  }
}
