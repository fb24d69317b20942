package org.ndio.benchmarks.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CPUs this process may run on, as Linux reports them, to show whether a run was pinned. */
final class CpuAffinity {

  private CpuAffinity() {}

  /** Linux's {@code Cpus_allowed_list} (e.g. "0" or "0-1"), or "unknown" elsewhere. */
  static String allowed() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Cpus_allowed_list:")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | SecurityException e) {
      // not Linux, or not readable: the row says so
    }
    return "unknown";
  }
}
