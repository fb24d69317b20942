package org.ndio.jobs.mesh;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.ndio.NdioException;
import org.ndio.StorageException;
import org.ndio.jobs.kernel.mesh.CellBlock;
import org.ndio.jobs.kernel.mesh.KeyedMesh;
import org.ndio.jobs.kernel.mesh.MarchingCubes;
import org.ndio.jobs.kernel.mesh.Mesh;
import org.ndio.jobs.kernel.mesh.MeshFormat;
import org.ndio.jobs.kernel.mesh.MeshSelection;
import org.ndio.jobs.kernel.mesh.Meshes;
import org.ndio.jobs.kernel.mesh.SurfaceMeasure;
import org.ndio.jobs.spark.SparkProgress;
import org.ndio.jobs.resume.Journal;
import org.ndio.jobs.resume.JournalRequest;
import org.ndio.spark.source.NdioErrors;
import org.ndio.spark.source.TaskThread;
import org.ndio.storage.LocalStorage;
import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.ChunkGrid;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;
import org.ndio.volume.VoxelSize;
import scala.Tuple2;

/**
 * Meshes objects of a volume in parallel, seam-free: each task meshes the cells of its cuboids
 * (reading one voxel beyond them on the high sides, see {@link CellBlock#forCuboid}), the
 * pieces of each object are gathered by id and welded by their exact vertex keys, then scaled
 * to physical units, optionally simplified, and written one file per object.
 */
public final class MeshJob {

  private static final String STAGING = ".ndio-staging-";

  /** Cuboids whose objects one writing task gathers, about (see {@link #writeTasks}). */
  static final int CUBOIDS_PER_WRITE_TASK = 4;

  /** Default work unit, rounded up to whole chunks. */
  public static final Size3 DEFAULT_CUBOID = new Size3(256, 256, 64);

  /**
   * @param selection which voxels make which objects
   * @param box the part of the volume to mesh (all if empty); coordinates stay the volume's
   * @param cuboid the work unit (rounded up to whole chunks)
   * @param scale voxel size for vertex coordinates (the volume's own if empty; 1 if it has none)
   * @param format obj, ply or ply-binary
   * @param simplify the share of triangles to keep (1: no simplification)
   * @param out the directory that receives {@code ID.obj} / {@code ID.ply}
   * @param resolution the level to mesh
   */
  public record Options(MeshSelection selection, Optional<BoundingBox> box,
      Optional<Size3> cuboid, Optional<VoxelSize> scale, MeshFormat format, double simplify,
      Path out, int resolution) {

    public static Options of(MeshSelection selection, Path out) {
      return new Options(selection, Optional.empty(), Optional.empty(), Optional.empty(),
          MeshFormat.OBJ, 1.0, out, 0);
    }

    public Options withCuboid(Size3 c) {
      return new Options(selection, box, Optional.ofNullable(c), scale, format, simplify, out,
          resolution);
    }

    public Options withBox(BoundingBox b) {
      return new Options(selection, Optional.ofNullable(b), cuboid, scale, format, simplify,
          out, resolution);
    }

    public Options withScale(VoxelSize s) {
      return new Options(selection, box, cuboid, Optional.ofNullable(s), format, simplify, out,
          resolution);
    }

    public Options withFormat(MeshFormat f) {
      return new Options(selection, box, cuboid, scale, f, simplify, out, resolution);
    }

    public Options withSimplify(double ratio) {
      return new Options(selection, box, cuboid, scale, format, ratio, out, resolution);
    }

    public Options withResolution(int level) {
      return new Options(selection, box, cuboid, scale, format, simplify, out, level);
    }
  }

  /** One written mesh: its object id, file, size, enclosed volume and area (physical units). */
  public record Written(long id, String file, int vertices, int triangles, double volume,
      double area) implements Serializable {}

  private MeshJob() {}

  public static List<Written> run(SparkSession spark, String url, Options o) {
    return run(spark, url, o, JournalRequest.OFF);
  }

  /**
   * A mesh job that keeps a journal as {@code resume} asks: each cuboid's mesh pieces are kept
   * there once made, so a run that stops can be finished by another with {@code resume}
   * without meshing those cuboids again; the files are the same.
   */
  public static List<Written> run(SparkSession spark, String url, Options o,
      JournalRequest resume) {
    try {
      return mesh(spark, url, o, resume);
    } catch (Exception e) { // Spark throws its checked SparkException from Scala
      throw NdioErrors.unwrap(e);
    }
  }

  private static List<Written> mesh(SparkSession spark, String url, Options o,
      JournalRequest resume) {
    if (!(o.simplify() > 0 && o.simplify() <= 1)) {
      throw new NdioException("--simplify must be a share of triangles in (0, 1], got "
          + o.simplify());
    }
    VolumeInfo info;
    try (VolumeReader r = Volumes.open(url)) {
      info = r.level(o.resolution()).info();
    }
    BoundingBox box = o.box().orElse(info.extent());
    info.extent().requireContains(box, url);
    Size3 cuboid = new ChunkGrid(info.chunks()).roundUp(o.cuboid().orElse(DEFAULT_CUBOID));
    VoxelSize scale = scale(info, o);
    try {
      Files.createDirectories(o.out());
    } catch (IOException e) {
      throw new StorageException("cannot create " + o.out() + ": " + e.getMessage(), e);
    }
    List<BoundingBox> cuboids = new ChunkGrid(info.chunks()).cuboids(box, cuboid);
    int level = o.resolution();
    MeshSelection selection = o.selection();
    String out = o.out().toAbsolutePath().toString();
    MeshFormat format = o.format();
    double ratio = o.simplify();
    Journal journal = Journal.open(resume, String.join("\n", "mesh", "url " + url,
        "box " + box, "resolution " + level, "cuboid " + cuboid, "selection " + selection,
        "scale " + scale, "format " + format, "simplify " + ratio, ""));
    if (journal.active()) {
      removeStrays(o.out());
    }
    Journal meshed = journal.stage("pieces");
    List<String> done = meshed.done();
    Set<String> skip = new HashSet<>(done);
    List<BoundingBox> todo = cuboids.stream()
        .filter(c -> !skip.contains(Journal.key(c.x0(), c.y0(), c.z0()))).toList();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    // Named as the ndio source's metric, so progress listeners count these voxels alike.
    LongAccumulator voxels = jsc.sc().longAccumulator(SparkProgress.VOXELS);
    // One cuboid a task: a task keeps its cuboids' pieces until it returns them, so a fixed
    // number of tasks would hold a share of the whole volume's meshes each.
    JavaRDD<BoundingBox> work = jsc.parallelize(todo, Math.max(1, todo.size()));
    // Pieces are measured for the written mesh's volume and area, unless it is simplified.
    VoxelSize measureBy = ratio < 1 ? null : scale;
    JavaPairRDD<Long, Tuple2<KeyedMesh, SurfaceMeasure>> pieces = work.mapPartitionsToPair(
        it -> pieces(url, level, box, selection, measureBy, it, voxels, meshed));
    if (!done.isEmpty()) {
      pieces = pieces.union(jsc.parallelize(done,
          Math.max(1, Math.min(done.size(), 4 * jsc.defaultParallelism())))
          .flatMapToPair(k -> PiecesCodec.decode(meshed.result(k), meshed.location() + " " + k)
              .stream().map(t -> measured(t._1(), t._2(), measureBy)).iterator()));
    }
    List<Written> written = pieces
        .groupByKey(writeTasks(cuboids.size(), jsc.defaultParallelism()))
        .mapPartitions(objects -> write(objects, scale, ratio, format, out))
        .collect();
    journal.finish();
    List<Written> sorted = new ArrayList<>(written);
    sorted.sort((a, b) -> Long.compare(a.id(), b.id()));
    return sorted;
  }

  /**
   * How many tasks weld and write the objects: one for about every {@link
   * #CUBOIDS_PER_WRITE_TASK} cuboids, so that a task holds the pieces of a few cuboids' worth of
   * objects however large the volume, and at least one a core. One per cuboid, as the meshing
   * stage has, left most of them empty where objects span many cuboids: on the ssTEM threshold
   * mesh (one object, 16 cuboids), the writing stage took 0.17 s in local[1] with 16 tasks
   * and 0.09 s with 2, of runs of 0.5-0.6 s.
   */
  static int writeTasks(int cuboids, int cores) {
    int byData = (cuboids + CUBOIDS_PER_WRITE_TASK - 1) / CUBOIDS_PER_WRITE_TASK;
    return Math.max(1, Math.min(cuboids, Math.max(cores, byData)));
  }

  /** The voxel size vertex coordinates are scaled by: the option, the volume's, or 1. */
  public static VoxelSize scale(VolumeInfo info, Options o) {
    return o.scale().or(info::voxelSize).orElse(new VoxelSize(1, 1, 1, null));
  }

  private static Iterator<Tuple2<Long, Tuple2<KeyedMesh, SurfaceMeasure>>> pieces(String url,
      int level, BoundingBox box, MeshSelection selection, VoxelSize measureBy,
      Iterator<BoundingBox> cuboids, LongAccumulator voxels, Journal journal) {
    List<Tuple2<Long, Tuple2<KeyedMesh, SurfaceMeasure>>> out = new ArrayList<>();
    try (VolumeReader opened = Volumes.open(url); TaskThread thread = new TaskThread()) {
      VolumeReader r = opened.level(level);
      while (cuboids.hasNext()) {
        BoundingBox c = cuboids.next();
        CellBlock block = CellBlock.forCuboid(c, box);
        Volume v = thread.call(() -> r.read(block.voxels()));
        voxels.add(v.voxels());
        List<Tuple2<Long, KeyedMesh>> mine = new ArrayList<>();
        for (Map.Entry<Long, KeyedMesh> e : MarchingCubes.mesh(v, block, selection).entrySet()) {
          // Canonical here, in parallel, so that the one task that writes an object merges
          // its pieces rather than sorting them all.
          mine.add(new Tuple2<>(e.getKey(), e.getValue().canonical()));
        }
        if (journal.active()) {
          journal.mark(Journal.key(c.x0(), c.y0(), c.z0()), PiecesCodec.encode(mine));
        }
        mine.forEach(t -> out.add(measured(t._1(), t._2(), measureBy)));
      }
    }
    return out.iterator();
  }

  /**
   * A piece with its area and volume sums at voxel size {@code scale} (none where null), taken
   * here, in parallel, so that the task that writes a large object does not walk its triangles
   * once more.
   */
  private static Tuple2<Long, Tuple2<KeyedMesh, SurfaceMeasure>> measured(long id,
      KeyedMesh piece, VoxelSize scale) {
    return new Tuple2<>(id, new Tuple2<>(piece, scale == null ? SurfaceMeasure.EMPTY
        : SurfaceMeasure.of(piece, scale.x(), scale.y(), scale.z())));
  }

  /** Temporary files and staging directories of mesh writes that a stopped run cut short. */
  private static void removeStrays(Path dir) {
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        String name = p.getFileName().toString();
        if (name.matches("\\..+\\.ndio-tmp-[0-9a-f-]{36}")) {
          Files.deleteIfExists(p);
        } else if (name.matches(STAGING + "[0-9]+") && Files.isDirectory(p)) {
          LocalStorage.deleteTree(p);
        }
      }
    } catch (IOException e) {
      throw new StorageException("cannot clean " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes a task's objects, each through a staging directory of the task's own. Tasks that
   * created their temporary files in the shared output directory queued for its lock, one
   * spinning while the other's file system looked for a free inode (6% of the CPU of mesh 8x
   * in local[2] on ext4, by perf).
   */
  private static Iterator<Written> write(
      Iterator<Tuple2<Long, Iterable<Tuple2<KeyedMesh, SurfaceMeasure>>>> objects,
      VoxelSize scale, double ratio, MeshFormat format, String dir) throws IOException {
    List<Written> written = new ArrayList<>();
    if (!objects.hasNext()) {
      return written.iterator();
    }
    Path staging = Files.createTempDirectory(Path.of(dir), STAGING);
    try {
      while (objects.hasNext()) {
        Tuple2<Long, Iterable<Tuple2<KeyedMesh, SurfaceMeasure>>> t = objects.next();
        List<KeyedMesh> pieces = new ArrayList<>();
        SurfaceMeasure measure = SurfaceMeasure.EMPTY;
        for (Tuple2<KeyedMesh, SurfaceMeasure> p : t._2()) {
          pieces.add(p._1());
          measure = measure.plus(p._2());
        }
        written.add(write(t._1(), KeyedMesh.weld(pieces), measure, scale, ratio, format, dir,
            staging));
      }
      return written.iterator();
    } finally {
      LocalStorage.deleteTree(staging);
    }
  }

  private static Written write(long id, KeyedMesh welded, SurfaceMeasure measure,
      VoxelSize scale, double ratio, MeshFormat format, String dir, Path staging) {
    Mesh m = welded.toMesh(scale.x(), scale.y(), scale.z());
    if (ratio < 1) {
      m = m.simplified(ratio);
    }
    Path file = Path.of(dir, id + format.extension());
    Meshes.writeStaged(m, file, format, staging);
    // a simplified mesh is measured as written; the pieces' sums describe the full one
    boolean simplified = ratio < 1;
    return new Written(id, file.toString(), m.vertexCount(), m.triangleCount(),
        simplified ? m.volume() : measure.volume(), simplified ? m.area() : measure.area());
  }
}
