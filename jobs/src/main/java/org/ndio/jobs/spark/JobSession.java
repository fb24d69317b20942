package org.ndio.jobs.spark;

import org.apache.spark.sql.SparkSession;
import org.ndio.spark.NdioKryoRegistrator;

/**
 * The Spark session of a command-line job: {@code local[*]} unless a master is given (under
 * spark-submit the submitted master wins), Kryo with ndio's registrator, and no web UI port for
 * a local run.
 */
public final class JobSession {

  private JobSession() {}

  public static SparkSession start(String app, String master) {
    SparkSession.Builder b = SparkSession.builder().appName("ndio " + app)
        .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
        .config("spark.kryo.registrator", NdioKryoRegistrator.class.getName());
    if (master != null) {
      b.master(master);
    } else if (System.getProperty("spark.master") == null) {
      // Loopback for a local run: no host name lookup, no port open to the network.
      // A handful of shuffle partitions suits one machine better than Spark's 200.
      b.master("local[*]").config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "8")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1");
    }
    return b.getOrCreate();
  }
}
