package org.ndio.remote.dvid;

import java.io.Serializable;
import java.net.URI;
import java.util.Locale;
import org.ndio.InvalidUrlException;
import org.ndio.store.VolumeUrl;

/**
 * A DVID data instance: {@code dvid://HOST[:PORT]/UUID/INSTANCE}. DVID serves plain HTTP (its
 * server has no TLS listener; the default address is port 8000), so {@code dvid://} and {@code
 * dvid+http://} both mean HTTP, port 8000 unless given; {@code dvid+https://} is for a DVID
 * behind a TLS proxy (port 443 unless given). UUID is any unique prefix of a version node's
 * UUID, or {@code PREFIX:BRANCH} for the newest node of a branch.
 */
public record DvidUrl(String scheme, String host, int port, String uuid, String instance)
    implements Serializable {

  /** DVID's default port. */
  public static final int DEFAULT_PORT = 8000;

  private static final String FORM = "expected dvid://HOST[:PORT]/UUID/INSTANCE, e.g."
      + " dvid://emdata:8000/a1b2c3/grayscale";

  public static DvidUrl parse(String url) {
    return parse(VolumeUrl.parse(url));
  }

  public static DvidUrl parse(VolumeUrl url) {
    String scheme = url.scheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("dvid") && !scheme.equals("dvid+http") && !scheme.equals("dvid+https")) {
      throw new InvalidUrlException("'" + url + "' is not a DVID URL: " + FORM);
    }
    String loc = url.location();
    if (loc.startsWith("//")) {
      loc = loc.substring(2);
    }
    if (loc.endsWith("/")) {
      loc = loc.substring(0, loc.length() - 1);
    }
    String[] parts = loc.split("/", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
      throw new InvalidUrlException("'" + url + "' does not name a DVID instance: " + FORM);
    }
    String hostPort = parts[0];
    String host = hostPort;
    int port = scheme.equals("dvid+https") ? 443 : DEFAULT_PORT;
    int colon = hostPort.lastIndexOf(':');
    if (colon > 0 && hostPort.indexOf(']') < colon) {
      host = hostPort.substring(0, colon);
      try {
        port = Integer.parseInt(hostPort.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new InvalidUrlException("'" + url + "': port '" + hostPort.substring(colon + 1)
            + "' is not a number: " + FORM, e);
      }
      if (port < 1 || port > 65535) {
        throw new InvalidUrlException("'" + url + "': port " + port + " is out of range");
      }
    }
    if (host.isEmpty()) {
      throw new InvalidUrlException("'" + url + "' names no host: " + FORM);
    }
    String uuid = parts[1];
    if (!uuid.matches("[0-9A-Fa-f]*(:[^/:]+)?") || uuid.startsWith(":")) {
      throw new InvalidUrlException("'" + url + "': '" + uuid + "' is not a UUID (hex digits,"
          + " optionally followed by :BRANCH): " + FORM);
    }
    return new DvidUrl(scheme, host, port, uuid, parts[2]);
  }

  public boolean https() {
    return scheme.equals("dvid+https");
  }

  /** {@code http://HOST:PORT}: where the {@code /api} paths go. */
  public URI base() {
    return URI.create((https() ? "https" : "http") + "://" + host + ":" + port);
  }

  /** The same node with another instance, e.g. the keyvalue instance holding metadata. */
  public DvidUrl withInstance(String name) {
    return new DvidUrl(scheme, host, port, uuid, name);
  }

  /** Whether the UUID is a whole one (32 hex digits), as a new repo's root must be. */
  public boolean hasFullUuid() {
    return uuid.length() == 32 && uuid.matches("[0-9A-Fa-f]+");
  }

  @Override
  public String toString() {
    return scheme + "://" + host + ":" + port + "/" + uuid + "/" + instance;
  }
}
