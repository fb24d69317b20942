package org.ndio.jobs.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.sql.SparkSession;
import org.ndio.NdioException;
import org.ndio.remote.profile.ProfileLocation;
import org.ndio.remote.profile.RemoteTarget;
import org.ndio.spark.NdioKryoRegistrator;

/**
 * The Spark session of a command-line job. Launched by spark-submit (which hands its master
 * and configuration over as {@code spark.*} system properties) the job keeps all of that and
 * only adds what is missing: Kryo with ndio's registrator and a readable application name.
 * Launched by {@code ./ndio}, it runs {@code local[*]} on loopback with no web UI, or on the
 * master given with {@code --master}. Either way the values of properties and variables named
 * like a token, key or password are redacted, and the CLI's profile file and TLS choice are
 * passed on to the executors.
 */
public final class JobSession {

  /** The name spark-submit gives an application that was not named with --name. */
  private static final String UNNAMED = "org.ndio.jobs.cli.Ndio";

  private static final String KRYO = "org.apache.spark.serializer.KryoSerializer";

  private JobSession() {}

  /**
   * Spark's default ({@code (?i)secret|password|token|access[.]?key}) widened to any key and
   * credential: the values of matching properties and environment variables (such as {@code
   * spark.executorEnv.NDIO_BOSS_TOKEN}) are hidden in the UI, the event log and the logs.
   */
  public static final String REDACTION = "(?i)secret|password|token|key|credential";

  public static SparkSession start(String app, String master) {
    SparkSession.Builder b = SparkSession.builder();
    settings(app, master, System.getProperties()).forEach(b::config);
    return b.getOrCreate();
  }

  /**
   * The settings the job adds to those it was launched with.
   *
   * @param launched the system properties, where spark-submit leaves its configuration
   * @throws NdioException if {@code --master} names another master than spark-submit's
   */
  static Map<String, String> settings(String app, String master, Properties launched) {
    Map<String, String> s = new LinkedHashMap<>();
    String name = launched.getProperty("spark.app.name");
    if (name == null || name.equals(UNNAMED)) {
      s.put("spark.app.name", "ndio " + app);
    }
    String submitted = launched.getProperty("spark.master");
    if (submitted != null) {
      // The executors spark-submit asked for are on that master: another one cannot be used.
      if (master != null && !master.equals(submitted)) {
        throw new NdioException("--master " + master + " differs from the master spark-submit"
            + " was given (" + submitted + "); give the master to spark-submit only");
      }
    } else if (master != null) {
      s.put("spark.master", master);
    } else {
      // Loopback for a local run: no host name lookup, no port open to the network.
      // A handful of shuffle partitions suits one machine better than Spark's 200.
      s.put("spark.master", "local[*]");
      s.put("spark.ui.enabled", "false");
      s.put("spark.sql.shuffle.partitions", "8");
      s.put("spark.driver.host", "127.0.0.1");
      s.put("spark.driver.bindAddress", "127.0.0.1");
    }
    if (launched.getProperty("spark.redaction.regex") == null) {
      s.put("spark.redaction.regex", REDACTION);
    }
    // The CLI's --profiles and --insecure reach executors of a cluster as their environment.
    String profiles = launched.getProperty(ProfileLocation.PROPERTY);
    if (profiles != null) {
      s.put("spark.executorEnv." + ProfileLocation.VARIABLE, profiles);
    }
    if (Boolean.parseBoolean(launched.getProperty(RemoteTarget.INSECURE_PROPERTY))) {
      s.put("spark.executorEnv." + RemoteTarget.INSECURE_VARIABLE, "true");
    }
    String serializer = launched.getProperty("spark.serializer");
    if (serializer == null) {
      s.put("spark.serializer", KRYO);
    }
    if (serializer == null || serializer.equals(KRYO)) {
      // Kryo takes a list of registrators: the submitter's own stay in place.
      String ours = NdioKryoRegistrator.class.getName();
      String theirs = launched.getProperty("spark.kryo.registrator", "").trim();
      if (theirs.isEmpty()) {
        s.put("spark.kryo.registrator", ours);
      } else if (!theirs.contains(ours)) {
        s.put("spark.kryo.registrator", theirs + "," + ours);
      }
    }
    return s;
  }
}
