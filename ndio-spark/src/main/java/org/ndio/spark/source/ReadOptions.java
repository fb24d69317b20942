package org.ndio.spark.source;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ndio.InvalidUrlException;
import org.ndio.NdioException;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Size3;

/**
 * The options of a read: {@code url} (or the path given to {@code load}), {@code box} ({@code
 * x0:x1,y0:y1,z0:z1}, default the whole volume), {@code resolution} (default 0), {@code
 * cuboid} ({@code X,Y,Z}, rounded up to whole chunks; default one chunk) and {@code
 * maxPartitionBytes} (voxel bytes per Spark partition, default 128 MiB, as Spark's file
 * sources) and {@code anchor}: {@code chunks} (default) lays the cuboid grid on the store's
 * chunks, so no chunk is fetched twice; {@code box} lays it from the box's corner, so cuboids
 * line up with the chunks of a copy whose origin is that corner.
 */
public record ReadOptions(String url, Optional<BoundingBox> box, int resolution,
    Optional<Size3> cuboid, long maxPartitionBytes, boolean anchorAtBox)
    {

  public static final long DEFAULT_MAX_PARTITION_BYTES = 128L << 20;

  /** Reads options from a case-insensitive map as Spark hands them over. */
  public static ReadOptions parse(Map<String, String> options) {
    String url = get(options, "url").or(() -> get(options, "path")).orElseThrow(() ->
        new InvalidUrlException("the ndio source needs a volume URL: .option(\"url\", \"zarr:/data/em\")"
            + " or .load(\"zarr:/data/em\")"));
    int resolution = get(options, "resolution").map(ReadOptions::level).orElse(0);
    return new ReadOptions(url,
        get(options, "box").map(b -> BoundingBox.parse(b).atResolution(resolution)),
        resolution,
        get(options, "cuboid").map(Size3::parse),
        get(options, "maxPartitionBytes").map(ReadOptions::bytes)
            .orElse(DEFAULT_MAX_PARTITION_BYTES),
        get(options, "anchor").map(ReadOptions::anchorAtBox).orElse(false));
  }

  static Optional<String> get(Map<String, String> options, String key) {
    for (Map.Entry<String, String> e : options.entrySet()) {
      if (e.getKey().equalsIgnoreCase(key) && e.getValue() != null && !e.getValue().isBlank()) {
        return Optional.of(e.getValue().trim());
      }
    }
    return Optional.empty();
  }

  private static int level(String value) {
    try {
      int v = Integer.parseInt(value);
      if (v >= 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new NdioException("option resolution must be a level 0, 1, 2, ..., got '" + value + "'");
  }

  private static boolean anchorAtBox(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "chunks" -> false;
      case "box" -> true;
      default -> throw new NdioException("option anchor must be chunks or box, got '" + value
          + "'");
    };
  }

  private static long bytes(String value) {
    try {
      long v = Long.parseLong(value);
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new NdioException(
        "option maxPartitionBytes must be a positive number of bytes, got '" + value + "'");
  }
}
