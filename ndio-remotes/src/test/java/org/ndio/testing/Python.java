package org.ndio.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs Python scripts that use the independent reference implementations (numpy, h5py,
 * tifffile, zarr, blosc, nibabel, scipy, skimage from Debian's python3-* packages). Tests skip
 * with the reason where a module is missing, unless {@code NDIO_REQUIRE_PYTHON=1} (set by
 * {@code .ci/run}), which turns a missing module into a failure so CI never passes by skipping.
 */
public final class Python {

  private static final long TIMEOUT_SECONDS = 300;

  private Python() {}

  /** Debian's interpreter first: that is where the python3-* packages install. */
  public static String interpreter() {
    return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
  }

  /** Skips (or, in CI, fails) the calling test unless every named module imports. */
  public static void require(String... modules) {
    String script = "import importlib, sys\n"
        + "missing = [m for m in sys.argv[1:] if importlib.util.find_spec(m) is None]\n"
        + "print(' '.join(missing))\n";
    String missing;
    try {
      missing = exec(script, List.of(modules)).strip();
    } catch (RuntimeException e) {
      missing = String.join(" ", modules) + " (no python3: " + e.getMessage() + ")";
    }
    String reason = "python modules missing: " + missing
        + " (install Debian's python3-* packages, as .ci/run does)";
    if (!missing.isEmpty() && "1".equals(System.getenv("NDIO_REQUIRE_PYTHON"))) {
      fail(reason);
    }
    assumeTrue(missing.isEmpty(), reason);
  }

  /** Runs {@code script} with {@code args}; returns stdout, failing the test on a non-zero exit. */
  public static String run(String script, String... args) {
    return exec(script, List.of(args));
  }

  private static String exec(String script, List<String> args) {
    try {
      Path file = Files.createTempFile("ndio-test", ".py");
      try {
        Files.writeString(file, script);
        List<String> cmd = new ArrayList<>(List.of(interpreter(), file.toString()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p, true));
        String out = readAll(p, false);
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          fail("python script timed out after " + TIMEOUT_SECONDS + " s:\n" + script);
        }
        if (p.exitValue() != 0) {
          fail("python exited " + p.exitValue() + ":\n" + err.join() + "\nscript:\n" + script);
        }
        return out;
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String readAll(Process p, boolean stderr) {
    try {
      return new String((stderr ? p.getErrorStream() : p.getInputStream()).readAllBytes(),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
