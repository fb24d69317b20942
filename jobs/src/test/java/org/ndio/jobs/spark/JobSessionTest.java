package org.ndio.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.ndio.NdioException;

/** What a job adds to the configuration it was launched with. */
class JobSessionTest {

  private static Properties submitted(String... keyValues) {
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  @Test
  void aWorkstationRunIsLocalOnLoopback() {
    Map<String, String> s = JobSession.settings("count", null, new Properties());
    assertEquals("local[*]", s.get("spark.master"));
    assertEquals("127.0.0.1", s.get("spark.driver.bindAddress"));
    assertEquals("false", s.get("spark.ui.enabled"));
    assertEquals("ndio count", s.get("spark.app.name"));
    assertEquals("org.ndio.spark.NdioKryoRegistrator", s.get("spark.kryo.registrator"));
  }

  @Test
  void masterOptionIsUsedOutsideSparkSubmit() {
    Map<String, String> s = JobSession.settings("count", "spark://h:7077", new Properties());
    assertEquals("spark://h:7077", s.get("spark.master"));
    assertFalse(s.containsKey("spark.driver.host"), "a cluster driver must be reachable");
  }

  @Test
  void spark_submitsMasterAndSettingsAreKept() {
    Properties p = submitted("spark.master", "spark://h:7077", "spark.app.name",
        "org.ndio.jobs.cli.Ndio", "spark.sql.shuffle.partitions", "400");
    Map<String, String> s = JobSession.settings("convert", null, p);
    assertFalse(s.containsKey("spark.master"));
    assertFalse(s.containsKey("spark.sql.shuffle.partitions"));
    assertFalse(s.containsKey("spark.ui.enabled"));
    assertFalse(s.containsKey("spark.driver.host"));
    assertEquals("ndio convert", s.get("spark.app.name"));
    // The same master twice is no conflict.
    assertFalse(JobSession.settings("convert", "spark://h:7077", p).containsKey("spark.master"));
  }

  @Test
  void anotherMasterThanSpark_submitsIsAnError() {
    Properties p = submitted("spark.master", "yarn");
    NdioException e = assertThrows(NdioException.class,
        () -> JobSession.settings("count", "local[2]", p));
    assertTrue(e.getMessage().contains("local[2]") && e.getMessage().contains("yarn"),
        e.getMessage());
  }

  @Test
  void submittersNameSerializerAndRegistratorsStay() {
    Properties p = submitted("spark.master", "yarn", "spark.app.name", "nightly",
        "spark.serializer", "org.apache.spark.serializer.KryoSerializer",
        "spark.kryo.registrator", "com.example.Reg");
    Map<String, String> s = JobSession.settings("count", null, p);
    assertFalse(s.containsKey("spark.app.name"));
    assertFalse(s.containsKey("spark.serializer"));
    assertEquals("com.example.Reg,org.ndio.spark.NdioKryoRegistrator",
        s.get("spark.kryo.registrator"));
    Properties java = submitted("spark.master", "yarn",
        "spark.serializer", "org.apache.spark.serializer.JavaSerializer");
    assertEquals(Map.of("spark.app.name", "ndio count", "spark.redaction.regex",
        JobSession.REDACTION), JobSession.settings("count", null, java));
  }

  @Test
  void credentialsAreRedactedUnlessTheSubmitterSaysHow() {
    assertEquals(JobSession.REDACTION,
        JobSession.settings("count", null, new Properties()).get("spark.redaction.regex"));
    Properties own = submitted("spark.master", "yarn", "spark.redaction.regex", "(?i)pass");
    assertFalse(JobSession.settings("count", null, own).containsKey("spark.redaction.regex"));
  }
}
