package org.ndio.store;

/**
 * What a reader has fetched since it was opened, for progress and for Spark's metrics. Stores
 * that do not count report zeros.
 *
 * @param chunks stored chunks (or cutouts) fetched
 * @param storedBytes bytes fetched as stored, before decoding
 * @param fetchNanos time spent waiting for storage or the network
 * @param decodeNanos time spent decompressing and converting
 * @param retries requests sent again after a failure (remotes)
 */
public record ReadStats(long chunks, long storedBytes, long fetchNanos, long decodeNanos,
    long retries) {

  public static final ReadStats NONE = new ReadStats(0, 0, 0, 0, 0);

  /** Stats of a store that never retries. */
  public ReadStats(long chunks, long storedBytes, long fetchNanos, long decodeNanos) {
    this(chunks, storedBytes, fetchNanos, decodeNanos, 0);
  }
}
