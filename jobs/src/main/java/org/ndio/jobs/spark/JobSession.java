package org.ndio.jobs.spark;

import org.apache.spark.sql.SparkSession;
import org.ndio.remote.profile.ProfileLocation;
import org.ndio.remote.profile.RemoteTarget;
import org.ndio.spark.NdioKryoRegistrator;

/**
 * The Spark session of a command-line job: {@code local[*]} unless a master is given (under
 * spark-submit the submitted master wins), Kryo with ndio's registrator, no web UI port for
 * a local run, redaction of every property or variable named like a token, key or password, and
 * the CLI's profile file and TLS choice passed on to the executors.
 */
public final class JobSession {

  private JobSession() {}

  /**
   * Spark's default ({@code (?i)secret|password|token|access[.]?key}) widened to any key and
   * credential: the values of matching properties and environment variables (such as {@code
   * spark.executorEnv.NDIO_BOSS_TOKEN}) are hidden in the UI, the event log and the logs.
   */
  public static final String REDACTION = "(?i)secret|password|token|key|credential";

  public static SparkSession start(String app, String master) {
    SparkSession.Builder b = SparkSession.builder().appName("ndio " + app)
        .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
        .config("spark.kryo.registrator", NdioKryoRegistrator.class.getName());
    if (System.getProperty("spark.redaction.regex") == null) {
      b.config("spark.redaction.regex", REDACTION);
    }
    // The CLI's --profiles and --insecure reach executors of a cluster as their environment.
    String profiles = System.getProperty(ProfileLocation.PROPERTY);
    if (profiles != null) {
      b.config("spark.executorEnv." + ProfileLocation.VARIABLE, profiles);
    }
    if (Boolean.getBoolean(RemoteTarget.INSECURE_PROPERTY)) {
      b.config("spark.executorEnv." + RemoteTarget.INSECURE_VARIABLE, "true");
    }
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
