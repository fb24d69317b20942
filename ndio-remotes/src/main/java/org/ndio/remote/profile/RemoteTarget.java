package org.ndio.remote.profile;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ndio.InvalidUrlException;
import org.ndio.ProfileException;
import org.ndio.remote.http.ClientSettings;
import org.ndio.remote.http.Secret;
import org.ndio.store.VolumeUrl;

/**
 * A remote URL with its profile applied. The URL may end in {@code ?profile=NAME} (use that
 * profile; it must be for the URL's remote, host and scheme, so a token is never sent to a host
 * it was not meant for), {@code profiles=FILE} (the profile file, see {@link ProfileLocation})
 * and {@code insecure=true} (no TLS certificate check). Without {@code profile=}, the first
 * profile in the file whose remote, host, port (if it gives one) and scheme (if it gives one)
 * fit the URL applies; with none, the remote's defaults and its token variable.
 *
 * @param url the URL without its query, as the remote's own parser takes it
 * @param profile the profile applied, if any
 * @param token the token, read now in this JVM
 * @param verifyTls whether https certificates are checked
 */
public record RemoteTarget(VolumeUrl url, Optional<RemoteProfile> profile,
    Optional<Secret> token, boolean verifyTls) {

  /** The system property ({@code ndio --insecure}) that turns TLS checks off for every URL. */
  public static final String INSECURE_PROPERTY = "ndio.insecure";

  /** The environment variable that does the same on Spark executors. */
  public static final String INSECURE_VARIABLE = "NDIO_INSECURE";

  /** Resolves the profile of {@code url}, a URL of a {@code kind} remote. */
  public static RemoteTarget resolve(VolumeUrl url, RemoteKind kind) {
    String location = url.location();
    int q = location.indexOf('?');
    Map<String, String> query = q < 0 ? Map.of() : query(url, location.substring(q + 1));
    VolumeUrl bare = q < 0 ? url
        : new VolumeUrl(url.scheme(), location.substring(0, q), url.fragment());
    boolean https = kind.https(url.scheme());
    Optional<RemoteProfile> profile = Optional.empty();
    Optional<Path> file = ProfileLocation.find(Optional.ofNullable(query.get("profiles")));
    Optional<URI> address = address(bare);
    if (address.isPresent()) {
      String host = address.get().getHost();
      int port = address.get().getPort();
      Optional<ProfileFile> profiles = file.map(ProfileFile::read);
      String wanted = query.get("profile");
      if (wanted != null) {
        ProfileFile pf = profiles.orElseThrow(() -> new ProfileException("'" + bare
            + "' asks for profile '" + wanted + "' but there is no profile file (--profiles,"
            + " ndio.profiles, NDIO_PROFILES, conf/ndio.yaml or ~/.ndio/ndio.yaml)"));
        RemoteProfile p = pf.named(wanted).orElseThrow(() -> new ProfileException(pf.path()
            + ": no profile '" + wanted + "' (asked for by '" + bare + "')"));
        if (!p.matches(kind, host, port, https)) {
          throw new ProfileException(pf.path() + ": profile '" + wanted + "' is for "
              + p.kind().word() + " at " + p.host() + p.port().stream().mapToObj(n -> ":" + n)
              .findFirst().orElse("") + p.https().map(s -> s ? " over https" : " over http")
              .orElse("") + ", not '" + bare + "'");
        }
        profile = Optional.of(p);
      } else {
        profile = profiles.flatMap(pf -> pf.profiles().stream()
            .filter(p -> p.matches(kind, host, port, https)).findFirst());
      }
    }
    Optional<Secret> token = profile.map(p -> p.token().resolve(kind))
        .orElseGet(() -> Secret.fromEnvironment(kind.tokenVariable()));
    boolean insecure = flag(query.get("insecure"), bare)
        || Boolean.parseBoolean(System.getProperty(INSECURE_PROPERTY))
        || Boolean.parseBoolean(System.getenv(INSECURE_VARIABLE));
    boolean verify = !insecure && profile.map(RemoteProfile::verifyTls).orElse(true);
    if (!verify && https) {
      OnceLog.warn("TLS certificate verification is off for "
          + address.map(a -> a.getHost() + (a.getPort() < 0 ? "" : ":" + a.getPort()))
              .orElse(bare.toString())
          + ": any server can pose as it and read the token");
    }
    return new RemoteTarget(bare, profile, token, verify);
  }

  private static Map<String, String> query(VolumeUrl url, String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String part : text.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String key = eq < 0 ? part : part.substring(0, eq);
      String value = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1),
          StandardCharsets.UTF_8);
      if (!key.equals("profile") && !key.equals("profiles") && !key.equals("insecure")) {
        throw new InvalidUrlException("'" + url.scheme() + ":" + url.location().split("\\?")[0]
            + "': unknown URL option '" + key + "' (known: profile, profiles, insecure)");
      }
      out.put(key, value);
    }
    return out;
  }

  private static boolean flag(String value, VolumeUrl url) {
    if (value == null) {
      return false;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "", "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new InvalidUrlException("'" + url + "': insecure must be true or false");
    };
  }

  // Host and port as the remotes' parsers read them; a URL they will refuse matches nothing.
  private static Optional<URI> address(VolumeUrl url) {
    if (!url.location().startsWith("//")) {
      return Optional.empty();
    }
    try {
      URI u = new URI("http:" + url.location());
      return u.getHost() == null ? Optional.empty() : Optional.of(u);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  /** {@code url} (a remote URL string) with {@code profiles=FILE} added to its query. */
  public static String withProfiles(String url, String file) {
    String enc = URLEncoder.encode(file, StandardCharsets.UTF_8);
    int hash = url.indexOf('#');
    String head = hash < 0 ? url : url.substring(0, hash);
    String tail = hash < 0 ? "" : url.substring(hash);
    return head + (head.contains("?") ? "&" : "?") + "profiles=" + enc + tail;
  }

  /** A remote's client options with this profile's settings. */
  public <T extends ClientSettings<T>> T apply(T o) {
    T r = o.withVerifyTls(verifyTls);
    if (profile.isEmpty()) {
      return r;
    }
    RemoteProfile p = profile.get();
    if (p.maxRequestBytes().isPresent()) {
      r = r.withMaxRequestBytes(p.maxRequestBytes().getAsLong());
    }
    if (p.concurrency().isPresent()) {
      r = r.withConcurrency(p.concurrency().getAsInt());
    }
    r = p.retry().map(r::withRetry).orElse(r);
    return p.timeout().map(r::withTimeout).orElse(r);
  }

  /** Whether {@code url}'s scheme is a remote's, whose URLs take profiles. */
  public static boolean isRemote(String url) {
    int colon = url.indexOf(':');
    return colon > 0 && RemoteKind.ofScheme(url.substring(0, colon)).isPresent();
  }
}
