package org.ndio.jobs.resume;

import java.io.Serializable;
import java.util.Optional;
import org.ndio.UnsupportedFeatureException;
import org.ndio.storage.Storage;
import org.ndio.storage.Storages;
import org.ndio.store.VolumeUrl;

/**
 * Where a job keeps its journal and what to do with one left by an interrupted run: carry on
 * ({@code resume}), throw it away with what it wrote ({@code restart}), or else refuse to run.
 *
 * @param location the journal's directory (a path or Hadoop URI), or empty for no journal
 * @param restartHint how to start again, for the message that refuses to run
 */
public record JournalRequest(Optional<String> location, boolean resume, boolean restart,
    String restartHint) implements Serializable {

  /** No journal: the job cannot be resumed (library calls, tests). */
  public static final JournalRequest OFF =
      new JournalRequest(Optional.empty(), false, false, "");

  /** The hidden directory next to a job's output: {@code .NAME.ndio-journal}. */
  public static JournalRequest beside(String location, boolean resume, boolean restart,
      String restartHint) {
    Storage s = Storages.at(location);
    String trimmed = location.endsWith("/")
        ? location.substring(0, location.length() - 1) : location;
    String leaf = trimmed.substring(trimmed.lastIndexOf('/') + 1);
    return new JournalRequest(Optional.of(s.sibling("." + leaf + ".ndio-journal").location()),
        resume, restart, restartHint);
  }

  /**
   * The journal of a job writing the volume {@code url}: next to it for {@code zarr:} volumes;
   * none for other targets (remotes take writes in place and are simply written again), where
   * asking to resume is an error.
   */
  public static JournalRequest besideVolume(String url, boolean resume, boolean restart,
      String restartHint) {
    VolumeUrl u = VolumeUrl.parse(url);
    if (!u.scheme().equals("zarr")) {
      if (resume) {
        throw new UnsupportedFeatureException("--resume needs a zarr: target, not " + url
            + " (writes to remotes can simply be repeated: each box is posted whole)");
      }
      return OFF;
    }
    return beside(u.location(), resume, restart, restartHint);
  }

  /** A journal in a hidden {@code .ndio-journal} directory inside {@code dir}. */
  public static JournalRequest inside(String dir, boolean resume, String restartHint) {
    return new JournalRequest(Optional.of(Storages.at(dir).child(".ndio-journal").location()),
        resume, false, restartHint);
  }
}
