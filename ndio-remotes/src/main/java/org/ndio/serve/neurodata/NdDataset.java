package org.ndio.serve.neurodata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ndio.volume.Size3;

/**
 * A dataset as ndstore stores it (level 0 only) and the per-level values it derives, by
 * ndstore's rules: each level halves x and y ({@code ((size - 1) >> r) + 1}, offsets {@code
 * offset >> r}), and z too when scaling is isotropic; the cube is 128x128x16 while the level's
 * voxels are more than half as deep as wide (z slices), else 64x64x64.
 *
 * @param scalingOption 0 z slices, 1 isotropic ({@code xyz})
 */
record NdDataset(String name, String description, List<Long> imageSize, List<Long> offset,
    List<Double> voxelRes, int scalingLevels, int scalingOption, int isPublic) {

  static final int ZSLICES = 0;

  NdDataset {
    imageSize = List.copyOf(imageSize);
    offset = List.copyOf(offset);
    voxelRes = List.copyOf(voxelRes);
  }

  boolean zslices() {
    return scalingOption == ZSLICES;
  }

  boolean hasLevel(int r) {
    return r >= 0 && r <= scalingLevels;
  }

  /** Image size {x, y, z} at level {@code r}. */
  long[] imageSize(int r) {
    return new long[] {((imageSize.get(0) - 1) >> r) + 1, ((imageSize.get(1) - 1) >> r) + 1,
        zslices() ? imageSize.get(2) : ((imageSize.get(2) - 1) >> r) + 1};
  }

  long[] offset(int r) {
    return new long[] {offset.get(0) >> r, offset.get(1) >> r,
        zslices() ? offset.get(2) : offset.get(2) >> r};
  }

  double[] voxelRes(int r) {
    double f = 1 << r;
    return new double[] {voxelRes.get(0) * f, voxelRes.get(1) * f,
        zslices() ? voxelRes.get(2) : voxelRes.get(2) * f};
  }

  Size3 cube(int r) {
    if (zslices() && voxelRes.get(2) / voxelRes.get(0) / (1 << r) > 0.5) {
      return new Size3(128, 128, 16);
    }
    return new Size3(64, 64, 64);
  }

  /** Downsampling from level {@code r - 1} to {@code r}: 2, 2, 1 for z slices, else 2, 2, 2. */
  Size3 factor() {
    return new Size3(2, 2, zslices() ? 1 : 2);
  }

  /** ndstore's near-isotropic z reduction at level {@code r} (1 where voxels are cubic). */
  long nearIsoScaleDown(int r) {
    double[] v = voxelRes(r);
    double xz = v[2] / v[1];
    if (xz >= 1.0) {
      return 1;
    }
    double p = 1 / xz;
    return (Math.ceil(p) - p) / p <= (p - Math.floor(p)) / p ? (long) Math.ceil(p)
        : (long) Math.floor(p);
  }

  /** The {@code dataset} object of {@code info/}. */
  Map<String, Object> infoDict() {
    Map<String, Object> d = new LinkedHashMap<>();
    Map<String, Object> size = new LinkedHashMap<>();
    Map<String, Object> off = new LinkedHashMap<>();
    Map<String, Object> res = new LinkedHashMap<>();
    Map<String, Object> cube = new LinkedHashMap<>();
    Map<String, Object> superCube = new LinkedHashMap<>();
    Map<String, Object> isoDown = new LinkedHashMap<>();
    Map<String, Object> isoOff = new LinkedHashMap<>();
    Map<String, Object> isoRes = new LinkedHashMap<>();
    Map<String, Object> isoSize = new LinkedHashMap<>();
    List<Object> levels = new ArrayList<>();
    for (int r = 0; r <= scalingLevels; r++) {
      String k = String.valueOf(r);
      levels.add(r);
      long[] s = imageSize(r);
      long[] o = offset(r);
      double[] v = voxelRes(r);
      Size3 c = cube(r);
      long down = nearIsoScaleDown(r);
      size.put(k, List.of(s[0], s[1], s[2]));
      off.put(k, List.of(o[0], o[1], o[2]));
      res.put(k, List.of(v[0], v[1], v[2]));
      cube.put(k, List.of(c.x(), c.y(), c.z()));
      superCube.put(k, List.of(c.x() * 4, c.y() * 4, c.z() * 4));
      isoDown.put(k, down);
      isoSize.put(k, List.of(s[0], s[1], s[2] / down));
      isoRes.put(k, List.of(v[0], v[1], v[2] * down));
      isoOff.put(k, List.of((double) o[0], (double) o[1], (double) o[2] / down));
    }
    d.put("name", name);
    d.put("scalinglevels", scalingLevels);
    d.put("scaling", zslices() ? "zslices" : "xyz");
    d.put("resolutions", levels);
    d.put("imagesize", size);
    d.put("offset", off);
    d.put("voxelres", res);
    d.put("cube_dimension", cube);
    d.put("supercube_dimension", superCube);
    if (zslices()) {
      d.put("neariso_scaledown", isoDown);
      d.put("neariso_offset", isoOff);
      d.put("neariso_voxelres", isoRes);
      d.put("neariso_imagesize", isoSize);
    }
    d.put("description", description);
    return d;
  }
}
