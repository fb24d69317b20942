package org.ndio.benchmarks.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON-lines results file: each figure is appended as soon as it is measured, so a run
 * stopped half-way still leaves every figure it got (the report marks the missing ones).
 */
public final class Results {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;

  public Results(Path file) {
    this.file = file;
  }

  /**
   * One measurement: {@code area} (codec, labelling, ...), {@code volume} (sstem, 1x, ...),
   * {@code impl} (ours-kernel, ours-local[2], ...), {@code op} (label6, mesh, ...), the best
   * time in seconds, what it processed, and any extra fields.
   */
  public void add(String area, String volume, String impl, String op, double seconds,
      long voxels, long bytes, Map<String, Object> extra) {
    Map<String, Object> row = head(area, volume, impl, op);
    row.put("seconds", seconds);
    row.put("voxels", voxels);
    row.put("bytes", bytes);
    row.putAll(extra);
    write(row);
    System.out.printf("%-12s %-7s %-16s %-12s %8.3f s  %8.1f MB/s%n", area, volume, impl, op,
        seconds, bytes / 1e6 / seconds);
  }

  /** A run that did not finish, with the first line of why. */
  public void failed(String area, String volume, String impl, String op, long voxels,
      String why, long maxHeap) {
    Map<String, Object> row = head(area, volume, impl, op);
    row.put("voxels", voxels);
    row.put("error", why.lines().findFirst().orElse(why));
    row.put("max_heap", maxHeap);
    write(row);
    System.out.printf("%-12s %-7s %-16s %-12s failed: %s%n", area, volume, impl, op,
        row.get("error"));
  }

  /** What every row starts with: which figure it is. */
  private static Map<String, Object> head(String area, String volume, String impl, String op) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("area", area);
    row.put("volume", volume);
    row.put("impl", impl);
    row.put("op", op);
    return row;
  }

  private void write(Map<String, Object> row) {
    try {
      Files.writeString(file, JSON.writeValueAsString(row) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
