package org.ndio.jobs.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ndio.jobs.kernel.mesh.KeyedMesh;
import org.ndio.jobs.kernel.mesh.MarchingCubes;
import org.ndio.jobs.kernel.mesh.Mesh;
import org.ndio.jobs.kernel.mesh.MeshFormat;
import org.ndio.jobs.kernel.mesh.MeshInvariants;
import org.ndio.jobs.kernel.mesh.MeshSelection;
import org.ndio.jobs.kernel.mesh.Meshes;
import org.ndio.jobs.resume.JournalRequest;
import org.ndio.spark.SparkExtension;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.testing.SharedData;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;
import org.ndio.volume.VoxelSize;

/**
 * The distributed mesh job against the kernel run once over the whole volume: for every cuboid
 * shape, each object's file holds the same surface (same counts, volume and area), closed and
 * manifold, so the seams between cuboids are invisible.
 */
@ExtendWith(SparkExtension.class)
class MeshJobTest {

  @TempDir
  static Path dir;

  static Volume labels;

  /** Blobs of three labels, touching each other and the volume's faces. */
  @BeforeAll
  static void volume() {
    Random r = new Random(11);
    labels = Volume.allocate(DataType.UINT32, 40, 36, 18);
    for (int i = 0; i < 14; i++) {
      int cx = r.nextInt(40);
      int cy = r.nextInt(36);
      int cz = r.nextInt(18);
      int rad = 3 + r.nextInt(6);
      long id = 1 + r.nextInt(3);
      for (int z = 0; z < 18; z++) {
        for (int y = 0; y < 36; y++) {
          for (int x = 0; x < 40; x++) {
            double d = Math.pow(x - cx, 2) + Math.pow(y - cy, 2) + Math.pow(2 * (z - cz), 2);
            if (d <= rad * rad) {
              labels.setLong(x, y, z, id);
            }
          }
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"8,8,8", "1,40,5", "13,7,2", "64,64,64"})
  void everyCuboidShapeGivesTheWholeVolumesSurfaces(String cuboid, SparkSession spark)
      throws Exception {
    String url = "zarr:" + dir.resolve("labels-" + cuboid.replace(',', 'x'));
    TestVolumes.write(url, labels, Size3.parse(cuboid), null);
    Path out = dir.resolve("meshes-" + cuboid.replace(',', 'x'));
    VoxelSize scale = new VoxelSize(4, 4, 40, "nanometer");
    List<MeshJob.Written> written = MeshJob.run(spark, url,
        MeshJob.Options.of(MeshSelection.allLabels(), out).withCuboid(Size3.parse(cuboid))
            .withScale(scale).withFormat(MeshFormat.PLY_BINARY));
    Map<Long, KeyedMesh> whole = MarchingCubes.mesh(labels, MeshSelection.allLabels());
    assertEquals(whole.keySet().stream().sorted().toList(),
        written.stream().map(MeshJob.Written::id).toList());
    for (MeshJob.Written w : written) {
      Mesh expected = whole.get(w.id()).toMesh(4, 4, 40);
      assertEquals(expected.triangleCount(), w.triangles(), "object " + w.id());
      assertEquals(expected.vertexCount(), w.vertices(), "object " + w.id());
      assertEquals(expected.volume(), w.volume(), 1e-6 * Math.abs(expected.volume()));
      assertEquals(expected.area(), w.area(), 1e-6 * expected.area());
      Mesh read = Meshes.read(Path.of(w.file()));
      MeshInvariants.check(read); // closed, manifold, consistently oriented
      assertEquals(expected.area(), read.area(), 1e-4 * expected.area(), "float32 file");
      assertTrue(read.volume() > 0, "outward normals");
    }
    try (var files = Files.list(out)) {
      assertEquals(written.stream().map(w -> Path.of(w.file()).getFileName().toString())
          .sorted().toList(),
          files.map(f -> f.getFileName().toString()).sorted().toList(),
          "the meshes alone: no staging directory or temporary file left");
    }
  }

  /**
   * What a stopped run leaves in the output directory (a task's staging directory with a
   * half-written mesh, a temporary file beside a target) is removed by the next run that keeps
   * a journal; the meshes themselves are written whole.
   */
  @Test
  void aJournaledRunRemovesWhatAStoppedRunLeft(SparkSession spark) throws Exception {
    String url = "zarr:" + dir.resolve("labels-strays");
    TestVolumes.write(url, labels, new Size3(16, 16, 8), null);
    Path out = Files.createDirectories(dir.resolve("meshes-strays"));
    Path staging = Files.createDirectories(out.resolve(".ndio-staging-1234567"));
    Files.write(staging.resolve("1.ply"), new byte[] {'p', 'l'});
    Files.write(out.resolve(".1.ply.ndio-tmp-" + UUID.randomUUID()), new byte[3]);
    Path keep = Files.write(out.resolve("notes.txt"), new byte[] {'x'});
    List<MeshJob.Written> written = MeshJob.run(spark, url,
        MeshJob.Options.of(MeshSelection.allLabels(), out).withCuboid(new Size3(16, 16, 8)),
        JournalRequest.inside(out.toString(), false, ""));
    List<String> names = new ArrayList<>(written.stream()
        .map(w -> Path.of(w.file()).getFileName().toString()).toList());
    names.add(keep.getFileName().toString());
    try (var files = Files.list(out)) {
      assertEquals(names.stream().sorted().toList(),
          files.map(f -> f.getFileName().toString()).sorted().toList(),
          "the meshes and the user's own file");
    }
    for (MeshJob.Written w : written) {
      MeshInvariants.check(Meshes.read(Path.of(w.file())));
    }
  }

  /** The mitochondria of the real ssTEM stack through the job, cut into many cuboids. */
  @Test
  void sharedStackMitochondriaMeshClosedAcrossCuboids(SparkSession spark) {
    Path stack = SharedData.drosophilaStack();
    String url = "zarr:" + dir.resolve("mito");
    Volume mito;
    try (VolumeReader r = Volumes.open("png:" + stack.resolve("mitochondria"))) {
      mito = r.readAll();
    }
    TestVolumes.write(url, mito, new Size3(256, 256, 5), null);
    List<MeshJob.Written> written = MeshJob.run(spark, url,
        MeshJob.Options.of(MeshSelection.threshold(128), dir.resolve("mito-meshes"))
            .withScale(new VoxelSize(4.6, 4.6, 50, "nanometer")));
    Mesh whole = MarchingCubes.mesh(mito, MeshSelection.threshold(128)).get(1L)
        .toMesh(4.6, 4.6, 50);
    assertEquals(1, written.size());
    assertEquals(whole.triangleCount(), written.get(0).triangles());
    Mesh read = Meshes.read(Path.of(written.get(0).file()));
    MeshInvariants.check(read);
    assertEquals(whole.volume(), read.volume(), 1e-4 * whole.volume());
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.3})
  void thresholdsAndSimplificationKeepMeshesClosed(double ratio, SparkSession spark) {
    String url = "zarr:" + dir.resolve("threshold");
    if (!Files.exists(dir.resolve("threshold"))) {
      TestVolumes.write(url, labels, new Size3(16, 16, 8), null);
    }
    Path out = dir.resolve("simplified");
    List<MeshJob.Written> written = MeshJob.run(spark, url,
        MeshJob.Options.of(MeshSelection.threshold(1), out).withSimplify(ratio));
    assertEquals(1, written.size());
    Mesh full = MarchingCubes.mesh(labels, MeshSelection.threshold(1)).get(1L).toMesh();
    Mesh read = Meshes.read(Path.of(written.get(0).file()));
    MeshInvariants.check(read);
    assertTrue(read.triangleCount() <= full.triangleCount() * (ratio + 0.05),
        read.triangleCount() + " of " + full.triangleCount());
    assertEquals(full.volume(), read.volume(), 0.02 * full.volume());
  }
}
