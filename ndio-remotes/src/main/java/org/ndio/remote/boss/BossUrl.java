package org.ndio.remote.boss;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.ndio.InvalidUrlException;
import org.ndio.store.VolumeUrl;

/**
 * Where a BOSS channel lives: {@code boss://HOST[:PORT]/COLLECTION/EXPERIMENT/CHANNEL} over
 * https, or {@code boss+http://...} over plain HTTP (test servers). Collection, experiment and
 * channel may be left out from the right to name the service or a parent (listing, creation).
 *
 * @param https whether to speak https
 * @param port the port, or -1 for the scheme's default
 * @param collection the collection name, or empty
 * @param experiment the experiment name, or empty
 * @param channel the channel name, or empty
 */
public record BossUrl(boolean https, String host, int port, String collection,
    String experiment, String channel) {

  /** The scheme of https URLs. */
  public static final String SCHEME = "boss";

  /** The scheme of plain HTTP URLs. */
  public static final String HTTP_SCHEME = "boss+http";

  // The BOSS accepts these names only (its NameValidator); anything else cannot exist there.
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

  /** Parses a full URL string such as {@code boss://api.bossdb.io/coll/exp/chan}. */
  public static BossUrl parse(String url) {
    return parse(VolumeUrl.parse(url));
  }

  /** Parses a {@code boss:} or {@code boss+http:} volume URL. */
  public static BossUrl parse(VolumeUrl url) {
    boolean https;
    if (url.scheme().equals(SCHEME)) {
      https = true;
    } else if (url.scheme().equals(HTTP_SCHEME)) {
      https = false;
    } else {
      throw new InvalidUrlException("'" + url + "' is not a BOSS URL (expected boss://HOST/"
          + "COLLECTION/EXPERIMENT/CHANNEL or boss+http://...)");
    }
    if (url.hasFragment()) {
      throw new InvalidUrlException("'" + url + "': BOSS URLs take no '#' part");
    }
    String location = url.location();
    if (!location.startsWith("//")) {
      throw new InvalidUrlException("'" + url + "' must name a host: " + url.scheme()
          + "://HOST[:PORT]/COLLECTION/EXPERIMENT/CHANNEL");
    }
    URI uri;
    try {
      uri = new URI("http:" + location);
    } catch (URISyntaxException e) {
      throw new InvalidUrlException("'" + url + "' is not a valid URL: " + e.getReason(), e);
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new InvalidUrlException("'" + url + "' names no host");
    }
    if (uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
      throw new InvalidUrlException("'" + url + "': BOSS URLs take no query or user part"
          + " (the token comes from NDIO_BOSS_TOKEN)");
    }
    List<String> names = new ArrayList<>();
    String path = uri.getPath() == null ? "" : uri.getPath();
    for (String part : path.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      if (!NAME.matcher(part).matches()) {
        throw new InvalidUrlException("'" + url + "': '" + part + "' is not a BOSS name"
            + " (letters, digits, '_' and '-' only)");
      }
      names.add(part);
    }
    if (names.size() > 3) {
      throw new InvalidUrlException("'" + url + "' has " + names.size() + " path parts; a BOSS"
          + " URL names at most COLLECTION/EXPERIMENT/CHANNEL");
    }
    while (names.size() < 3) {
      names.add("");
    }
    return new BossUrl(https, uri.getHost(), uri.getPort(), names.get(0), names.get(1),
        names.get(2));
  }

  /** Whether collection, experiment and channel are all named. */
  public boolean namesChannel() {
    return !channel.isEmpty();
  }

  /** Throws unless this URL names a channel. */
  public BossUrl requireChannel() {
    if (!namesChannel()) {
      throw new InvalidUrlException("'" + this + "' names no channel: expected "
          + (https ? SCHEME : HTTP_SCHEME) + "://HOST/COLLECTION/EXPERIMENT/CHANNEL");
    }
    return this;
  }

  /** The API root, e.g. {@code https://api.bossdb.io/v1/}. */
  public URI api() {
    return URI.create((https ? "https" : "http") + "://" + host + (port < 0 ? "" : ":" + port)
        + "/v1/");
  }

  /** {@code COLLECTION/EXPERIMENT/CHANNEL}, the way cutout, ids and meta paths name it. */
  public String channelPath() {
    return collection + "/" + experiment + "/" + channel;
  }

  /** The same service with other names. */
  public BossUrl withNames(String c, String e, String ch) {
    return new BossUrl(https, host, port, c, e, ch);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(https ? SCHEME : HTTP_SCHEME).append("://").append(host);
    if (port >= 0) {
      b.append(':').append(port);
    }
    for (String n : List.of(collection, experiment, channel)) {
      if (!n.isEmpty()) {
        b.append('/').append(n);
      }
    }
    return b.toString();
  }
}
