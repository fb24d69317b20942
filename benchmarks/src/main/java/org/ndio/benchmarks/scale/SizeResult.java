package org.ndio.benchmarks.scale;

import java.util.List;

/**
 * Everything measured at one size, written after each job so that a run cut short keeps what
 * it finished.
 *
 * @param size the factor over the ssTEM stack (1, 8, 64, 512)
 * @param shape the volume's shape, x,y,z
 * @param cells the true number of cells
 * @param truthSeconds time to compute the truth (not part of any job)
 * @param master Spark's master
 * @param heapMaxBytes the JVM's -Xmx, the same at every size
 * @param cores the machine's cores (shared with other work: see loadBefore/loadAfter)
 * @param loadBefore the 1-minute load average before the first job
 * @param loadAfter the 1-minute load average after the last finished job
 * @param complete whether every job asked for ran (see {@code jobs} for which)
 * @param jobs the finished jobs, in run order
 */
public record SizeResult(int size, String shape, long voxels, long cells, double truthSeconds,
    String master, long heapMaxBytes, int cores, double loadBefore, double loadAfter,
    String java, boolean complete, List<JobResult> jobs) {}
