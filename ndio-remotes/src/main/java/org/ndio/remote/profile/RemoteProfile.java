package org.ndio.remote.profile;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.ndio.remote.http.RetryPolicy;

/**
 * One named profile of {@code conf/ndio.yaml}: which remote and host it is for and how to talk
 * to it. Absent fields keep the remote's defaults.
 *
 * @param name what {@code ?profile=NAME} calls it
 * @param kind the service
 * @param host the host it is for (case-insensitive)
 * @param port the port it is for, or empty for any
 * @param https {@code scheme: https} or {@code http}; empty for either
 * @param token where the token comes from
 * @param maxRequestBytes the most voxel bytes one request carries (BOSS and DVID request size,
 *     NeuroData piece size)
 * @param concurrency requests in flight at once
 * @param retry tries and backoff of idempotent requests
 * @param timeout the longest wait for one answer
 * @param verifyTls {@code tls_verify}; false accepts any certificate (logged as a warning)
 */
public record RemoteProfile(String name, RemoteKind kind, String host, OptionalInt port,
    Optional<Boolean> https, TokenSource token, OptionalLong maxRequestBytes,
    OptionalInt concurrency, Optional<RetryPolicy> retry, Optional<Duration> timeout,
    boolean verifyTls) {

  /** Whether this profile is for a {@code kind} URL to {@code host:port} over https or not. */
  public boolean matches(RemoteKind k, String urlHost, int urlPort, boolean urlHttps) {
    return kind == k && host.toLowerCase(Locale.ROOT).equals(urlHost.toLowerCase(Locale.ROOT))
        && (port.isEmpty() || port.getAsInt() == urlPort)
        && (https.isEmpty() || https.get() == urlHttps);
  }
}
