package org.ndio.jobs.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child process of the test (a Spark daemon, a spark-submit run) with its output in a log
 * file. Killing it kills what it started too (a worker's executors), as losing a machine would.
 */
final class ChildJvm {

  final String name;
  final Path log;
  private final Process process;

  private ChildJvm(String name, Path log, Process process) {
    this.name = name;
    this.log = log;
    this.process = process;
  }

  static ChildJvm start(String name, List<String> command, Map<String, String> env, Path dir,
      Path log) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    pb.environment().putAll(env);
    try {
      return new ChildJvm(name, log, pb.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command, e);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  /** The exit status, or -1 if it is still running after the timeout (it is then killed). */
  int await(long timeout, TimeUnit unit) throws InterruptedException {
    if (!process.waitFor(timeout, unit)) {
      kill();
      return -1;
    }
    return process.exitValue();
  }

  /** Kills this process and all its descendants at once, and waits until they are gone. */
  void kill() {
    // Descendants first collected: once the parent is dead they are re-parented and lost.
    List<ProcessHandle> all = process.descendants().toList();
    process.destroyForcibly();
    all.forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(20, TimeUnit.SECONDS);
      for (ProcessHandle h : all) {
        h.onExit().get(20, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      // best effort: the JVMs were told to die; a straggler must not hide the test's result
    }
  }

  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  /** The last lines of the log, for failure messages. */
  String tail(int lines) {
    List<String> all = output().lines().toList();
    return "---- " + name + " (" + log + "), last " + lines + " lines ----\n"
        + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
