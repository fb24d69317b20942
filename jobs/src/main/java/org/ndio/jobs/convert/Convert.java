package org.ndio.jobs.convert;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.ndio.NdioException;
import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeWriter;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * Copies a box of any readable volume into a new volume of any writable format, in one
 * process. Work goes in blocks aligned to the target's chunks, so no chunk is written twice and
 * memory stays bounded by one block however large the volume; the target appears only once
 * everything is written.
 */
public final class Convert {

  /** Aim for blocks of about this many bytes: large enough to keep the codecs busy. */
  static final long BLOCK_BYTES = 64L << 20;

  /**
   * What to copy and how to store it.
   *
   * @param box the part of the source to copy (its whole extent if empty); the target's origin
   *     is the box's lowest corner
   * @param chunks chunk shape of the target (the format's default if empty)
   * @param compressor compressor spec of the target (the format's default if empty)
   * @param resolution the source's resolution level to copy (the box is at that level)
   */
  public record Options(Optional<BoundingBox> box, Optional<Size3> chunks,
      Optional<String> compressor, WriteMode mode, int resolution) {

    /** Options at resolution level 0. */
    public Options(Optional<BoundingBox> box, Optional<Size3> chunks, Optional<String> compressor,
        WriteMode mode) {
      this(box, chunks, compressor, mode, 0);
    }

    public static Options defaults() {
      return new Options(Optional.empty(), Optional.empty(), Optional.empty(),
          WriteMode.ERROR_IF_EXISTS);
    }
  }

  /** Reports progress after each block. */
  public interface Progress {
    void block(long doneVoxels, long totalVoxels);

    Progress NONE = (d, t) -> {};
  }

  /** What was copied, and how many requests to remotes had to be sent again. */
  public record Result(VolumeInfo target, BoundingBox box, long voxels, long blocks,
      long retries) {}

  private Convert() {}

  public static Result run(String source, String target, Options options, Progress progress) {
    return run(source, target, options, progress, BLOCK_BYTES);
  }

  /** {@link #run} with blocks of about {@code blockBytes}; tests use small ones. */
  static Result run(String source, String target, Options options, Progress progress,
      long blockBytes) {
    try (VolumeReader opened = Volumes.open(source)) {
      VolumeReader in = opened.level(options.resolution());
      VolumeInfo info = in.info();
      BoundingBox box = options.box().orElse(info.extent());
      info.extent().requireContains(box, source);
      try (VolumeWriter out = Volumes.create(target, targetSpec(info, box, options),
          options.mode())) {
        Size3 block = blockShape(out.info().chunks(), box, info.dtype().bytes(), blockBytes);
        List<BoundingBox> blocks = blocks(box, block);
        if (RawCopy.copy(in, out, box, blocks, progress)
            || ChunkCopy.copy(in, out, box, blocks, progress)) {
          out.commit();
          return new Result(out.info(), box, box.voxels(), blocks.size(),
              in.stats().retries() + out.stats().retries());
        }
        long done = 0;
        // The next block is read while this one is encoded and written: both sides use the
        // cores in their own way (sections inflated or chunks decoded in parallel, chunks
        // encoded in parallel), and neither waits for the other. Memory stays at two blocks.
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
          Thread t = new Thread(r, "ndio-convert-reader");
          t.setDaemon(true);
          return t;
        });
        // Written blocks of the full shape are read into again: a fresh array per block
        // (zeroed, and for G1 a humongous object that starts a collection) cost about as much
        // as reading it. Writers copy what they are given, so a written block is free again.
        Queue<Volume> spare = new ConcurrentLinkedQueue<>();
        try {
          Deque<Future<Volume>> ahead = new ArrayDeque<>();
          int next = 0;
          for (BoundingBox b : blocks) {
            while (next < blocks.size() && ahead.size() < 2) {
              BoundingBox r = blocks.get(next++);
              ahead.add(reader.submit(() -> readBlock(in, r, block, spare)));
            }
            Volume v = take(ahead.poll(), source);
            out.write(b.x0() - box.x0(), b.y0() - box.y0(), b.z0() - box.z0(), v);
            if (v.shape().hasShape(block)) {
              spare.add(v);
            }
            done += b.voxels();
            progress.block(done, box.voxels());
          }
        } finally {
          stop(reader);
        }
        long blockCount = blocks.size();
        out.commit();
        return new Result(out.info(), box, done, blockCount,
            in.stats().retries() + out.stats().retries());
      }
    }
  }

  /** Reads {@code box} into a spare volume where it has the full block shape. */
  static Volume readBlock(VolumeReader in, BoundingBox box, Size3 block,
      Queue<Volume> spare) {
    Volume v = box.hasShape(block) ? spare.poll() : null;
    if (v == null) {
      v = Volume.allocate(in.info().dtype(), box);
    }
    in.readInto(box, v);
    return v;
  }

  /** The blocks of shape {@code block} that tile {@code box}, z slowest, clipped to it. */
  static List<BoundingBox> blocks(BoundingBox box, Size3 block) {
    List<BoundingBox> out = new ArrayList<>();
    for (long z = box.z0(); z < box.z1(); z += block.z()) {
      for (long y = box.y0(); y < box.y1(); y += block.y()) {
        for (long x = box.x0(); x < box.x1(); x += block.x()) {
          out.add(new BoundingBox(x, Math.min(box.x1(), x + block.x()), y,
              Math.min(box.y1(), y + block.y()), z, Math.min(box.z1(), z + block.z()),
              box.resolution()));
        }
      }
    }
    return out;
  }

  // After a failed write the read under way still runs: wait for it before the source closes.
  private static void stop(ExecutorService reader) {
    reader.shutdownNow();
    try {
      reader.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The block a read gave, or the error it ended with, as thrown on the reading side. */
  private static Volume take(Future<Volume> read, String source) {
    try {
      return read.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new NdioException(source + ": read failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NdioException(source + ": interrupted while reading");
    }
  }

  /** The new volume a copy of {@code box} of a source described by {@code info} makes. */
  static VolumeSpec targetSpec(VolumeInfo info, BoundingBox box, Options options) {
    return VolumeSpec.of(info.dtype(), new Size3(box.sizeX(), box.sizeY(), box.sizeZ()))
        .withChunks(options.chunks().orElse(null))
        .withCompressor(options.compressor().orElse(null))
        .withVoxelSize(info.voxelSize().orElse(null));
  }

  /**
   * A whole number of target chunks per axis, about {@code budget} bytes, never larger
   * than the box: grown along x to the box's width first, then along y, then z, while it fits.
   * Blocks of whole rows read each source row once: a TIFF strip or npy row cut by two blocks
   * side by side in x would be read, and a strip inflated, once for each of them.
   */
  static Size3 blockShape(Size3 chunks, BoundingBox box, int bytesPerVoxel, long budget) {
    long[] size = {Math.min(chunks.x(), box.sizeX()), Math.min(chunks.y(), box.sizeY()),
        Math.min(chunks.z(), box.sizeZ())};
    long[] limit = {box.sizeX(), box.sizeY(), box.sizeZ()};
    // A single chunk above the budget (whole-file formats report the whole volume as one
    // chunk) is cut down to sections: such formats accept writes of any shape.
    while (size[0] * size[1] * size[2] * bytesPerVoxel > budget && size[2] > 1) {
      size[2] = Math.max(1, size[2] / 2);
    }
    long[] unit = size.clone();
    for (int a = 0; a < 3; a++) {
      long others = bytesPerVoxel * size[(a + 1) % 3] * size[(a + 2) % 3];
      if (others == 0 || unit[a] == 0) {
        continue; // an empty box: one (empty) block
      }
      long fit = Math.max(unit[a], budget / others / unit[a] * unit[a]);
      size[a] = Math.min(limit[a], Math.max(size[a], fit));
    }
    return new Size3(size[0], size[1], size[2]);
  }
}
