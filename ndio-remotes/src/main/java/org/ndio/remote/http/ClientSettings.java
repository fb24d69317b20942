package org.ndio.remote.http;

import java.time.Duration;

/**
 * The settings every remote's client options share, so a profile applies them to any remote in
 * one way ({@link org.ndio.remote.profile.RemoteTarget#apply}).
 *
 * @param <T> the remote's own options type, returned changed
 */
public interface ClientSettings<T extends ClientSettings<T>> {

  /** The largest request (or piece of a cutout) sent in one call, in bytes. */
  T withMaxRequestBytes(long bytes);

  T withConcurrency(int n);

  T withRetry(RetryPolicy r);

  T withTimeout(Duration t);

  T withVerifyTls(boolean verify);
}
