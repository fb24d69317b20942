package org.ndio.jobs.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import org.ndio.NdioException;
import org.ndio.remote.profile.ProfileLocation;
import org.ndio.remote.profile.RemoteTarget;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code ndio} command: parses the command line and hands over to one subcommand. */
@Command(name = "ndio", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Pull, push and process large image volumes (EM, LM and their labels).",
    subcommands = {InfoCommand.class, ConvertCommand.class, CountCommand.class,
        DownsampleCommand.class, MeshCommand.class, PreviewCommand.class,
        ServeCommand.class, DemoCommand.class,
        org.ndio.jobs.cli.ramon.RamonCommand.class,
        CommandLine.HelpCommand.class},
    footerHeading = "%nVolume URLs:%n",
    footer = {
        "  zarr:PATH            Zarr v2 array (local path, or hdfs:, s3a:, file: URI)",
        "  hdf5:FILE#/DATASET   HDF5 dataset",
        "  npy:FILE             numpy .npy array",
        "  npz:FILE[#NAME]      array NAME of a numpy .npz archive",
        "  tiff:FILE | tiff:DIR multipage TIFF, or one TIFF per section",
        "  png:DIR              one PNG per section",
        "  nifti:FILE           NIfTI-1 .nii or .nii.gz",
        "  boss://HOST/COLLECTION/EXPERIMENT/CHANNEL      the BOSS (boss+http:// for plain HTTP)",
        "  dvid://HOST:PORT/UUID/INSTANCE                 DVID (dvid+https:// behind TLS)",
        "  neurodata://HOST/TOKEN/CHANNEL                 NeuroData ndstore (neurodata+http://)",
        "",
        "Boxes are x0:x1,y0:y1,z0:z1, half-open. Exit status: 0 done, 1 failed, 2 bad usage."})
public final class Ndio {

  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean verbose;

  // Set as system properties, which remotes opened in this JVM (Spark's local executors too)
  // read, and which JobSession hands to the executors of a cluster.
  @Option(names = "--profiles", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "Remote profiles (default: NDIO_PROFILES, conf/ndio.yaml, ~/.ndio/ndio.yaml).")
  void profiles(String file) {
    System.setProperty(ProfileLocation.PROPERTY, file);
  }

  @Option(names = "--insecure", scope = ScopeType.INHERIT,
      description = "Accept any TLS certificate from remotes (test servers only; logs a warning).")
  void insecure(boolean on) {
    if (on) {
      System.setProperty(RemoteTarget.INSECURE_PROPERTY, "true");
    }
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line and returns the exit status. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    Ndio top = new Ndio();
    CommandLine cli = new CommandLine(top);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, line, parsed) -> {
      // --verbose may follow a subcommand, where picocli sets a copy of the option.
      boolean verbose = top.verbose || Arrays.asList(args).contains("--verbose");
      if (e instanceof NdioException) {
        err.println("ndio: error: " + e.getMessage());
      } else {
        err.println("ndio: error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      if (verbose) {
        e.printStackTrace(err);
      } else if (!(e instanceof NdioException)) {
        err.println("ndio: (an unexpected error; run again with --verbose for details)");
      }
      err.flush();
      return 1;
    });
    try {
      return cli.execute(args);
    } catch (Error e) { // picocli hands only exceptions to the handler above
      err.println("ndio: error: " + e);
      if (Arrays.asList(args).contains("--verbose")) {
        e.printStackTrace(err);
      }
      err.flush();
      return 1;
    }
  }
}
