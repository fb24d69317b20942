package org.ndio.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds {@code ../shared} beside the project root; tests that need it skip where it is absent. */
public final class SharedData {

  private SharedData() {}

  /** The project root: set by Maven, else the nearest parent of the working directory with a README. */
  public static Path projectRoot() {
    String prop = System.getProperty("ndio.project.root");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !(Files.exists(p.resolve("README.md")) && Files.isDirectory(p.resolve("ndio-remotes")))) {
      p = p.getParent();
    }
    return p == null ? Path.of("").toAbsolutePath() : p;
  }

  /** {@code ../shared/data/drosophila-vnc/stack1}, or the test is skipped with the reason. */
  public static Path drosophilaStack() {
    Path stack = projectRoot().resolveSibling("shared").resolve("data/drosophila-vnc/stack1");
    assumeTrue(Files.isDirectory(stack.resolve("raw")),
        "skipped: the shared ssTEM stack is not at " + stack
            + " (it lies beside the project in CI; see README, 'Test data')");
    return stack;
  }
}
