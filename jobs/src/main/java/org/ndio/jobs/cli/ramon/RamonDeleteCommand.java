package org.ndio.jobs.cli.ramon;

import java.util.concurrent.Callable;
import org.ndio.remote.Remote;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ndio ramon delete URL IDS}: deletes objects (ids not stored are ignored). */
@Command(name = "delete", mixinStandardHelpOptions = true,
    description = {"Delete RAMON objects and unlabel their voxels (ids that are not stored are"
        + " ignored, as ndstore ignores them)."})
final class RamonDeleteCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "URL", description = "annotation channel")
  String url;

  @Parameters(index = "1", paramLabel = "ID[,ID...]", description = "object ids")
  String ids;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    long[] gone = RamonRemotes.ids(ids, spec.commandLine());
    try (Remote remote = RamonRemotes.open(url, spec.commandLine())) {
      remote.ramon().deleteRamon(gone);
    }
    spec.commandLine().getOut().println("deleted " + gone.length + " id"
        + (gone.length == 1 ? "" : "s"));
    return 0;
  }
}
