package org.ndio.jobs.resume;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.ndio.NdioException;
import org.ndio.storage.Storage;
import org.ndio.storage.Storages;
import org.ndio.store.ParallelWrite;
import org.ndio.store.VolumeUrl;
import org.ndio.store.Volumes;

/**
 * The record of a job's finished work, so that a run stopped at any point (killed, crashed,
 * failed) can be finished by another without doing the work again. A directory of small
 * files, each written atomically (temporary name, then rename): {@code job} (what the job
 * is: a resumed run must be the same job), {@code writes/NAME} (each output volume's {@link
 * ParallelWrite#resumeState}), and per stage {@code STAGE/done/KEY}, one file per finished
 * cuboid written after its output is, holding whatever the job must keep of it (nothing for a
 * copy; a cuboid's analysis for a count). Tasks write markers themselves, so a cuboid counts as
 * done only once its own writes returned. A finished job removes its journal.
 *
 * <p>Serializable: only the location travels to tasks, which open the storage themselves.
 */
public final class Journal implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final String HEADER = "ndio journal 1\n";

  private final String location;
  private final String stage;
  private final boolean resumed;
  private transient Storage storage;

  private Journal(String location, String stage, boolean resumed) {
    this.location = location;
    this.stage = stage;
    this.resumed = resumed;
  }

  /** A journal that records nothing, for runs that are not to be resumed. */
  public static Journal off() {
    return new Journal(null, "", false);
  }

  /**
   * Opens the journal {@code request} names for a job described by {@code job} (every input
   * and option that shapes its output, one per line): a new one, or, with {@code resume}, the
   * one an earlier run of the same job left.
   */
  public static Journal open(JournalRequest request, String job) {
    if (request.location().isEmpty()) {
      return off();
    }
    String loc = request.location().get();
    Storage s = Storages.at(loc);
    Optional<byte[]> existing = s.read("job");
    if (existing.isPresent()) {
      String was = new String(existing.get(), StandardCharsets.UTF_8);
      if (request.resume()) {
        if (!was.equals(HEADER + job)) {
          throw new JournalException(loc + " is the journal of a different job, which cannot"
              + " be resumed as this one (" + firstDifference(was, HEADER + job) + ")");
        }
        return new Journal(s.location(), "", true);
      }
      if (!request.restart()) {
        throw new JournalException(loc + " holds the journal of an interrupted run of this"
            + " job: pass --resume to finish it" + request.restartHint());
      }
      discard(s);
    }
    s.write("job", (HEADER + job).getBytes(StandardCharsets.UTF_8));
    return new Journal(s.location(), "", false);
  }

  private static String firstDifference(String was, String now) {
    String[] a = was.split("\n");
    String[] b = now.split("\n");
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      if (!a[i].equals(b[i])) {
        return "it has '" + a[i] + "' where this run has '" + b[i] + "'";
      }
    }
    return "it has " + a.length + " lines, this run " + b.length;
  }

  /** Throws away an old journal and the unfinished outputs it lists. */
  private static void discard(Storage s) {
    for (String name : s.list("writes")) {
      if (name.startsWith(".")) {
        continue;
      }
      String[] w = new String(s.read("writes/" + name).orElseThrow(), StandardCharsets.UTF_8)
          .split("\n", 2);
      try {
        VolumeUrl url = VolumeUrl.parse(w[0]);
        Volumes.format(url).resumeParallel(url, w[1]).abort();
      } catch (NdioException | ArrayIndexOutOfBoundsException e) {
        // Gone already, or published: nothing of it to remove.
      }
    }
    s.deleteRoot();
  }

  private Storage storage() {
    if (storage == null) {
      storage = Storages.at(location);
    }
    return storage;
  }

  /** Whether this journal records anything (false for {@link #off()}). */
  public boolean active() {
    return location != null;
  }

  /** The journal's directory, for messages. */
  public String location() {
    return location;
  }

  /** A part of the job with cuboids of its own (a pass, a second sweep). */
  public Journal stage(String name) {
    return new Journal(location, stage + name + "/", resumed);
  }

  /** Whether this run carries on from a journal an earlier run left. */
  public boolean resumed() {
    return resumed;
  }

  /** Keeps a value the job needs when resumed (e.g. where it started). */
  public void note(String name, String value) {
    if (active()) {
      storage().write(stage + "notes/" + name, value.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** What {@link #note} kept under {@code name}, if anything. */
  public Optional<String> noted(String name) {
    if (!active()) {
      return Optional.empty();
    }
    return storage().read(stage + "notes/" + name)
        .map(b -> new String(b, StandardCharsets.UTF_8));
  }

  /** The keys of the cuboids finished in this stage. */
  public List<String> done() {
    if (!active()) {
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    for (String k : storage().list(stage + "done")) {
      if (!k.startsWith(".")) { // skips temporary files of markers cut short
        keys.add(k);
      }
    }
    return keys;
  }

  /** Records that cuboid {@code key} is finished and keeps {@code result} for it. */
  public void mark(String key, byte[] result) {
    if (active()) {
      storage().write(stage + "done/" + key, result);
    }
  }

  /** Records that cuboid {@code key} is finished. */
  public void mark(String key) {
    mark(key, new byte[0]);
  }

  /** What {@link #mark(String, byte[])} kept for cuboid {@code key}. */
  public byte[] result(String key) {
    return storage().read(stage + "done/" + key).orElseThrow(() -> new JournalException(
        location + ": no record of cuboid " + key));
  }

  /** Whether {@link #flag} was called with {@code name} (in this stage). */
  public boolean flagged(String name) {
    return active() && storage().exists(stage + "flags/" + name);
  }

  /** Records a step of the job that is over (a pass published, metadata written). */
  public void flag(String name) {
    if (active()) {
      storage().write(stage + "flags/" + name, new byte[0]);
    }
  }

  /**
   * The parallel write called {@code name}: the one an earlier run began, reopened, else a new
   * one from {@code begin}, recorded before any task writes to it.
   */
  public ParallelWrite write(String name, VolumeUrl url, Supplier<ParallelWrite> begin) {
    if (!active()) {
      return begin.get();
    }
    String key = "writes/" + (stage + name).replace('/', '.');
    Optional<byte[]> old = storage().read(key);
    if (old.isPresent()) {
      String[] w = new String(old.get(), StandardCharsets.UTF_8).split("\n", 2);
      VolumeUrl was = VolumeUrl.parse(w[0]);
      return Volumes.format(was).resumeParallel(was, w[1]);
    }
    ParallelWrite write;
    try {
      write = begin.get();
    } catch (RuntimeException e) {
      if (storage().list("writes").isEmpty() && storage().list(stage + "done").isEmpty()) {
        finish(); // nothing began: leave no journal to stand in the way of the next run
      }
      throw e;
    }
    String state = write.resumeState().orElseThrow(() -> new JournalException(url
        + ": this target cannot be resumed, so the job cannot keep a journal"));
    storage().write(key, (url + "\n" + state).getBytes(StandardCharsets.UTF_8));
    return write;
  }

  /**
   * Removes the journal: the job is done. A stage keeps its records until the whole job is
   * done, so a run stopped just after the stage still finds the stage complete.
   */
  public void finish() {
    if (active() && stage.isEmpty()) {
      storage().deleteRoot();
    }
  }

  /** The key of the cuboid with its lowest corner at {@code (x, y, z)}. */
  public static String key(long x, long y, long z) {
    return x + "_" + y + "_" + z;
  }

  /** The corner {@code {x, y, z}} a {@link #key} names. */
  public static long[] corner(String key) {
    String[] p = key.split("_");
    if (p.length != 3) {
      throw new JournalException("not a cuboid key in a journal: " + key);
    }
    try {
      return new long[] {Long.parseLong(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2])};
    } catch (NumberFormatException e) {
      throw new JournalException("not a cuboid key in a journal: " + key);
    }
  }
}
