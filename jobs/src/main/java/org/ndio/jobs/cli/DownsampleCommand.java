package org.ndio.jobs.cli;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.ndio.jobs.downsample.Pyramid;
import org.ndio.jobs.kernel.Reduction;
import org.ndio.jobs.resume.JournalRequest;
import org.ndio.jobs.spark.JobSession;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Size3;
import org.ndio.volume.VoxelSize;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ndio downsample URL}: resolution pyramids as OME-Zarr multiscale groups. */
@Command(name = "downsample", mixinStandardHelpOptions = true,
    description = "Build lower resolution levels with Spark. URL is an OME-Zarr multiscale"
        + " group that gains levels, or, with --out, any volume whose copy becomes level 0 of a"
        + " new group (the source is read once). Levels read as zarr:GROUP --res N everywhere; napari, neuroglancer and"
        + " zarr-python open the group.")
final class DownsampleCommand implements Callable<Integer> {

  @Parameters(paramLabel = "URL", description = "Multiscale group, or any volume with --out")
  String url;

  @Option(names = "--out", paramLabel = "zarr:GROUP", description = "Write a new group")
  String out;

  @Option(names = "--levels", defaultValue = "1", description = "Levels to add (default 1)")
  int levels;

  @ArgGroup(exclusive = true)
  Factor factor;

  static final class Factor {
    @Option(names = "--factor", paramLabel = "X,Y,Z", description = "Factor per level")
    String xyz;

    @Option(names = "--auto", description = "Per level, the factor that brings voxels closer to"
        + " isotropic (2,2,1 while z is coarser; the default)")
    boolean auto;
  }

  @Option(names = "--mode", paramLabel = "mean|mode|max|min", description = "Block reduction"
      + " (default: mode for uint32/uint64 label volumes, mean otherwise)")
  String mode;

  @Option(names = "--voxel-size", paramLabel = "X,Y,Z[ UNIT]", description = "Level 0's voxel"
      + " size for a new group, where the source lacks it (e.g. \"4.6,4.6,50 nanometer\" for the"
      + " ssTEM stack); scales and --auto factors follow from it")
  String voxelSize;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master")
  String master;

  @Option(names = "--quiet", description = "No progress on standard error")
  boolean quiet;

  @Option(names = "--resume", description = "Finish an interrupted run: what its journal"
      + " (beside the group) records as done is not done again")
  boolean resume;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    Pyramid.Options o = Pyramid.Options.of(levels)
        .withFactor(factor == null || factor.xyz == null ? null : Size3.parse(factor.xyz))
        .withReduction(mode == null ? null : Reduction.parse(mode))
        .withOut(out)
        .withVoxelSize(voxelSize == null ? null : VoxelSize.parse(voxelSize));
    SparkSession spark = JobSession.start("downsample", master);
    Pyramid.Result r = ProgressDisplay.during("downsample", spark, quiet,
        spec.commandLine().getErr(), () -> Pyramid.run(spark, url, o,
            JournalRequest.besideVolume(out != null ? out : url, resume, false,
                ", or delete it to start again")));
    for (int i = 0; i < r.extents().size(); i++) {
      BoundingBox e = r.extents().get(i);
      spec.commandLine().getOut().printf("level %d: %dx%dx%d%s%n", i, e.sizeX(), e.sizeY(),
          e.sizeZ(), i < r.extents().size() - r.factors().size() ? ""
              : " (factor " + r.factors().get(i - (r.extents().size() - r.factors().size()))
                  + ")");
    }
    spec.commandLine().getErr().printf("downsample: %d levels in %d pass(es) -> %s%n",
        r.factors().size(), r.passes(), r.group());
    return 0;
  }
}
