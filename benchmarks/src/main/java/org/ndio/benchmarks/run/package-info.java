/**
 * The measurements {@code benchmarks/run} makes on the Java side: each main times one area
 * (kernels, whole jobs, convert, remote fetch) and appends one JSON object per figure to a
 * JSON-lines file, from which {@code benchmarks/report.py} writes BENCHMARKS.md. The peers and
 * the physical limits are timed by {@code benchmarks/peers.py} into the same kind of file.
 */
package org.ndio.benchmarks.run;
