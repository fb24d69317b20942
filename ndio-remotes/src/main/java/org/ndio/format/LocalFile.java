package org.ndio.format;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.ndio.InvalidUrlException;
import org.ndio.NdioException;
import org.ndio.UnsupportedFeatureException;
import org.ndio.VolumeNotFoundException;
import org.ndio.store.VolumeUrl;

/**
 * The local file or directory a format URL names: a plain path or a {@code file:} URI. Formats
 * other than Zarr seek with {@link java.nio.channels.FileChannel} or hand paths to libraries
 * that read local files, so other file systems are refused with a clear message instead of
 * being half-supported.
 */
public final class LocalFile {

  private LocalFile() {}

  /** The path of {@code url}'s location, which need not exist. */
  public static Path path(VolumeUrl url) {
    String loc = url.location();
    int colon = loc.indexOf(':');
    // Two or more letters before the colon, as in Storages: "C:\x" stays a path.
    if (colon >= 2 && loc.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
      if (!loc.regionMatches(true, 0, "file:", 0, 5)) {
        throw new UnsupportedFeatureException(
            url + ": " + url.scheme() + " files are read and written on the local file system"
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

  /** The path of {@code url}, which must be an existing regular file. */
  public static Path existing(VolumeUrl url) {
    Path p = path(url);
    if (!Files.exists(p)) {
      throw new VolumeNotFoundException(url + ": no such file " + p.toAbsolutePath());
    }
    if (!Files.isRegularFile(p)) {
      throw new VolumeNotFoundException(url + ": " + p.toAbsolutePath() + " is not a file");
    }
    return p;
  }

  /** The path of {@code url}, which must exist (a file or a directory). */
  public static Path existingFileOrDirectory(VolumeUrl url) {
    Path p = path(url);
    if (!Files.exists(p)) {
      throw new VolumeNotFoundException(url + ": no such file or directory " + p);
    }
    return p;
  }

  /** The size of an existing file, as an ndio error if it cannot be read. */
  public static long size(Path p, VolumeUrl url) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new NdioException(url + ": cannot read " + p + ": " + e.getMessage(), e);
    }
  }
}
