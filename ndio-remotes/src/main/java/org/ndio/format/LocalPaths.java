package org.ndio.format;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.ndio.InvalidUrlException;
import org.ndio.UnsupportedFeatureException;
import org.ndio.VolumeNotFoundException;
import org.ndio.store.VolumeUrl;

/**
 * The local path a file or directory format URL names: a plain path or a {@code file:} URI.
 * The HDF5 and image formats hand paths to libraries that read local files, so other file
 * systems are refused with a message instead of being half-supported.
 */
public final class LocalPaths {

  private LocalPaths() {}

  /** The path of {@code url}'s location, which need not exist. */
  public static Path of(VolumeUrl url) {
    String loc = url.location();
    int colon = loc.indexOf(':');
    // Two or more characters before the colon, as in Storages: "C:\x" stays a path.
    if (colon >= 2 && loc.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
      if (!loc.regionMatches(true, 0, "file:", 0, 5)) {
        throw new UnsupportedFeatureException(
            url + ": " + url.scheme() + " volumes are read and written on the local file system"
                + " only; copy '" + loc + "' to a local path first");
      }
      try {
        return Path.of(new URI(loc)).toAbsolutePath().normalize();
      } catch (URISyntaxException | IllegalArgumentException e) {
        throw new InvalidUrlException(url + ": '" + loc + "' is not a valid file URI", e);
      }
    }
    try {
      return Path.of(loc).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new InvalidUrlException(url + ": '" + loc + "' is not a valid path", e);
    }
  }

  /** The path of {@code url}, which must exist (a file or a directory). */
  public static Path existing(VolumeUrl url) {
    Path p = of(url);
    if (!Files.exists(p)) {
      throw new VolumeNotFoundException(url + ": no such file or directory " + p);
    }
    return p;
  }
}
