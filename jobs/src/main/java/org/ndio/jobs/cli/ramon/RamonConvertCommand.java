package org.ndio.jobs.cli.ramon;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ndio.ramon.RamonObject;
import org.ndio.ramon.io.TypeCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ndio ramon convert IN OUT}: between ndstore's HDF5 layout and RAMON JSON. */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = {"Convert RAMON objects between HDF5 (ndstore's layout) and JSON (ndstore's"
        + " flat form), by the files' extensions (.h5, .hdf5, .json). The output is written"
        + " whole or not at all.",
        "JSON output holds metadata only, as ndstore's JSON does, unless --voxels."})
final class RamonConvertCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "IN", description = "RAMON file to read")
  Path in;

  @Parameters(index = "1", paramLabel = "OUT", description = "RAMON file to write")
  Path out;

  @Option(names = "--voxels",
      description = "In JSON output, keep each object's voxels (ndio's ndio_voxels extension)")
  boolean voxels;

  @Option(names = "--type-codes", defaultValue = "detect", paramLabel = "CODES",
      description = "How to read type codes 7 and 8: detect (by the fields present; default),"
          + " server (ndstore: node, skeleton) or legacy (the original ndio: attributed"
          + " region, volume)")
  String codes;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    RamonFile from = RamonFile.of(in, spec.commandLine());
    RamonFile to = RamonFile.of(out, spec.commandLine());
    List<RamonObject> objects = from.read(in, codes(codes, spec.commandLine()));
    to.write(objects, out, voxels);
    PrintWriter err = spec.commandLine().getErr();
    long dropped = objects.stream().filter(o -> o.voxels().isPresent()).count();
    if (to == RamonFile.JSON && !voxels && dropped > 0) {
      err.println("ndio: note: the voxels of " + dropped + " object" + (dropped == 1 ? "" : "s")
          + " were left out of " + out + " (JSON holds metadata only; add --voxels to keep"
          + " them)");
    }
    spec.commandLine().getOut().println("wrote " + objects.size() + " RAMON object"
        + (objects.size() == 1 ? "" : "s") + " to " + out);
    return 0;
  }

  /** {@code detect}, {@code server} or {@code legacy}, in any case. */
  static TypeCodes codes(String name, CommandLine cli) {
    for (TypeCodes c : TypeCodes.values()) {
      if (c.name().equalsIgnoreCase(name.strip())) {
        return c;
      }
    }
    throw new CommandLine.ParameterException(cli, "--type-codes " + name
        + ": expected detect, server or legacy");
  }
}
