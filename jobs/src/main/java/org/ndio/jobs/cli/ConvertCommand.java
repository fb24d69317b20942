package org.ndio.jobs.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.ndio.jobs.convert.Convert;
import org.ndio.jobs.convert.SparkConvert;
import org.ndio.jobs.progress.VoxelProgress;
import org.ndio.jobs.resume.JournalRequest;
import org.ndio.jobs.spark.JobSession;
import org.ndio.store.WriteMode;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Size3;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ndio convert SRC DST}: copies a volume between any two formats. */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = "Copy a volume (or a box of it) from any readable URL to a new volume at any"
        + " writable URL. The target appears only when the copy is complete. Chunked targets"
        + " (zarr:) are written by a Spark job, in parallel and with memory bounded by one"
        + " cuboid; other formats are written by this process.")
final class ConvertCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "SRC_URL", description = "Volume to read")
  String source;

  @Parameters(index = "1", paramLabel = "DST_URL", description = "Volume to create")
  String target;

  @Option(names = "--box", paramLabel = "x0:x1,y0:y1,z0:z1",
      description = "Copy only this box of the source (default: all of it)")
  String box;

  @Option(names = "--res", defaultValue = "0", paramLabel = "LEVEL",
      description = "Resolution level of the source to copy (default 0)")
  int resolution;

  @Option(names = "--chunks", paramLabel = "X,Y,Z",
      description = "Chunk shape of the target (chunked formats; default 128,128,64)")
  String chunks;

  @Option(names = "--compressor", paramLabel = "NAME",
      description = "Compressor of the target: none, gzip[:L], zlib[:L], zstd[:L], lz4,"
          + " blosc[:CNAME[:CLEVEL[:none|byte|bit]]] (default blosc:lz4:5:byte)")
  String compressor;

  @Option(names = "--overwrite", description = "Replace the target if it exists")
  boolean overwrite;

  @Option(names = "--append",
      description = "Write into the existing target (zarr: or a remote), keeping the rest")
  boolean append;

  @Option(names = "--create", description = "Create the target if it does not exist, else"
      + " write into it (for remotes: collection, experiment, channel or instance as needed)")
  boolean create;

  @Option(names = "--resume", description = "Finish an interrupted copy to a zarr: target:"
      + " cuboids its journal records as done are skipped (see README-resume.md)")
  boolean resume;

  @Option(names = "--quiet", description = "No progress on standard error")
  boolean quiet;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master for chunked targets (default local[*]; spark-submit's own"
          + " master when submitted)")
  String master;

  @Option(names = "--no-spark",
      description = "Copy in this process even when the target is chunked")
  boolean noSpark;

  @Spec
  CommandSpec spec;

  private WriteMode mode() {
    if ((overwrite ? 1 : 0) + (append ? 1 : 0) + (create ? 1 : 0) > 1) {
      throw new ParameterException(spec.commandLine(),
          "choose one of --overwrite, --append and --create");
    }
    return overwrite ? WriteMode.OVERWRITE : append ? WriteMode.APPEND
        : create ? WriteMode.CREATE_OR_APPEND : WriteMode.ERROR_IF_EXISTS;
  }

  @Override
  public Integer call() {
    Convert.Options options = new Convert.Options(
        Optional.ofNullable(box).map(b -> BoundingBox.parse(b).atResolution(resolution)),
        Optional.ofNullable(chunks).map(Size3::parse),
        Optional.ofNullable(compressor),
        mode(), resolution);
    PrintWriter err = spec.commandLine().getErr();
    long start = System.nanoTime();
    boolean spark = !noSpark && SparkConvert.supports(target);
    if (resume && !spark) {
      throw new ParameterException(spec.commandLine(),
          "--resume goes with chunked (zarr:) targets copied by Spark");
    }
    Convert.Result r;
    if (spark) {
      SparkSession session = JobSession.start("convert", master);
      r = ProgressDisplay.during("convert", session, quiet, err,
          () -> SparkConvert.run(session, source, target, options,
              JournalRequest.besideVolume(target, resume, overwrite,
                  ", or --overwrite to start again")));
    } else if (quiet) {
      r = Convert.run(source, target, options, Convert.Progress.NONE);
    } else {
      VoxelProgress progress = new VoxelProgress();
      try (ProgressDisplay display = ProgressDisplay.start("convert", progress, err)) {
        r = Convert.run(source, target, options, progress);
        display.finish();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    spec.commandLine().getOut().printf("converted %s box %s: %d voxels in %d cuboids, %.2f s"
            + " (%.1f Mvoxel/s), %d requests retried -> %s%n", source, r.box(), r.voxels(),
        r.blocks(), seconds, r.voxels() / 1e6 / Math.max(seconds, 1e-9), r.retries(), target);
    return 0;
  }
}
