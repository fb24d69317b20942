package org.ndio.store;

/**
 * What a reader has fetched since it was opened, for progress and for Spark's metrics. Stores
 * that do not count report zeros.
 *
 * @param chunks stored chunks (or cutouts) fetched
 * @param storedBytes bytes fetched as stored, before decoding
 * @param fetchNanos time spent waiting for storage or the network
 * @param decodeNanos time spent decompressing and converting
 */
public record ReadStats(long chunks, long storedBytes, long fetchNanos, long decodeNanos) {

  public static final ReadStats NONE = new ReadStats(0, 0, 0, 0);
}
