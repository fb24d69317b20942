package org.ndio.synthetic;

import java.io.Serializable;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.ndio.InvalidUrlException;
import org.ndio.NdioException;
import org.ndio.store.VolumeUrl;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.VoxelSize;

/**
 * What a {@code synthetic:} URL names: {@code synthetic:cells?shape=X,Y,Z&chunks=X,Y,Z&seed=N
 * &dtype=uint8} (EM-like greyscale) or {@code synthetic:cells-labels?...} (the cells' ids).
 * The same parameters (apart from {@code dtype}) give an image and a labels channel that
 * match voxel for voxel.
 *
 * @param labels whether this is the labels channel
 * @param spacing the grid one cell at most sits in (default 32,32,12 as EM cells look in
 *     voxels: fine in x and y, coarse in z)
 * @param fill the share of grid places holding a cell
 */
public record SyntheticSpec(boolean labels, Size3 shape, Size3 chunks, long seed, DataType dtype,
    Size3 spacing, double fill, VoxelSize voxelSize) implements Serializable {

  /** Image voxels of cells are at or above this fraction of the type's range, others below. */
  public static final double THRESHOLD_FRACTION = 0.5;

  private static final Set<String> KEYS =
      Set.of("shape", "chunks", "seed", "dtype", "spacing", "fill", "voxel");

  public SyntheticSpec {
    if (labels && !(dtype == DataType.UINT32 || dtype == DataType.UINT64)) {
      throw new InvalidUrlException("synthetic labels are uint32 or uint64, not " + dtype.numpyName());
    }
    if (!labels && !(dtype == DataType.UINT8 || dtype == DataType.UINT16)) {
      throw new InvalidUrlException("synthetic cells are uint8 or uint16, not " + dtype.numpyName());
    }
    if (spacing.x() < 8 || spacing.y() < 8 || spacing.z() < 8) {
      throw new InvalidUrlException("synthetic spacing " + spacing + " must be at least 8 on"
          + " every axis (a cell needs room for its membrane and a gap)");
    }
    if (!(fill >= 0 && fill <= 1)) {
      throw new InvalidUrlException("synthetic fill " + fill + " must lie in [0, 1]");
    }
    if (shape.x() > Integer.MAX_VALUE * spacing.x() || shape.y() > Integer.MAX_VALUE * spacing.y()
        || shape.z() > Integer.MAX_VALUE * spacing.z()) {
      throw new InvalidUrlException("synthetic shape " + shape + " is too large");
    }
  }

  /** Parses a {@code synthetic:} URL. */
  public static SyntheticSpec parse(VolumeUrl url) {
    String loc = url.location();
    int q = loc.indexOf('?');
    String kind = q < 0 ? loc : loc.substring(0, q);
    boolean labels = switch (kind) {
      case "cells" -> false;
      case "cells-labels" -> true;
      default -> throw new InvalidUrlException(url + ": unknown synthetic volume '" + kind
          + "' (known: cells, cells-labels)");
    };
    Map<String, String> p = new LinkedHashMap<>();
    if (q >= 0) {
      for (String pair : loc.substring(q + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String k = eq < 0 ? pair : pair.substring(0, eq);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        if (!KEYS.contains(k)) {
          throw new InvalidUrlException(url + ": unknown parameter '" + k + "' (known: "
              + String.join(", ", KEYS.stream().sorted().toList()) + ")");
        }
        p.put(k, v);
      }
    }
    try {
      Size3 shape = Size3.parse(p.getOrDefault("shape", "1024,1024,20"));
      Size3 chunks = Size3.parse(p.getOrDefault("chunks", "64,64,16"));
      long seed = Long.parseLong(p.getOrDefault("seed", "1"));
      DataType dtype = DataType.fromName(p.getOrDefault("dtype", labels ? "uint32" : "uint8"));
      Size3 spacing = Size3.parse(p.getOrDefault("spacing", "32,32,12"));
      double fill = Double.parseDouble(p.getOrDefault("fill", "0.8"));
      VoxelSize voxel = p.containsKey("voxel") ? VoxelSize.parse(p.get("voxel"))
          : new VoxelSize(4, 4, 40, "nanometer");
      return new SyntheticSpec(labels, shape, chunks, seed, dtype, spacing, fill, voxel);
    } catch (NumberFormatException e) {
      throw new InvalidUrlException(url + ": " + e.getMessage(), e);
    } catch (NdioException e) {
      throw e.getMessage().startsWith(url.toString()) ? e
          : new InvalidUrlException(url + ": " + e.getMessage(), e);
    }
  }

  /** The grid of cell places these parameters define. */
  public CellGrid grid() {
    return new CellGrid(seed, spacing, fill);
  }
}
