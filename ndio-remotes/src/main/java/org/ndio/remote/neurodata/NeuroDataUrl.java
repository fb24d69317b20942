package org.ndio.remote.neurodata;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ndio.InvalidUrlException;
import org.ndio.store.VolumeUrl;

/**
 * {@code neurodata://HOST[:PORT]/TOKEN/CHANNEL} (https) or {@code
 * neurodata+http://HOST[:PORT]/TOKEN/CHANNEL} (plain HTTP, for test servers): one channel of a
 * project on an ndstore server. The project token is a name, part of every request path, so it
 * appears in messages; the user's key, which authorises requests, never does (it travels in a
 * header only).
 *
 * @param secure https when true
 * @param port -1 for the scheme's default
 * @param token the project token (ndstore names a project by it)
 */
public record NeuroDataUrl(boolean secure, String host, int port, String token, String channel) {

  /** The scheme of https URLs. */
  public static final String SCHEME = "neurodata";
  /** The scheme of plain HTTP URLs. */
  public static final String HTTP_SCHEME = "neurodata+http";

  // ndstore routes tokens and channels with Python's \w+.
  private static final Pattern FORM =
      Pattern.compile("//([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(?::(\\d{1,5}))?/(\\w+)/(\\w+)/?");

  public static NeuroDataUrl parse(VolumeUrl url) {
    boolean secure;
    if (url.scheme().equals(SCHEME)) {
      secure = true;
    } else if (url.scheme().equals(HTTP_SCHEME)) {
      secure = false;
    } else {
      throw new InvalidUrlException(url + ": not a NeuroData URL (expected " + SCHEME + "://"
          + " or " + HTTP_SCHEME + "://)");
    }
    if (url.hasFragment()) {
      throw new InvalidUrlException(url + ": a NeuroData URL takes no #fragment");
    }
    Matcher m = FORM.matcher(url.location());
    if (!m.matches()) {
      throw new InvalidUrlException("'" + url + "' is not a NeuroData channel URL: expected "
          + url.scheme() + "://HOST[:PORT]/TOKEN/CHANNEL with TOKEN and CHANNEL made of letters,"
          + " digits and underscores, e.g. " + url.scheme() + "://neurodata.io/kasthuri11/image");
    }
    int port = m.group(2) == null ? -1 : Integer.parseInt(m.group(2));
    if (port > 65535) {
      throw new InvalidUrlException(url + ": port " + port + " is beyond 65535");
    }
    return new NeuroDataUrl(secure, m.group(1), port, m.group(3), m.group(4));
  }

  public static NeuroDataUrl parse(String url) {
    return parse(VolumeUrl.parse(url));
  }

  /** {@code http[s]://HOST[:PORT]/nd/sd/}: where every service path starts. */
  public URI base() {
    return URI.create((secure ? "https" : "http") + "://" + host + (port < 0 ? "" : ":" + port)
        + "/nd/sd/");
  }

  /** The service URI {@code base + path} ({@code path} has no leading slash). */
  public URI service(String path) {
    return base().resolve(path);
  }

  /** The same project with another channel. */
  public NeuroDataUrl withChannel(String other) {
    return new NeuroDataUrl(secure, host, port, token, other);
  }

  @Override
  public String toString() {
    return (secure ? SCHEME : HTTP_SCHEME) + "://" + host + (port < 0 ? "" : ":" + port) + "/"
        + token + "/" + channel;
  }
}
