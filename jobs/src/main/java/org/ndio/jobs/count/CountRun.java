package org.ndio.jobs.count;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A finished count: its table ({@link CellCount#SCHEMA}) and what its seam merge held. */
public record CountRun(Dataset<Row> table, SeamStats seams) {}
