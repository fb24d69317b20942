package org.ndio.spark.source;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ndio.InvalidUrlException;
import org.ndio.NdioException;
import org.ndio.remote.profile.RemoteTarget;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Size3;

/**
 * The options of a read: {@code url} (or the path given to {@code load}), {@code box} ({@code
 * x0:x1,y0:y1,z0:z1}, default the whole volume), {@code resolution} (default 0), {@code
 * cuboid} ({@code X,Y,Z}, rounded up to whole chunks; default one chunk) and {@code
 * maxPartitionBytes} (voxel bytes per Spark partition, default 128 MiB, as Spark's file
 * sources) and {@code anchor}: {@code chunks} (default) lays the cuboid grid on the store's
 * chunks, so no chunk is fetched twice; {@code box} lays it from the box's corner, so cuboids
 * line up with the chunks of a copy whose origin is that corner. For remotes, {@code profiles}
 * names the profile file (see {@code conf/ndio.yaml}) that driver and executors read.
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
    url = remoteUrl(url, options);
    int resolution = get(options, "resolution").map(ReadOptions::level).orElse(0);
    return new ReadOptions(url,
        get(options, "box").map(b -> BoundingBox.parse(b).atResolution(resolution)),
        resolution,
        get(options, "cuboid").map(Size3::parse),
        get(options, "maxPartitionBytes").map(ReadOptions::bytes)
            .orElse(DEFAULT_MAX_PARTITION_BYTES),
        get(options, "anchor").map(ReadOptions::anchorAtBox).orElse(false));
  }

  /**
   * {@code url} with the {@code profiles} option (the remote profile file) in its query, so that
   * executors, which open remotes by URL, resolve the same profile. Tokens are never options:
   * they come from a profile or the environment where the remote is opened.
   */
  static String remoteUrl(String url, Map<String, String> options) {
    for (String key : options.keySet()) {
      if (key.equalsIgnoreCase("token") || key.equalsIgnoreCase("key")
          || key.equalsIgnoreCase("password")) {
        throw new NdioException("the ndio source takes no '" + key + "' option: tokens come"
            + " from the environment (NDIO_BOSS_TOKEN, ...) or a remote profile (conf/ndio.yaml)");
      }
    }
    Optional<String> profiles = get(options, "profiles");
    return profiles.isPresent() && RemoteTarget.isRemote(url)
        ? RemoteTarget.withProfiles(url, profiles.get()) : url;
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
