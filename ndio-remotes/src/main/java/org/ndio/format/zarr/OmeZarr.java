package org.ndio.format.zarr;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.ndio.InvalidUrlException;
import org.ndio.storage.Storage;
import org.ndio.storage.Storages;
import org.ndio.store.VolumeUrl;

/** OME-Zarr multiscale groups by URL: their metadata, and the URLs of their level arrays. */
public final class OmeZarr {

  private OmeZarr() {}

  private static Storage group(String url) {
    VolumeUrl u = VolumeUrl.parse(url);
    if (!u.scheme().equals("zarr")) {
      throw new InvalidUrlException(url + " is not a zarr: group (multiscale pyramids are"
          + " OME-Zarr groups)");
    }
    return Storages.at(u.location());
  }

  /** The group's multiscales, or empty if {@code url} is no multiscale group. */
  public static Optional<Multiscales> multiscales(String url) {
    Storage g = group(url);
    return g.exists(".zarray") ? Optional.empty() : Multiscales.read(g, url);
  }

  /** The URL of the array at {@code path} in the group at {@code url}. */
  public static String member(String url, String path) {
    return url.endsWith("/") ? url + path : url + "/" + path;
  }

  /**
   * Writes {@code ms} into the group's attributes (keeping its others) and makes sure the
   * group is marked as one; written last, after the level arrays, so readers never see a
   * level listed before it is complete.
   */
  public static void writeMultiscales(String url, Multiscales ms) {
    Storage g = group(url);
    if (!g.exists(".zgroup")) {
      g.write(".zgroup", "{\n  \"zarr_format\": 2\n}\n".getBytes(StandardCharsets.UTF_8));
    }
    Map<String, Object> attrs = ZarrArray.readAttributes(g, url);
    g.write(".zattrs", ZarrArray.toJson(ms.into(attrs)));
  }
}
