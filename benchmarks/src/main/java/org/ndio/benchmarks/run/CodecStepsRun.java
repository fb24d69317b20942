package org.ndio.benchmarks.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.ndio.codec.Blosc;
import org.ndio.codec.ChunkEncoder;
import org.ndio.codec.Codec;
import org.ndio.codec.Codecs;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * {@code CodecStepsRun OUT.jsonl REPS NAME NPY ZARR CHUNKS}: the codec steps of the zarr
 * conversions done by our Java codecs on all cores, on the same chunks as peers.py's C
 * reference ({@code limit-codec-c}): blosc-lz4 and blosc-zstd encoding of the volume's chunks
 * and lz4 decoding of the stored chunks of ZARR, each worker keeping its encoder or output
 * buffer as the zarr reader and writer do. The report takes the faster implementation of
 * each step as that step's limit, so a limit is never looser than the best codec we know.
 */
public final class CodecStepsRun {

  private CodecStepsRun() {}

  public static void main(String[] args) throws Exception {
    Results out = new Results(Path.of(args[0]));
    int reps = Math.max(3, Integer.parseInt(args[1]));
    String name = args[2];
    Size3 c = Size3.parse(args[5]);
    List<byte[]> pieces = new ArrayList<>();
    long bytes;
    try (VolumeReader r = Volumes.open(args[3])) {
      Volume v = r.read(r.info().extent());
      bytes = v.voxels() * v.dtype().bytes();
      for (int z = 0; z < v.sizeZ(); z += (int) c.z()) {
        for (int y = 0; y < v.sizeY(); y += (int) c.y()) {
          for (int x = 0; x < v.sizeX(); x += (int) c.x()) {
            pieces.add(v.view(x, y, z, Math.min((int) c.x(), v.sizeX() - x),
                Math.min((int) c.y(), v.sizeY() - y), Math.min((int) c.z(), v.sizeZ() - z))
                .copy().array());
          }
        }
      }
    }
    List<byte[]> stored;
    try (Stream<Path> files = Files.walk(Path.of(args[4]))) {
      stored = files.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().startsWith("."))
          .map(CodecStepsRun::read).toList();
    }
    int chunkBytes = (int) (c.x() * c.y() * c.z());
    Codec lz4 = Codecs.parse("blosc:lz4:5:byte");
    Codec zstd = Codecs.parse("blosc:zstd:5:byte");
    int cores = Runtime.getRuntime().availableProcessors();
    Map<String, Object> extra = Map.of("threads", cores);
    out.add("limit", name, "limit-codec-java", "lz4-encode",
        Best.seconds(reps, () -> encodeAll(lz4, pieces, cores)), bytes, bytes, extra);
    out.add("limit", name, "limit-codec-java", "lz4-decode",
        Best.seconds(reps, () -> decodeAll(stored, chunkBytes, cores)), bytes, bytes, extra);
    out.add("limit", name, "limit-codec-java", "zstd-encode",
        Best.seconds(reps, () -> encodeAll(zstd, pieces, cores)), bytes, bytes, extra);
  }

  /**
   * Encodes every piece, one worker per core taking pieces off a counter with an encoder it
   * keeps (as the zarr writer's workers do): the fastest way our codecs know.
   */
  private static long encodeAll(Codec codec, List<byte[]> pieces, int cores) {
    AtomicInteger next = new AtomicInteger();
    return IntStream.range(0, cores).parallel().mapToLong(w -> {
      long n = 0;
      try (ChunkEncoder e = codec.encoder()) {
        for (int i = next.getAndIncrement(); i < pieces.size(); i = next.getAndIncrement()) {
          n += e.encode(pieces.get(i), 1).length();
        }
      }
      return n;
    }).sum();
  }

  /** Decodes every frame, each worker into one buffer of its own (as the zarr reader). */
  private static long decodeAll(List<byte[]> frames, int chunkBytes, int cores) {
    AtomicInteger next = new AtomicInteger();
    return IntStream.range(0, cores).parallel().mapToLong(w -> {
      long n = 0;
      byte[] out = new byte[chunkBytes];
      for (int i = next.getAndIncrement(); i < frames.size(); i = next.getAndIncrement()) {
        n += Blosc.decodeInto(frames.get(i), out, 0);
      }
      return n;
    }).sum();
  }

  private static byte[] read(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
