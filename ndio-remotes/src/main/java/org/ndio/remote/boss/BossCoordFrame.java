package org.ndio.remote.boss;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import org.ndio.UnsupportedFeatureException;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.VoxelSize;

/**
 * A BOSS coordinate frame ({@code GET /v1/coord/{name}/}): the half-open extent
 * {@code [x_start, x_stop)} etc. of its experiments at resolution 0, and the voxel size there.
 *
 * @param voxelUnit {@code nanometers}, {@code micrometers}, {@code millimeters} or
 *     {@code centimeters}
 */
public record BossCoordFrame(String name, String description, long xStart, long xStop,
    long yStart, long yStop, long zStart, long zStop, double xVoxelSize, double yVoxelSize,
    double zVoxelSize, String voxelUnit) {

  // BOSS units and the singular names ndio's VoxelSize (and OME, NIfTI) use.
  private static final Map<String, String> UNITS = Map.of("nanometers", "nanometer",
      "micrometers", "micrometer", "millimeters", "millimeter", "centimeters", "centimeter");

  /** A frame to create covering {@code extent} with the given voxel size. */
  public static BossCoordFrame of(String name, BoundingBox extent, VoxelSize voxel) {
    return new BossCoordFrame(name, "", extent.x0(), extent.x1(), extent.y0(), extent.y1(),
        extent.z0(), extent.z1(), voxel.x(), voxel.y(), voxel.z(), bossUnit(voxel.unit()));
  }

  public static BossCoordFrame fromJson(JsonNode n) {
    String w = "BOSS coordinate frame";
    return new BossCoordFrame(BossJson.text(n, "name", w), BossJson.textOr(n, "description", ""),
        BossJson.integer(n, "x_start", w), BossJson.integer(n, "x_stop", w),
        BossJson.integer(n, "y_start", w), BossJson.integer(n, "y_stop", w),
        BossJson.integer(n, "z_start", w), BossJson.integer(n, "z_stop", w),
        BossJson.number(n, "x_voxel_size", w), BossJson.number(n, "y_voxel_size", w),
        BossJson.number(n, "z_voxel_size", w), BossJson.textOr(n, "voxel_unit", "nanometers"));
  }

  /** The frame as the service serialises it (the same fields make the creation body). */
  public ObjectNode toJson() {
    return BossJson.MAPPER.createObjectNode().put("name", name).put("description", description)
        .put("x_start", xStart).put("x_stop", xStop).put("y_start", yStart).put("y_stop", yStop)
        .put("z_start", zStart).put("z_stop", zStop).put("x_voxel_size", xVoxelSize)
        .put("y_voxel_size", yVoxelSize).put("z_voxel_size", zVoxelSize)
        .put("voxel_unit", voxelUnit);
  }

  /** {@code [x_start, x_stop) x [y_start, y_stop) x [z_start, z_stop)} at resolution 0. */
  public BoundingBox extent() {
    return new BoundingBox(xStart, xStop, yStart, yStop, zStart, zStop, 0);
  }

  /** The voxel size at resolution 0, its unit in ndio's singular form. */
  public VoxelSize voxelSize() {
    return new VoxelSize(xVoxelSize, yVoxelSize, zVoxelSize,
        UNITS.getOrDefault(voxelUnit, voxelUnit));
  }

  /** The BOSS name of a unit ({@code nm}, {@code nanometer} -> {@code nanometers}). */
  static String bossUnit(String unit) {
    String u = unit.trim().toLowerCase(Locale.ROOT);
    return switch (u) {
      case "nm", "nanometer", "nanometers", "nanometre", "nanometres" -> "nanometers";
      case "um", "\u00b5m", "\u03bcm", "micron", "microns", "micrometer", "micrometers",
          "micrometre", "micrometres" -> "micrometers";
      case "mm", "millimeter", "millimeters", "millimetre", "millimetres" -> "millimeters";
      case "cm", "centimeter", "centimeters", "centimetre", "centimetres" -> "centimeters";
      default -> throw new UnsupportedFeatureException("voxel unit '" + unit + "' has no BOSS"
          + " equivalent (nanometers, micrometers, millimeters or centimeters)");
    };
  }
}
