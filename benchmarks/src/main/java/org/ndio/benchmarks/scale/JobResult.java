package org.ndio.benchmarks.scale;

import java.util.Map;
import org.ndio.benchmarks.spark.SparkFigures;

/**
 * One job at one size: its wall time, memory, Spark figures, the state it held on the driver,
 * and whether its output equalled the truth.
 *
 * @param job count, mesh or downsample
 * @param input the URL the job read
 * @param voxels voxels the job read (the volume's)
 * @param wallSeconds from the call to its return, checks excluded
 * @param driverState what the driver held for the job (entries, bytes), by name
 * @param exact whether the check passed
 * @param check what was compared, or why it failed
 * @param note how the job was run where that matters to the figures
 */
public record JobResult(String job, String input, long voxels, double wallSeconds,
    double voxelsPerSecond, HeapFigures heap, SparkFigures spark,
    Map<String, Object> driverState, boolean exact, String check, String note) {}
