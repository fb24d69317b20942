package org.ndio.jobs.downsample;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.ndio.NdioException;
import org.ndio.VolumeExistsException;
import org.ndio.format.zarr.Multiscales;
import org.ndio.format.zarr.OmeZarr;
import org.ndio.jobs.convert.SparkConvert;
import org.ndio.jobs.kernel.Downsampling;
import org.ndio.jobs.kernel.Reduction;
import org.ndio.jobs.resume.CuboidSkip;
import org.ndio.jobs.resume.Journal;
import org.ndio.jobs.resume.JournalRequest;
import org.ndio.spark.Ndio;
import org.ndio.spark.source.NdioErrors;
import org.ndio.spark.source.TaskChunkWriter;
import org.ndio.store.ParallelWrite;
import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeUrl;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;
import org.ndio.volume.VoxelSize;

/**
 * Builds resolution levels of an OME-Zarr multiscale group with Spark. Levels are made in
 * passes: one pass reads the level it starts from once, in cuboids that are whole chunks of
 * every level it makes, and each task reduces its cuboid level after level in memory and
 * writes each level's chunks; a pass holds as many levels as keep its cuboids under {@link
 * Options#passBytes()}. A new group's first pass reads the source and writes level 0 from the
 * same cuboids. The group's metadata lists the new levels only after they are written.
 */
public final class Pyramid {

  /**
   * @param levels how many levels to add
   * @param factor the factor per level, or empty to choose per level from the voxel size
   *     (see {@link #autoFactor})
   * @param reduction mean/mode/max/min, or empty for mode on uint32/uint64 labels, mean else
   * @param out a new group to write (level 0 copied from the source), or empty to add levels
   *     to the source group itself
   * @param passBytes the largest cuboid of a pass, in voxel bytes of the level it reads
   * @param voxelSize level 0's voxel size for a new group, where the source has none or a
   *     wrong one (scales and automatic factors follow from it)
   */
  public record Options(int levels, Optional<Size3> factor, Optional<Reduction> reduction,
      Optional<String> out, long passBytes, Optional<VoxelSize> voxelSize) {

    public static Options of(int levels) {
      return new Options(levels, Optional.empty(), Optional.empty(), Optional.empty(),
          256L << 20, Optional.empty());
    }

    public Options withFactor(Size3 f) {
      return new Options(levels, Optional.ofNullable(f), reduction, out, passBytes, voxelSize);
    }

    public Options withReduction(Reduction r) {
      return new Options(levels, factor, Optional.ofNullable(r), out, passBytes, voxelSize);
    }

    public Options withOut(String url) {
      return new Options(levels, factor, reduction, Optional.ofNullable(url), passBytes,
          voxelSize);
    }

    public Options withPassBytes(long bytes) {
      return new Options(levels, factor, reduction, out, bytes, voxelSize);
    }

    public Options withVoxelSize(VoxelSize v) {
      return new Options(levels, factor, reduction, out, passBytes, Optional.ofNullable(v));
    }
  }

  /** The group's levels after the run: their extents and the factor each was made with. */
  public record Result(String group, List<BoundingBox> extents, List<Size3> factors,
      int passes) {}

  private Pyramid() {}

  public static Result run(SparkSession spark, String url, Options o) {
    return run(spark, url, o, JournalRequest.OFF);
  }

  /**
   * A pyramid build that keeps a journal as {@code resume} asks: each pass's cuboids and each
   * published pass are recorded, so a run that stops can be finished by another with {@code
   * resume}, which skips what is done and writes the same levels.
   */
  public static Result run(SparkSession spark, String url, Options o, JournalRequest resume) {
    try {
      return build(spark, url, o, resume);
    } catch (Exception e) { // Spark throws its checked SparkException from Scala
      throw NdioErrors.unwrap(e);
    }
  }

  private static Result build(SparkSession spark, String url, Options o,
      JournalRequest resume) {
    if (o.levels() < 1) {
      throw new NdioException("--levels must be at least 1");
    }
    String group = o.out().orElse(url);
    Journal journal = Journal.open(resume, String.join("\n", "downsample", "url " + url,
        "out " + o.out().orElse("none"), "levels " + o.levels(),
        "factor " + o.factor().map(Size3::toString).orElse("auto"),
        "reduction " + o.reduction().map(Reduction::name).orElse("default"),
        "pass bytes " + o.passBytes(),
        "voxel size " + o.voxelSize().map(VoxelSize::toString).orElse("default"),
        "level 0 written by the first pass", ""));
    Optional<Multiscales> existing = OmeZarr.multiscales(group);
    if (o.out().isPresent()) {
      if (!journal.flagged("started")) {
        requireNew(group, journal, existing);
        journal.flag("started");
      }
    } else if (existing.isEmpty()) {
      throw new NdioException(url + " is not an OME-Zarr multiscale group, so it cannot gain"
          + " levels in place; pass --out zarr:NEW_GROUP to start a pyramid from it");
    }
    // A new group's level 0 is written by the first pass, from the cuboids it reads from the
    // source to reduce: the source is read once, and the group lists level 0 once it is whole.
    boolean copyLevel0 = existing.isEmpty();
    VolumeInfo top;
    String name;
    String unit;
    List<Multiscales.Level> levels = new ArrayList<>();
    if (copyLevel0) {
      try (VolumeReader r = Volumes.open(url)) {
        top = r.info();
      }
      VoxelSize voxel = o.voxelSize().or(top::voxelSize)
          .orElse(new VoxelSize(1, 1, 1, "nanometer"));
      name = leaf(group);
      unit = voxel.unit();
      levels.add(new Multiscales.Level("0", new double[] {voxel.x(), voxel.y(), voxel.z()},
          new double[] {0, 0, 0}));
    } else {
      name = existing.get().name();
      unit = existing.get().unit();
      levels.addAll(existing.get().levels());
      try (VolumeReader r = Volumes.open(OmeZarr.member(group, levels.get(levels.size() - 1)
          .path()))) {
        top = r.info();
      }
    }
    // The levels the group had when the job began: a resumed run adds only what is missing.
    int base = Integer.parseInt(journal.noted("base").orElse(String.valueOf(levels.size())));
    journal.note("base", String.valueOf(base));
    if (levels.size() < base || levels.size() > base + o.levels()) {
      throw new NdioException(group + " has " + levels.size() + " levels, which the journal of"
          + " a run that began with " + base + " and adds " + o.levels() + " cannot explain");
    }
    Reduction how = o.reduction().orElse(top.dtype() == DataType.UINT64
        || top.dtype() == DataType.UINT32 ? Reduction.MODE : Reduction.MEAN);
    VoxelSize size = levels.get(base - 1).voxelSize(unit);
    List<Size3> factors = new ArrayList<>();
    for (int i = 0; i < o.levels(); i++) {
      Size3 f = o.factor().orElse(autoFactor(size));
      factors.add(f);
      size = new VoxelSize(size.x() * f.x(), size.y() * f.y(), size.z() * f.z(), size.unit());
    }

    int passes = 0;
    int done = levels.size() - base;
    while (done < factors.size()) {
      int start = levels.size() - 1;
      Journal passJournal = journal.stage("pass-" + (start + 1));
      String fromUrl = copyLevel0 ? url : OmeZarr.member(group, levels.get(start).path());
      BoundingBox from = top.extent();
      Size3 fromChunks = top.chunks();
      List<ParallelWrite> writes = new ArrayList<>();
      if (copyLevel0) {
        VolumeUrl target = VolumeUrl.parse(OmeZarr.member(group, "0"));
        VolumeSpec spec = VolumeSpec.of(top.dtype(), new Size3(from.sizeX(), from.sizeY(),
            from.sizeZ())).withVoxelSize(top.voxelSize().orElse(null));
        writes.add(passJournal.write("level-0", target, () -> Volumes.format(target)
            .beginParallel(target, spec, WriteMode.ERROR_IF_EXISTS)));
        top = writes.get(0).info(); // the chunks level 0 is written in
      }
      int k = levelsInPass(top, factors.subList(done, factors.size()), o.passBytes());
      List<Size3> pass = factors.subList(done, done + k);
      BoundingBox e = top.extent();
      for (Size3 f : pass) {
        e = BoundingBox.ofShape(Downsampling.reducedSize(e.sizeX(), f.x()),
            Downsampling.reducedSize(e.sizeY(), f.y()), Downsampling.reducedSize(e.sizeZ(), f.z()));
        String path = String.valueOf(start + writes.size() + (copyLevel0 ? 0 : 1));
        VolumeUrl target = VolumeUrl.parse(OmeZarr.member(group, path));
        VolumeSpec spec = VolumeSpec.of(top.dtype(), new Size3(e.sizeX(), e.sizeY(),
            e.sizeZ())).withChunks(top.chunks());
        writes.add(passJournal.write("level-" + path, target, () -> Volumes.format(target)
            .beginParallel(target, spec, WriteMode.ERROR_IF_EXISTS)));
      }
      Size3 total = product(pass);
      Size3 cuboid = new Size3(top.chunks().x() * total.x(), top.chunks().y() * total.y(),
          top.chunks().z() * total.z());
      Map<String, String> read = Map.of("cuboid", cuboid.toString());
      if (copyLevel0) {
        // Cuboids from the source's corner, so that they map onto whole chunks of each level;
        // lined up with the source's chunks too where that keeps them within the budget.
        Size3 aligned = SparkConvert.cuboid(fromChunks, cuboid);
        if (aligned.voxels() * top.dtype().bytes() <= o.passBytes()) {
          cuboid = aligned;
        }
        read = Map.of("box", from.toString(), "cuboid", cuboid.toString(), "anchor", "box");
      }
      try {
        Cuboids job = new Cuboids(from.x0(), from.y0(), from.z0(), copyLevel0,
            List.copyOf(pass), how, List.copyOf(writes));
        CuboidSkip.apply(Ndio.read(spark, fromUrl, read), passJournal.done())
            .queryExecution().toRdd().toJavaRDD().foreachPartition(
                rows -> reducePartition(rows, job, passJournal));
        for (ParallelWrite w : writes) {
          w.commit();
        }
      } catch (RuntimeException ex) {
        if (!journal.active()) {
          writes.forEach(ParallelWrite::abort); // with a journal, they stay for --resume
        }
        throw ex;
      }
      for (int i = 0; i < k; i++) {
        Multiscales.Level prev = levels.get(levels.size() - 1);
        Size3 f = pass.get(i);
        double[] scale = {prev.scaleXyz()[0] * f.x(), prev.scaleXyz()[1] * f.y(),
            prev.scaleXyz()[2] * f.z()};
        // A block's centre lies half a block from its first voxel's centre.
        double[] translation = {prev.translationXyz()[0] + (f.x() - 1) * prev.scaleXyz()[0] / 2,
            prev.translationXyz()[1] + (f.y() - 1) * prev.scaleXyz()[1] / 2,
            prev.translationXyz()[2] + (f.z() - 1) * prev.scaleXyz()[2] / 2};
        levels.add(new Multiscales.Level(String.valueOf(levels.size()), scale, translation));
      }
      OmeZarr.writeMultiscales(group, new Multiscales(name, unit, levels,
          how.name().toLowerCase(Locale.ROOT)));
      copyLevel0 = false;
      try (VolumeReader r = Volumes.open(OmeZarr.member(group,
          levels.get(levels.size() - 1).path()))) {
        top = r.info();
      }
      done += k;
      passes++;
    }
    journal.finish();
    List<BoundingBox> extents = new ArrayList<>();
    try (VolumeReader r = Volumes.open(group)) {
      for (int i = 0; i < r.levelCount(); i++) {
        extents.add(r.level(i).info().extent());
      }
    }
    return new Result(group, extents, factors, passes);
  }

  /** Refuses a group that is not OME-Zarr, or that exists where a run starts afresh. */
  private static void requireNew(String group, Journal journal,
      Optional<Multiscales> existing) {
    if (!VolumeUrl.parse(group).scheme().equals("zarr")) {
      throw new NdioException("--out " + group + ": pyramids are written as OME-Zarr groups"
          + " (zarr:PATH)");
    }
    if (!journal.resumed() && (Volumes.format(VolumeUrl.parse(group))
        .exists(VolumeUrl.parse(group)) || existing.isPresent())) {
      throw new VolumeExistsException(group + " already exists");
    }
  }

  private static String leaf(String url) {
    String t = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    return t.substring(Math.max(t.lastIndexOf('/'), t.indexOf(':')) + 1);
  }

  /**
   * What a pass's tasks do with its cuboids: read at {@code (x0, y0, z0)} of the level the pass
   * starts from (its first voxel lands at 0, 0, 0), written as read when {@code copy} (level 0
   * of a new group, the first of {@code writes}), and reduced by each factor in turn into the
   * other writes.
   */
  private record Cuboids(long x0, long y0, long z0, boolean copy, List<Size3> factors,
      Reduction how, List<ParallelWrite> writes) implements Serializable {}

  /** One task: each cuboid reduced level after level, each level written at its place. */
  private static void reducePartition(Iterator<InternalRow> rows, Cuboids job,
      Journal journal) {
    // The rows stay on Spark's task thread (they carry its task context).
    List<ParallelWrite.ChunkWriter> out = new ArrayList<>();
    try {
      for (ParallelWrite w : job.writes()) {
        out.add(TaskChunkWriter.open(w));
      }
      while (rows.hasNext()) {
        InternalRow r = rows.next(); // x0, y0, z0, x1, y1, z1, dtype, data
        long x0 = r.getLong(0);
        long y0 = r.getLong(1);
        long z0 = r.getLong(2);
        String key = Journal.key(x0, y0, z0);
        Volume v = Volume.wrap(DataType.fromName(r.getUTF8String(6).toString()),
            (int) (r.getLong(3) - x0), (int) (r.getLong(4) - y0), (int) (r.getLong(5) - z0),
            r.getBinary(7));
        x0 -= job.x0();
        y0 -= job.y0();
        z0 -= job.z0();
        if (job.copy()) {
          out.get(0).write(x0, y0, z0, v);
        }
        int next = job.copy() ? 1 : 0;
        for (Size3 f : job.factors()) {
          v = Downsampling.reduce(v, f, job.how());
          // Cuboids start on multiples of every pass factor: corners divide exactly.
          x0 /= f.x();
          y0 /= f.y();
          z0 /= f.z();
          out.get(next++).write(x0, y0, z0, v);
        }
        journal.mark(key);
      }
    } finally {
      out.forEach(ParallelWrite.ChunkWriter::close);
    }
  }

  /**
   * The factor that brings voxels closer to isotropic: 2 on every axis where doubling keeps
   * the voxel within 1.5 times the largest side (so 2, 2, 1 while z is much coarser, as for
   * serial-section EM), and 2 on all axes once the sides are within 1.5 of each other.
   */
  public static Size3 autoFactor(VoxelSize v) {
    double max = Math.max(v.x(), Math.max(v.y(), v.z()));
    double min = Math.min(v.x(), Math.min(v.y(), v.z()));
    if (max / min < 1.5) {
      return new Size3(2, 2, 2);
    }
    return new Size3(v.x() * 2 <= max * 1.5 ? 2 : 1, v.y() * 2 <= max * 1.5 ? 2 : 1,
        v.z() * 2 <= max * 1.5 ? 2 : 1);
  }

  /** How many of the next levels one pass makes: as many as keep cuboids under budget. */
  private static int levelsInPass(VolumeInfo from, List<Size3> next, long budget) {
    long bytes = from.chunks().voxels() * from.dtype().bytes();
    int k = 0;
    for (Size3 f : next) {
      bytes *= f.voxels();
      if (k > 0 && bytes > budget) {
        break;
      }
      k++;
    }
    return k;
  }

  private static Size3 product(List<Size3> factors) {
    long x = 1;
    long y = 1;
    long z = 1;
    for (Size3 f : factors) {
      x *= f.x();
      y *= f.y();
      z *= f.z();
    }
    return new Size3(x, y, z);
  }
}
