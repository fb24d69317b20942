package org.ndio.jobs.cli.ramon;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.ndio.ramon.RamonObject;
import org.ndio.ramon.io.TypeCodes;
import org.ndio.remote.PostMode;
import org.ndio.remote.RamonRemote;
import org.ndio.remote.Remote;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ndio ramon post URL FILE}: stores the objects of a RAMON file on a remote. */
@Command(name = "post", mixinStandardHelpOptions = true,
    description = {"Post the RAMON objects of FILE (HDF5 or JSON, by extension) to the"
        + " annotation channel at URL and print their ids, comma-separated. Objects with id 0"
        + " get new ids; an id already stored is refused (use --update). The whole file is"
        + " checked before anything is stored."})
final class RamonPostCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "URL", description = "annotation channel")
  String url;

  @Parameters(index = "1", paramLabel = "FILE", description = "RAMON file (.h5, .hdf5, .json)")
  Path file;

  @Option(names = "--mode", defaultValue = "overwrite", paramLabel = "MODE",
      description = "Where posted voxels meet another object's: overwrite (default), preserve"
          + " or exception (refuse the post)")
  String mode;

  @Option(names = "--update", description = "Replace the metadata of stored objects instead")
  boolean update;

  @Option(names = "--batch", defaultValue = "100", paramLabel = "N",
      description = "Most objects per request (NeuroData; default 100)")
  int batch;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PostMode m;
    try {
      m = PostMode.valueOf(mode.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--mode " + mode
          + ": expected overwrite, preserve or exception");
    }
    if (batch < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--batch must be 1 or more");
    }
    List<RamonObject> objects = RamonFile.of(file, spec.commandLine()).read(file,
        TypeCodes.DETECT);
    try (Remote remote = RamonRemotes.open(url, spec.commandLine())) {
      RamonRemote r = RamonRemotes.ramon(remote, batch);
      long[] ids;
      if (update) {
        r.updateRamon(objects, m);
        ids = objects.stream().mapToLong(RamonObject::id).toArray();
      } else {
        ids = r.postRamon(objects, m);
      }
      spec.commandLine().getOut().println(Arrays.stream(ids).mapToObj(Long::toString)
          .collect(Collectors.joining(",")));
    }
    return 0;
  }
}
