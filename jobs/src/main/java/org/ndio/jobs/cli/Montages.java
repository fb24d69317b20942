package org.ndio.jobs.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ndio.jobs.kernel.mesh.Mesh;
import org.ndio.jobs.kernel.mesh.Meshes;
import org.ndio.jobs.mesh.MeshJob;
import org.ndio.jobs.preview.MeshPicture;
import org.ndio.jobs.preview.Montage;
import org.ndio.jobs.preview.Picture;
import org.ndio.jobs.preview.SliceImage;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Volume;
import org.ndio.volume.VoxelSize;

/** The {@code --montage} pictures of count and mesh: read what the job made, draw, write. */
final class Montages {

  /** Sections in a count montage, and per row. */
  static final int SECTIONS = 6;
  static final int COLUMNS = 3;

  private Montages() {}

  /**
   * Sections of {@code box} of {@code url}, one from each of {@link #SECTIONS} slabs (the one
   * with the most object voxels centred on it, {@code weight[z - z0]}), with the objects of the
   * label volume {@code labels} overlaid (written by count with the box's corner at its origin).
   */
  static Picture count(String url, int level, BoundingBox box, String labels, long objects,
      long[] weight, Path file) {
    long[] z = Montage.busiest(box.z0(), box.z1(), SECTIONS, weight);
    List<Volume> grey = new ArrayList<>();
    List<Volume> ids = new ArrayList<>();
    try (VolumeReader src = Volumes.open(url); VolumeReader lab = Volumes.open(labels)) {
      VolumeReader in = src.level(level);
      for (long s : z) {
        grey.add(in.read(new BoundingBox(box.x0(), box.x1(), box.y0(), box.y1(), s, s + 1,
            level)));
        ids.add(lab.read(new BoundingBox(0, box.sizeX(), 0, box.sizeY(), s - box.z0(),
            s - box.z0() + 1)));
      }
    }
    Picture p = Montage.sections(grey, ids, z, COLUMNS, objects + " objects in " + url
        + " " + box);
    SliceImage.writePng(p.image(), file);
    return p;
  }

  /** The x-y, x-z and y-z views of the meshes written, over the box that was meshed. */
  static Picture mesh(String url, MeshJob.Options o, List<MeshJob.Written> written,
      Path file) {
    BoundingBox box;
    VoxelSize scale;
    try (VolumeReader src = Volumes.open(url)) {
      VolumeReader in = src.level(o.resolution());
      box = o.box().orElse(in.info().extent());
      scale = MeshJob.scale(in.info(), o);
    }
    Map<Long, Mesh> meshes = new LinkedHashMap<>();
    for (MeshJob.Written w : written) {
      meshes.put(w.id(), Meshes.read(Path.of(w.file()))
          .scaled(1 / scale.x(), 1 / scale.y(), 1 / scale.z()));
    }
    Picture p = MeshPicture.projections(meshes, box, MeshPicture.stretchZ(scale.x(),
        scale.z()), written.size() + " meshes of " + url
        + " " + box + ": x-y, x-z, y-z");
    SliceImage.writePng(p.image(), file);
    return p;
  }
}
