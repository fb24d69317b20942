package org.ndio.store;

import java.util.List;
import java.util.stream.Collectors;
import org.ndio.InvalidUrlException;

/**
 * The entry point: opens or creates any volume by URL. {@code Volumes.open("zarr:/data/em")}
 * reads, {@code Volumes.create(url, spec, mode)} writes.
 */
public final class Volumes {

  private Volumes() {}

  public static VolumeReader open(String url) {
    return open(VolumeUrl.parse(url));
  }

  public static VolumeReader open(VolumeUrl url) {
    return format(url).open(url);
  }

  public static VolumeWriter create(String url, VolumeSpec spec, WriteMode mode) {
    VolumeUrl u = VolumeUrl.parse(url);
    return format(u).create(u, spec, mode);
  }

  /** The format or remote that handles the URL's scheme. */
  public static VolumeFormat format(VolumeUrl url) {
    for (VolumeFormat f : Formats.all()) {
      if (f.scheme().equals(url.scheme())) {
        return f;
      }
    }
    throw new InvalidUrlException(
        "unknown scheme '" + url.scheme() + ":' in '" + url + "' (known: "
            + schemes().stream().map(s -> s + ":").collect(Collectors.joining(", ")) + ")");
  }

  public static List<String> schemes() {
    return Formats.all().stream().map(VolumeFormat::scheme).toList();
  }
}
