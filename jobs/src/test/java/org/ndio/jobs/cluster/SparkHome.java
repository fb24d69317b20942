package org.ndio.jobs.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Spark installation laid out as a distribution is ({@code RELEASE}, {@code jars/},
 * {@code bin/spark-submit}), made of the jars this build runs Spark with: the provided scope,
 * which is what spark-submit's class path gives an application. Daemons and drivers started
 * from it see none of the test's class path, only these jars and the application jar.
 */
final class SparkHome {

  /**
   * Stands in for a distribution's bin/spark-submit: Spark's launcher library builds the
   * driver's command (class path, memory, Java options from the properties file) as
   * bin/spark-class has it do; its output is its messages, NUL, newline, then the command's
   * words, each ended by NUL.
   */
  private static final String SPARK_SUBMIT = """
      #!/usr/bin/env bash
      set -euo pipefail
      out=()
      while IFS= read -r -d '' a; do out+=("$a"); done < <("$JAVA_HOME/bin/java" -Xmx128m \\
        -cp "$SPARK_HOME/jars/*" org.apache.spark.launcher.Main \\
        org.apache.spark.deploy.SparkSubmit "$@")
      [ ${#out[@]} -ge 2 ] || { echo "spark-submit: the launcher failed" >&2; exit 1; }
      [ -z "${out[0]}" ] || printf '%s\\n' "${out[0]}" >&2
      cmd=("${out[@]:1}")
      cmd[0]="${cmd[0]#$'\\n'}"
      exec "${cmd[@]}"
      """;

  final Path dir;

  private SparkHome(Path dir) {
    this.dir = dir;
  }

  /** Lays out a Spark home in {@code dir} from the class path file the build wrote. */
  static SparkHome create(Path dir, Path classpathFile) throws IOException {
    Path jars = Files.createDirectories(dir.resolve("jars"));
    Set<String> names = new HashSet<>();
    for (String entry : Files.readString(classpathFile, StandardCharsets.UTF_8).trim()
        .split(java.io.File.pathSeparator)) {
      Path jar = Path.of(entry);
      String name = jar.getFileName().toString();
      // Two jars of one name (different groups) must both be there.
      String unique = names.add(name) ? name : names.size() + "-" + name;
      Files.createSymbolicLink(jars.resolve(unique), jar);
    }
    // The launcher takes a directory with RELEASE for a distribution, its jars in jars/.
    Files.writeString(dir.resolve("RELEASE"), "Spark 3.5 laid out by StandaloneClusterIT\n");
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path submit = bin.resolve("spark-submit");
    Files.writeString(submit, SPARK_SUBMIT);
    Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
    return new SparkHome(dir);
  }

  /** Removes the links to the jars (the jars themselves stay where they are). */
  void unlinkJars() throws IOException {
    try (var links = Files.list(dir.resolve("jars"))) {
      for (Path link : links.toList()) {
        Files.delete(link);
      }
    }
  }

  /**
   * The environment every process of the cluster runs in: this Spark home, all addresses on
   * loopback (no host name lookups, nothing open to the network).
   */
  Map<String, String> env() {
    return Map.of("SPARK_HOME", dir.toString(),
        // bin/load-spark-env.sh sets this for a distribution; the launcher insists on it.
        "SPARK_SCALA_VERSION", "2.13",
        "JAVA_HOME", System.getProperty("java.home"),
        "SPARK_LOCAL_IP", "127.0.0.1",
        "SPARK_LOCAL_HOSTNAME", "127.0.0.1",
        "SPARK_CONF_DIR", dir.resolve("conf").toString());
  }

  /** {@code java} running a Spark class from this home, as bin/spark-class would. */
  List<String> java(String heap, List<String> jvmOptions, String mainClass, String... args) {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap));
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", dir.resolve("jars") + "/*", mainClass));
    cmd.addAll(List.of(args));
    return cmd;
  }
}
