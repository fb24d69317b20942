package org.ndio.jobs.cli.ramon;

import java.util.Arrays;
import org.ndio.remote.RamonRemote;
import org.ndio.remote.Remote;
import org.ndio.remote.neurodata.NeuroDataRemote;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import picocli.CommandLine;

/** Opening the remote a RAMON command names, and reading id lists. */
final class RamonRemotes {

  private RamonRemotes() {}

  /** The remote at {@code url}; a usage error if it names a file format. */
  static Remote open(String url, CommandLine cli) {
    VolumeReader r = Volumes.open(url);
    if (r instanceof Remote remote) {
      return remote;
    }
    r.close();
    throw new CommandLine.ParameterException(cli, url + ": RAMON objects live on remotes;"
        + " expected a neurodata:, boss: or dvid: URL");
  }

  /** The remote's RAMON objects, {@code batch} ids per request where the service batches. */
  static RamonRemote ramon(Remote remote, int batch) {
    return remote instanceof NeuroDataRemote n ? n.ramon(batch) : remote.ramon();
  }

  /** {@code 1,2,3} (spaces allowed); a usage error naming what was wrong. */
  static long[] ids(String text, CommandLine cli) {
    try {
      long[] ids = Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty())
          .mapToLong(Long::parseLong).toArray();
      if (ids.length == 0 || Arrays.stream(ids).anyMatch(i -> i <= 0)) {
        throw new NumberFormatException();
      }
      return ids;
    } catch (NumberFormatException e) {
      throw new CommandLine.ParameterException(cli, "'" + text + "' is not a list of RAMON ids"
          + " (positive integers separated by commas)");
    }
  }
}
