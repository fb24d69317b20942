package org.ndio.benchmarks.run;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.ndio.format.LocalFile;
import org.ndio.jobs.convert.Convert;
import org.ndio.storage.LocalStorage;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeUrl;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.volume.Size3;

/**
 * {@code ConvertRun OUT.jsonl REPS NAME OP SRC DST [COMPRESSOR [CHUNKS]]}: {@code ndio convert
 * --no-spark} (the library call, without the JVM's start-up) from SRC to a new DST, with the
 * given target compressor and chunks (the format's defaults if absent). The output of the run
 * before is removed outside the timed call: a conversion to a new target (the CLI's default)
 * is what is timed, not the deletion of the last one that an overwrite would add. The figure
 * is the bytes of voxels per second, the unit the physical limits are measured in. The
 * conversion uses all cores (the block being read overlaps the one being written, and both
 * sides work chunk- or section-parallel).
 */
public final class ConvertRun {

  private ConvertRun() {}

  public static void main(String[] args) throws Exception {
    Results out = new Results(Path.of(args[0]));
    // as many runs as the limits it is held to get (CodecStepsRun, peers.py limits): at least 3
    int reps = Math.max(3, Integer.parseInt(args[1]));
    String name = args[2];
    String op = args[3];
    String src = args[4];
    String dst = args[5];
    Optional<String> compressor = args.length > 6 ? Optional.of(args[6]) : Optional.empty();
    Optional<Size3> chunks = args.length > 7 ? Optional.of(Size3.parse(args[7]))
        : Optional.empty();
    long voxels;
    long bytes;
    try (VolumeReader r = Volumes.open(src)) {
      voxels = r.info().extent().voxels();
      bytes = voxels * r.info().dtype().bytes();
    }
    Convert.Options o = new Convert.Options(Optional.empty(), chunks, compressor,
        WriteMode.ERROR_IF_EXISTS);
    Path output = LocalFile.path(VolumeUrl.parse(dst));
    HeapPeak.reset();
    double s = Best.seconds(reps, () -> LocalStorage.deleteTree(output),
        () -> Convert.run(src, dst, o, Convert.Progress.NONE));
    out.add("convert", name, "ours", op, s, voxels, bytes,
        Map.of("peak_bytes", HeapPeak.bytes(), "threads",
            Runtime.getRuntime().availableProcessors()));
  }
}
