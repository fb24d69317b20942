package org.ndio.jobs.count;

import java.io.Serializable;

/**
 * What the seam merge of one count held and where it ran: the pairs of pieces found touching
 * across cuboid seams, the pieces in those pairs, whether the pairs were merged on the driver
 * or distributed over the executors, and how many entries the driver held for it (the state
 * that must not grow with voxels).
 *
 * @param pairs distinct touching piece pairs across seams
 * @param crossingPieces distinct pieces that appear in any pair
 * @param merge {@code "driver"} or {@code "distributed"}, or {@code "none"} when objects are
 *     ids of a label volume and need no merge
 * @param driverEntries map entries held on the driver: the merge's pairs, parents and roots,
 *     and the label ids broadcast to write {@code --labels-out} (0 when distributed)
 * @param rounds propagation rounds of a distributed merge (0 on the driver)
 */
public record SeamStats(long pairs, long crossingPieces, String merge, long driverEntries,
    int rounds) implements Serializable {}
