package org.ndio.store;

/**
 * A {@link VolumeWriter} whose {@link VolumeWriter#write} may be called from several threads
 * at once, each with its own boxes of whole chunks: a copy between stores with the same chunk
 * grid can then go chunk by chunk on every core, with no block assembled in between.
 */
public interface ConcurrentChunkWrites {}
