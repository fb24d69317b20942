package org.ndio.jobs.kernel.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.jobs.kernel.ComponentStats;
import org.ndio.jobs.kernel.Components;
import org.ndio.jobs.kernel.ConnectedComponents;
import org.ndio.jobs.kernel.Connectivity;
import org.ndio.jobs.kernel.Foreground;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeWriter;
import org.ndio.store.Volumes;
import org.ndio.store.VolumeSpec;
import org.ndio.store.WriteMode;
import org.ndio.testing.Python;
import org.ndio.testing.SharedData;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * The mitochondria of the shared ssTEM stack (voxels >= 128, 18-connected components): the
 * two largest objects and four others at random, meshed in one pass over the labels and in
 * cuboids, are closed manifolds with the topology of their voxels; all objects together are
 * exactly the mesh of the whole mask; written in every format they load in our reader and in a
 * numpy one, closed, with skimage's volume and area for the same object within 1%.
 */
class SharedStackMeshTest {

  @TempDir
  Path dir;

  @Test
  void mitochondriaMeshAndLoad() throws Exception {
    Path stack = SharedData.drosophilaStack();
    Volume mask;
    try (VolumeReader r = Volumes.open("png:" + stack.resolve("mitochondria"))) {
      mask = r.readAll();
    }
    Components cc = ConnectedComponents.label(mask, new Foreground.AtLeast(128),
        Connectivity.EDGES);
    Volume labels = cc.toVolume(DataType.UINT32);
    ComponentStats s = cc.stats();
    Integer[] bySize = new Integer[s.size()];
    for (int i = 0; i < bySize.length; i++) {
      bySize[i] = i;
    }
    Arrays.sort(bySize, (a, b) -> Long.compare(s.voxels[b], s.voxels[a]));
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      ids.add(bySize[i] + 1L);
    }
    Random r = new Random(4);
    while (ids.size() < 6) {
      long id = 1 + r.nextInt(s.size());
      if (!ids.contains(id)) {
        ids.add(id);
      }
    }
    long[] idArray = ids.stream().mapToLong(Long::longValue).toArray();
    Map<Long, KeyedMesh> meshes = MarchingCubes.mesh(labels, MeshSelection.labels(idArray));
    assertEquals(ids.size(), meshes.size());
    Map<Long, KeyedMesh> cut = MarchingCubesTest.meshInCuboids(labels, new long[] {0, 0, 0},
        300, 250, 7, MeshSelection.labels(idArray));
    StringBuilder objects = new StringBuilder();
    for (long id : ids) {
      KeyedMesh m = meshes.get(id).canonical();
      assertEquals(m, cut.get(id), "object " + id + " cut in cuboids");
      int i = (int) id - 1;
      // The object with a margin: its topology, and the crop Python meshes with skimage.
      BoundingBox box = new BoundingBox(Math.max(0, s.minX[i] - 1), Math.min(1024, s.maxX[i] + 2),
          Math.max(0, s.minY[i] - 1), Math.min(1024, s.maxY[i] + 2), Math.max(0, s.minZ[i] - 1),
          Math.min(20, s.maxZ[i] + 2));
      Volume crop = labels.view(box).copy();
      MarchingCubesTest.checkObject(crop, id, m);
      try (VolumeWriter w = Volumes.create("npy:" + dir.resolve(id + ".npy"),
          VolumeSpec.of(DataType.UINT32, new Size3(crop.sizeX(), crop.sizeY(), crop.sizeZ())),
          WriteMode.OVERWRITE)) {
        w.write(0, 0, 0, crop);
        w.commit();
      }
      Mesh physical = m.toMesh(4.6, 4.6, 50);
      Meshes.writeObj(physical, dir.resolve(id + ".obj"));
      Meshes.writePly(physical, dir.resolve(id + ".ply"));
      Meshes.writePlyBinary(physical, dir.resolve(id + "-bin.ply"));
      for (String suffix : new String[] {".obj", ".ply", "-bin.ply"}) {
        Mesh back = Meshes.read(dir.resolve(id + suffix));
        assertEquals(physical.triangleCount(), back.triangleCount());
        assertEquals(physical.volume(), back.volume(), 1e-4 * physical.volume());
        MeshInvariants.check(back);
      }
      objects.append(id).append(',');
    }
    // All components together are the mask's mesh: 18-components share no vertex.
    KeyedMesh whole = MarchingCubes.mesh(mask, MeshSelection.threshold(128)).get(1L)
        .canonical();
    KeyedMesh all = KeyedMesh.weld(MarchingCubes.mesh(labels, MeshSelection.allLabels())
        .values());
    assertEquals(whole, all);

    Python.require("numpy", "skimage");
    String script = PythonMeshes.READER + PythonMeshes.SKIMAGE + """
        import sys, json
        out = sys.argv[1]
        res = {}
        for i in sys.argv[2].strip(',').split(','):
            crop = np.load(f'{out}/{i}.npy')
            vol, area = skimage_mesh(crop == int(i), (50.0, 4.6, 4.6))
            for suffix in ('.obj', '.ply', '-bin.ply'):
                v, f = read_mesh(f'{out}/{i}{suffix}')
                ov, oa = measures(v, f)
                res[i + suffix] = {'closed': closed(f), 'volume': ov, 'area': oa,
                                   'skvolume': vol, 'skarea': area}
        print(json.dumps(res))
        """;
    JsonNode got = new ObjectMapper().readTree(Python.run(script, dir.toString(),
        objects.toString()));
    for (long id : ids) {
      for (String suffix : new String[] {".obj", ".ply", "-bin.ply"}) {
        JsonNode g = got.get(id + suffix);
        String what = "object " + id + suffix + " " + g;
        assertTrue(g.get("closed").asBoolean(), what);
        assertEquals(g.get("skvolume").asDouble(), g.get("volume").asDouble(),
            0.01 * g.get("skvolume").asDouble(), what);
        assertEquals(g.get("skarea").asDouble(), g.get("area").asDouble(),
            0.01 * g.get("skarea").asDouble(), what);
      }
    }
  }
}
