package org.ndio.jobs.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.ndio.NdioException;
import org.ndio.jobs.kernel.mesh.MeshFormat;
import org.ndio.jobs.kernel.mesh.MeshSelection;
import org.ndio.jobs.mesh.MeshJob;
import org.ndio.jobs.resume.JournalRequest;
import org.ndio.jobs.spark.JobSession;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Size3;
import org.ndio.volume.VoxelSize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ndio mesh URL --out DIR}: closed surface meshes of labelled objects, one file each. */
@Command(name = "mesh", mixinStandardHelpOptions = true,
    description = "Mesh objects with marching cubes as a Spark job: the labels of a"
        + " segmentation (all, or --ids), or the voxels >= --threshold as one object (id 1)."
        + " Cuboids are meshed apart and welded by exact vertex keys, so meshes are closed and"
        + " seam-free. Writes DIR/ID.obj or DIR/ID.ply in physical units.")
final class MeshCommand implements Callable<Integer> {

  @Parameters(paramLabel = "URL", description = "The volume to mesh")
  String url;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Directory for the mesh files (reachable by every executor)")
  Path out;

  @Option(names = "--ids", defaultValue = "all", paramLabel = "all|ID,ID,...",
      description = "Labels to mesh (default all)")
  String ids;

  @Option(names = "--threshold", paramLabel = "T",
      description = "Mesh the voxels >= T as one object instead of labels")
  Double threshold;

  @Option(names = "--box", paramLabel = "x0:x1,y0:y1,z0:z1", description = "Mesh in this box")
  String box;

  @Option(names = "--cuboid", paramLabel = "X,Y,Z",
      description = "Work unit (rounded up to whole chunks; default 256,256,64)")
  String cuboid;

  @Option(names = "--scale", paramLabel = "X,Y,Z",
      description = "Voxel size for vertex coordinates (default the volume's, else 1,1,1)")
  String scale;

  @Option(names = "--format", defaultValue = "obj", paramLabel = "obj|ply|ply-binary",
      description = "File format (default obj)")
  String format;

  @Option(names = "--simplify", defaultValue = "1", paramLabel = "RATIO",
      description = "Keep about this share of triangles, by quadric-error edge collapses that"
          + " keep meshes closed (default 1: no simplification)")
  double simplify;

  @Option(names = "--res", defaultValue = "0", paramLabel = "LEVEL",
      description = "Resolution level to mesh (default 0)")
  int resolution;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master")
  String master;

  @Option(names = "--quiet", description = "No progress on standard error")
  boolean quiet;

  @Option(names = "--montage", paramLabel = "FILE.png",
      description = "Also draw the meshes seen along z, y and x (x-y, x-z, y-z), shaded")
  Path montage;

  @Option(names = "--resume", description = "Finish an interrupted run: cuboids its journal"
      + " (DIR/.ndio-journal) records are not meshed again")
  boolean resume;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    MeshSelection selection;
    if (threshold != null) {
      if (!ids.equals("all")) {
        throw new NdioException("--ids and --threshold exclude each other");
      }
      selection = MeshSelection.threshold(threshold);
    } else if (ids.equals("all")) {
      selection = MeshSelection.allLabels();
    } else {
      try {
        selection = MeshSelection.labels(Arrays.stream(ids.split(","))
            .mapToLong(s -> Long.parseLong(s.trim())).toArray());
      } catch (IllegalArgumentException e) {
        throw new NdioException("--ids " + ids + ": " + e.getMessage());
      }
    }
    MeshJob.Options o = MeshJob.Options.of(selection, out)
        .withBox(box == null ? null : BoundingBox.parse(box).atResolution(resolution))
        .withCuboid(cuboid == null ? null : Size3.parse(cuboid))
        .withScale(scale == null ? null : VoxelSize.parse(scale))
        .withFormat(MeshFormat.parse(format))
        .withSimplify(simplify)
        .withResolution(resolution);
    SparkSession spark = JobSession.start("mesh", master);
    List<MeshJob.Written> written = ProgressDisplay.during("mesh", spark, quiet,
        spec.commandLine().getErr(), () -> MeshJob.run(spark, url, o,
            JournalRequest.inside(out.toAbsolutePath().toString(), resume,
                ", or delete it to start again")));
    if (montage != null) {
      Montages.mesh(url, o, written, montage);
    }
    long triangles = written.stream().mapToLong(MeshJob.Written::triangles).sum();
    spec.commandLine().getOut().printf("%d meshes, %d triangles in %s%n", written.size(),
        triangles, out);
    return 0;
  }
}
