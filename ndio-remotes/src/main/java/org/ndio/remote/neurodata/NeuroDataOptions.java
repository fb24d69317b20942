package org.ndio.remote.neurodata;

import java.io.Serializable;
import java.time.Duration;
import org.ndio.remote.http.ClientSettings;
import org.ndio.remote.http.RetryPolicy;

/**
 * How a NeuroData remote talks to its server.
 *
 * @param format how cutouts travel
 * @param pieceBytes the most bytes of voxels one request carries; larger cutouts and uploads
 *     are split along the server's cube grid into pieces of whole cubes of about this size
 *     (never less than one cube, never more than {@link #MAX_PIECE_BYTES})
 * @param concurrency the most requests in flight at once
 * @param zlibLevel compression level of posted {@code npz} bodies (any level reads back alike;
 *     1 is the fastest)
 * @param attempts tries per idempotent request (see {@link RetryPolicy})
 * @param verifyTls whether https certificates are checked (off only by explicit choice)
 */
public record NeuroDataOptions(WireFormat format, long pieceBytes, int concurrency,
    int zlibLevel, int attempts, Duration retryBase, Duration retryCap, Duration timeout,
    boolean verifyTls)
    implements Serializable, ClientSettings<NeuroDataOptions> {

  /** ndio split uploads larger than a quarter GiB; no request of ours is larger. */
  public static final long MAX_PIECE_BYTES = 1L << 28;

  public static final NeuroDataOptions DEFAULT = new NeuroDataOptions(WireFormat.NPZ, 32L << 20,
      8, 1, RetryPolicy.DEFAULT.attempts(), RetryPolicy.DEFAULT.base(), RetryPolicy.DEFAULT.cap(),
      Duration.ofMinutes(5), true);

  public NeuroDataOptions {
    if (pieceBytes < 1 || concurrency < 1 || zlibLevel < 0 || zlibLevel > 9 || attempts < 1) {
      throw new IllegalArgumentException("piece bytes, concurrency and attempts must be"
          + " positive and the zlib level 0 to 9");
    }
    pieceBytes = Math.min(pieceBytes, MAX_PIECE_BYTES);
  }

  public RetryPolicy retry() {
    return new RetryPolicy(attempts, retryBase, retryCap);
  }

  public NeuroDataOptions withFormat(WireFormat f) {
    return new NeuroDataOptions(f, pieceBytes, concurrency, zlibLevel, attempts, retryBase,
        retryCap, timeout, verifyTls);
  }

  /** The same as {@link #withPieceBytes}: a profile's request size is NeuroData's piece. */
  @Override
  public NeuroDataOptions withMaxRequestBytes(long bytes) {
    return withPieceBytes(bytes);
  }

  public NeuroDataOptions withPieceBytes(long bytes) {
    return new NeuroDataOptions(format, bytes, concurrency, zlibLevel, attempts, retryBase,
        retryCap, timeout, verifyTls);
  }

  @Override
  public NeuroDataOptions withConcurrency(int n) {
    return new NeuroDataOptions(format, pieceBytes, n, zlibLevel, attempts, retryBase, retryCap,
        timeout, verifyTls);
  }

  @Override
  public NeuroDataOptions withRetry(RetryPolicy r) {
    return new NeuroDataOptions(format, pieceBytes, concurrency, zlibLevel, r.attempts(),
        r.base(), r.cap(), timeout, verifyTls);
  }

  @Override
  public NeuroDataOptions withTimeout(Duration t) {
    return new NeuroDataOptions(format, pieceBytes, concurrency, zlibLevel, attempts, retryBase,
        retryCap, t, verifyTls);
  }

  @Override
  public NeuroDataOptions withVerifyTls(boolean verify) {
    return new NeuroDataOptions(format, pieceBytes, concurrency, zlibLevel, attempts, retryBase,
        retryCap, timeout, verify);
  }
}
