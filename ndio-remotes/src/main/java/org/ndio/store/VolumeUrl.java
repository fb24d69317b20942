package org.ndio.store;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ndio.InvalidUrlException;

/**
 * A parsed volume URL {@code scheme:location[#fragment]}, e.g. {@code zarr:/data/em},
 * {@code zarr:hdfs://nn:8020/em}, {@code hdf5:stack.h5#/volumes/raw}, {@code npz:a.npz#labels}.
 * The location is whatever follows the first colon, so Hadoop URIs and remote URLs ({@code
 * boss://host/...}) keep their own syntax; the fragment, after the first {@code #}, names an
 * object inside a file.
 */
public record VolumeUrl(String scheme, String location, String fragment) {

  // Two or more characters, so a Windows drive letter is never taken for a scheme.
  private static final Pattern FORM =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.-]+):([^#]*)(?:#(.*))?", Pattern.DOTALL);

  public static VolumeUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw new InvalidUrlException("empty volume URL");
    }
    Matcher m = FORM.matcher(url.trim());
    if (!m.matches()) {
      throw new InvalidUrlException(
          "'" + url + "' is not a volume URL: expected SCHEME:LOCATION such as zarr:/data/em,"
              + " tiff:stack.tif or hdf5:file.h5#/dataset");
    }
    String location = m.group(2);
    if (location.isEmpty()) {
      throw new InvalidUrlException("'" + url + "' names no location after '" + m.group(1) + ":'");
    }
    String fragment = m.group(3) == null ? "" : m.group(3);
    return new VolumeUrl(m.group(1).toLowerCase(Locale.ROOT), location, fragment);
  }

  public boolean hasFragment() {
    return !fragment.isEmpty();
  }

  @Override
  public String toString() {
    return scheme + ":" + location + (fragment.isEmpty() ? "" : "#" + fragment);
  }
}
