package org.ndio.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.ndio.InvalidUrlException;

/** Picks the storage for a location: a plain path is local, a URI goes through Hadoop. */
public final class Storages {

  private Storages() {}

  /**
   * {@code /data/em} and {@code file:/data/em} are local; {@code hdfs://nn/em}, {@code
   * s3a://bucket/em} and any other scheme Hadoop knows go through its FileSystem.
   */
  public static Storage at(String location) {
    int colon = location.indexOf(':');
    // A scheme of two or more letters before the colon; "C:" stays a Windows path.
    if (colon >= 2 && location.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
      URI uri;
      try {
        uri = new URI(location);
      } catch (URISyntaxException e) {
        throw new InvalidUrlException("'" + location + "' is not a valid URI: " + e.getMessage(),
            e);
      }
      if ("file".equals(uri.getScheme())) {
        return new LocalStorage(Path.of(uri));
      }
      return new HadoopStorage(uri, new Configuration());
    }
    return new LocalStorage(Path.of(location));
  }
}
