package org.ndio.jobs.cli.ramon;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ndio.ramon.RamonObject;
import org.ndio.ramon.io.RamonJson;
import org.ndio.remote.RamonRead;
import org.ndio.remote.Remote;
import org.ndio.volume.BoundingBox;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ndio ramon get URL IDS}: reads objects from a remote. */
@Command(name = "get", mixinStandardHelpOptions = true,
    description = {"Read RAMON objects by id: metadata only, or with their voxels as a tight"
        + " cutout (--cutout), a cutout of a box (--box) or a voxel list (--voxels). JSON goes"
        + " to standard output unless --out; HDF5 needs --out."})
final class RamonGetCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "URL", description = "annotation channel")
  String url;

  @Parameters(index = "1", paramLabel = "ID[,ID...]", description = "object ids")
  String ids;

  @Option(names = "--cutout", description = "With voxels as a cutout (the object's box)")
  boolean cutout;

  @Option(names = "--voxels", description = "With voxels as a list of x,y,z")
  boolean voxels;

  @Option(names = "--res", defaultValue = "0", paramLabel = "R",
      description = "Resolution level of the voxels (default 0)")
  int res;

  @Option(names = "--box", paramLabel = "B",
      description = "With voxels as a cutout of x0:x1,y0:y1,z0:z1 (at --res)")
  String box;

  @Option(names = "--format", paramLabel = "F",
      description = "json or hdf5 (default: by --out's extension, else json)")
  String format;

  @Option(names = "--out", paramLabel = "FILE", description = "Write here (whole or not at all)")
  Path out;

  @Option(names = "--batch", defaultValue = "100", paramLabel = "N",
      description = "Most ids per request (NeuroData; default 100)")
  int batch;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    CommandLine cli = spec.commandLine();
    if ((cutout ? 1 : 0) + (voxels ? 1 : 0) + (box != null ? 1 : 0) > 1) {
      throw new CommandLine.ParameterException(cli, "give at most one of --cutout, --voxels"
          + " and --box");
    }
    if (batch < 1) {
      throw new CommandLine.ParameterException(cli, "--batch must be 1 or more");
    }
    long[] wanted = RamonRemotes.ids(ids, cli);
    RamonFile f = format(cli);
    if (f == RamonFile.HDF5 && out == null) {
      throw new CommandLine.ParameterException(cli, "HDF5 output needs --out FILE");
    }
    RamonRead how = box != null ? RamonRead.cutout(BoundingBox.parse(box).atResolution(res))
        : cutout ? RamonRead.cutout(res) : voxels ? RamonRead.voxels(res)
        : RamonRead.metadata();
    List<RamonObject> got;
    try (Remote remote = RamonRemotes.open(url, cli)) {
      got = RamonRemotes.ramon(remote, batch).getRamon(wanted, how);
    }
    boolean withVoxels = how.kind() != RamonRead.Kind.METADATA;
    if (out == null) {
      cli.getOut().println(RamonJson.write(got, withVoxels));
    } else {
      f.write(got, out, withVoxels);
      cli.getOut().println("wrote " + got.size() + " RAMON object" + (got.size() == 1 ? ""
          : "s") + " to " + out);
    }
    return 0;
  }

  private RamonFile format(CommandLine cli) {
    if (format == null) {
      return out == null ? RamonFile.JSON : RamonFile.of(out, cli);
    }
    return switch (format.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "json" -> RamonFile.JSON;
      case "hdf5", "h5" -> RamonFile.HDF5;
      default -> throw new CommandLine.ParameterException(cli, "--format " + format
          + ": expected json or hdf5");
    };
  }
}
