package org.ndio.jobs.cli.ramon;

import java.util.concurrent.Callable;
import org.ndio.ramon.RamonType;
import org.ndio.ramon.Status;
import org.ndio.remote.RamonQuery;
import org.ndio.remote.Remote;
import org.ndio.volume.BoundingBox;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ndio ramon ids URL}: the ids of the objects a query selects, one per line. */
@Command(name = "ids", mixinStandardHelpOptions = true,
    description = {"Print the ids of the RAMON objects that meet every predicate given,"
        + " ascending, one per line."})
final class RamonIdsCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "URL", description = "annotation channel")
  String url;

  @Option(names = "--type", paramLabel = "T",
      description = "generic, synapse, seed, segment, neuron, organelle, node, skeleton, roi,"
          + " volume or attributedregion")
  String type;

  @Option(names = "--status", paramLabel = "S",
      description = "unprocessed, locked, processed, ignored (or 0 to 3)")
  String status;

  @Option(names = "--key", paramLabel = "K", description = "Key of a key-value pair")
  String key;

  @Option(names = "--value", paramLabel = "V", description = "Its value (with --key)")
  String value;

  @Option(names = "--confidence-gt", paramLabel = "X", description = "Confidence above X")
  Double gt;

  @Option(names = "--confidence-lt", paramLabel = "X", description = "Confidence below X")
  Double lt;

  @Option(names = "--limit", paramLabel = "N", description = "At most N ids")
  Integer limit;

  @Option(names = "--box", paramLabel = "B",
      description = "Only objects with a voxel in x0:x1,y0:y1,z0:z1 (at --res)")
  String box;

  @Option(names = "--res", defaultValue = "0", paramLabel = "R",
      description = "Resolution level of --box (default 0)")
  int res;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    CommandLine cli = spec.commandLine();
    RamonQuery q = RamonQuery.ALL;
    if (type != null) {
      q = q.withType(RamonType.ofName(type));
    }
    if (status != null) {
      q = q.withStatus(status(status, cli));
    }
    if ((key == null) != (value == null)) {
      throw new CommandLine.ParameterException(cli, "--key and --value go together");
    }
    if (key != null) {
      q = q.with(key, value);
    }
    if (gt != null) {
      q = q.withConfidenceAbove(gt);
    }
    if (lt != null) {
      q = q.withConfidenceBelow(lt);
    }
    if (limit != null) {
      q = q.withLimit(limit);
    }
    if (box != null) {
      q = q.within(BoundingBox.parse(box).atResolution(res));
    }
    long[] ids;
    try (Remote remote = RamonRemotes.open(url, cli)) {
      ids = remote.ramon().queryRamon(q);
    }
    for (long id : ids) {
      cli.getOut().println(id);
    }
    return 0;
  }

  private static Status status(String s, CommandLine cli) {
    String t = s.strip();
    try {
      return t.matches("\\d+") ? Status.of(Integer.parseInt(t))
          : Status.valueOf(t.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cli, "--status " + s + ": expected unprocessed,"
          + " locked, processed, ignored or 0 to 3");
    }
  }
}
