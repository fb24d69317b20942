package org.ndio.spark.source;

import java.util.Map;
import java.util.Optional;
import org.ndio.InvalidUrlException;
import org.ndio.volume.Size3;

/**
 * The options of a write: {@code url} (or the path given to {@code save}), and for a new
 * volume {@code chunks} ({@code X,Y,Z}; default the largest row's size, so rows and chunks
 * line up), {@code compressor} (the format's default if absent) and {@code shape} ({@code
 * X,Y,Z}; default the far corner of the rows); for remotes {@code profiles}, the profile file.
 */
public record WriteOptions(String url, Optional<Size3> chunks, Optional<String> compressor,
    Optional<Size3> shape) {

  public static WriteOptions parse(Map<String, String> options) {
    String url = ReadOptions.get(options, "url").or(() -> ReadOptions.get(options, "path"))
        .orElseThrow(() -> new InvalidUrlException("the ndio source needs a target URL:"
            + " .option(\"url\", \"zarr:/data/out\") or .save(\"zarr:/data/out\")"));
    url = ReadOptions.remoteUrl(url, options);
    return new WriteOptions(url, ReadOptions.get(options, "chunks").map(Size3::parse),
        ReadOptions.get(options, "compressor"),
        ReadOptions.get(options, "shape").map(Size3::parse));
  }
}
