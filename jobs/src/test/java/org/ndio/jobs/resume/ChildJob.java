package org.ndio.jobs.resume;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code ndio ...} in a child JVM with a small heap, as a user runs it, so a test can kill the
 * driver outright (no shutdown hooks, no finally blocks) the way a crash or {@code kill -9}
 * does.
 */
final class ChildJob {

  private final Path log;
  private final Process process;

  private ChildJob(Path log, Process process) {
    this.log = log;
    this.process = process;
  }

  static ChildJob start(Path workDir, String name, List<String> jvmProps, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.add("-XX:TieredStopAtLevel=1"); // starts faster; these jobs are small
    cmd.addAll(jvmOptions());
    cmd.addAll(jvmProps);
    cmd.add("-Dlog4j2.configurationFile=" + root().resolve("conf/log4j2.properties"));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("org.ndio.jobs.cli.Ndio");
    cmd.addAll(args);
    Path log = workDir.resolve(name + ".log");
    try {
      Process p = new ProcessBuilder(cmd).directory(workDir.toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      return new ChildJob(log, p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path root() {
    String r = System.getProperty("ndio.project.root");
    return r != null ? Path.of(r) : Path.of("..").toAbsolutePath().normalize();
  }

  /** The JVM options ./ndio passes (the opens Spark needs on Java 17). */
  private static List<String> jvmOptions() {
    try (Stream<String> lines = Files.lines(root().resolve("conf/jvm.options"))) {
      return lines.map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** Waits for the job to end by itself; its exit status. */
  int await(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("job still running after " + seconds + " s; log:\n" + output());
    }
    return process.exitValue();
  }

  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
