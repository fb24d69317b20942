package org.ndio.spark;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import com.holdenkarau.spark.testing.SparkSessionProvider;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One Spark session in {@code local[2]} for all tests of a JVM, handed to test methods and
 * constructors that ask for a {@link SparkSession}, and installed as spark-testing-base's
 * shared session so its comparison helpers ({@link #compare()}) run on it. spark-testing-base's
 * own set-up (its JUnit 4 {@code runBefore}) is built for Spark 3.3 and fails on 3.5 with a
 * NoSuchMethodError, hence this extension.
 */
public final class SparkExtension implements ParameterResolver {

  private static SparkSession session;

  /** The shared session, started on first use with ndio's Kryo registrator. */
  public static synchronized SparkSession spark() {
    if (session == null) {
      session = SparkSession.builder()
          .master("local[2]")
          .appName("ndio-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
          .config("spark.kryo.registrator", NdioKryoRegistrator.class.getName())
          .config("spark.driver.host", "127.0.0.1")
          .getOrCreate();
      SparkSessionProvider._sparkSession_$eq(session);
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
    }
    return session;
  }

  /** spark-testing-base's DataFrame comparisons, on the shared session. */
  public static JavaDataFrameSuiteBase compare() {
    spark();
    return new JavaDataFrameSuiteBase();
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    return p.getParameter().getType() == SparkSession.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    return spark();
  }
}
