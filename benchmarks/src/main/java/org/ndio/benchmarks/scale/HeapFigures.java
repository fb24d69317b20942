package org.ndio.benchmarks.scale;

/**
 * The driver JVM's heap during one job (in {@code local[2]} the executors share it).
 *
 * @param baselineBytes live heap after a full collection just before the job
 * @param oldGenAfterGcPeak the largest G1 old generation occupancy right after a collection
 *     (what survived: the closest the JVM tells to the live set)
 * @param heapAfterGcPeak the largest whole-heap occupancy right after a collection
 * @param usedPeak the largest heap in use at any moment (garbage included; the sum of the
 *     pools' peaks)
 * @param maxBytes the heap's limit (-Xmx)
 * @param collections garbage collections during the job
 */
public record HeapFigures(long baselineBytes, long oldGenAfterGcPeak, long heapAfterGcPeak,
    long usedPeak, long maxBytes, long collections) {}
