package org.ndio.jobs.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spark job ({@link SecretsJob}, local[2], in a JVM of its own with the event log on and
 * every log line at INFO and above written to a file) writes and reads a BOSS test server with
 * a known token, through retries, a refused token, a failing request without retries and a
 * token given as an option. Afterwards the event log (what Spark's history UI shows), the log
 * file and everything the job printed (exception messages, stack traces, plans, the {@code
 * toString} of profiles, options, remotes and writers, Spark's configuration) are searched for
 * the token: it must be nowhere.
 */
class SecretsTest {

  @TempDir
  Path dir;

  @Test
  void theTokenAppearsInNoEventLogLogMessageTraceOrToString() throws Exception {
    String token = "ndio-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    Path events = Files.createDirectories(dir.resolve("events"));
    Path log = dir.resolve("job.log");
    Path config = dir.resolve("log4j2.properties");
    Files.writeString(config, String.join("\n",
        "rootLogger.level = info",
        "rootLogger.appenderRef.file.ref = file",
        "appender.file.type = File",
        "appender.file.name = file",
        "appender.file.fileName = " + log,
        "appender.file.layout.type = PatternLayout",
        "appender.file.layout.pattern = %d %-5p %c: %m%n%throwable",
        ""));
    Path root = Path.of(System.getProperty("ndio.project.root", ".."));
    if (!Files.exists(root.resolve("conf/jvm.options"))) {
      root = Path.of("..");
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    try (Stream<String> lines = Files.lines(root.resolve("conf/jvm.options"))) {
      lines.map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(cmd::add);
    }
    cmd.addAll(List.of("-Dlog4j2.configurationFile=" + config,
        "-Dspark.eventLog.enabled=true", "-Dspark.eventLog.dir=" + events.toUri(),
        // One plain file on Spark 3.5 and 4 alike (Spark 4 rolls and compresses by default).
        "-Dspark.eventLog.rolling.enabled=false", "-Dspark.eventLog.compress=false",
        "-Dspark.ui.enabled=false", "-Dspark.driver.host=127.0.0.1",
        "-Dspark.driver.bindAddress=127.0.0.1", "-Dspark.sql.shuffle.partitions=4",
        "-cp", System.getProperty("surefire.test.class.path",
            System.getProperty("java.class.path")),
        SecretsJob.class.getName(), dir.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(dir.resolve("stdout.txt").toFile())
        .redirectError(dir.resolve("stderr.txt").toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("NDIO_"));
    env.put("NDIO_BOSS_TOKEN", token);
    Process p = pb.start();
    boolean ended = p.waitFor(6, TimeUnit.MINUTES);
    if (!ended) {
      p.destroyForcibly();
    }
    String out = read(dir.resolve("stdout.txt"));
    String err = read(dir.resolve("stderr.txt"));
    assertTrue(ended, "the job did not end in 6 minutes");
    assertEquals(0, p.exitValue(), "the job failed:\n" + out + "\n" + err);

    for (String mark : List.of("write", "read", "append", "faults", "wrong-token",
        "no-retries", "token-option", "api-wrong-token", "done")) {
      assertTrue(out.contains("MARK " + mark + "\n"), "no " + mark + " in\n" + out);
    }
    assertTrue(out.contains("AccessDeniedException"), out);
    assertTrue(out.contains("\tat org.ndio."), "stack traces were printed");
    assertTrue(out.contains("read plan: "), out);

    List<Path> eventLogs;
    try (Stream<Path> s = Files.list(events)) {
      eventLogs = s.toList();
    }
    assertEquals(1, eventLogs.size(), eventLogs.toString());
    String eventLog = read(eventLogs.get(0));
    assertTrue(eventLog.contains("SparkListenerEnvironmentUpdate"));
    assertTrue(eventLog.contains("\"spark.executorEnv.NDIO_BOSS_TOKEN\":\"*********(redacted)\""),
        "the executor's token variable is listed, redacted");
    assertTrue(eventLog.contains("SparkListenerTaskEnd"), "tasks ran");
    String logged = read(log);
    assertTrue(logged.contains("expected failure wrong-token"), "the log was captured");
    assertTrue(logged.contains("org.apache.spark"), "Spark's own log lines were captured");

    for (Map.Entry<String, String> e : Map.of("event log", eventLog, "log file", logged,
        "standard output", out, "standard error", err).entrySet()) {
      int at = e.getValue().indexOf(token);
      assertTrue(at < 0, () -> "the token is in the " + e.getKey() + ": ..."
          + e.getValue().substring(Math.max(0, at - 300), at) + "<TOKEN>...");
    }
    assertFalse(out.contains("NOT FAILED"), out);
    out.lines().filter(l -> l.startsWith("TIME ")).forEach(System.err::println);
  }

  /** A file's text; a directory's files in name order (Spark 4 writes rolling event logs). */
  private static String read(Path p) throws IOException {
    if (!Files.exists(p)) {
      return "";
    }
    if (!Files.isDirectory(p)) {
      return Files.readString(p, StandardCharsets.UTF_8);
    }
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(p)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        all.append(Files.readString(f, StandardCharsets.UTF_8));
      }
    }
    return all.toString();
  }
}
