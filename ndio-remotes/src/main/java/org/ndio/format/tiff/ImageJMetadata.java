package org.ndio.format.tiff;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ndio.volume.VoxelSize;

/**
 * The voxel size as ImageJ (and Fiji, tifffile's {@code imagej=True}) stores it: an
 * ImageDescription of {@code key=value} lines starting {@code ImageJ=}, whose {@code unit} names
 * the unit and {@code spacing} the z step, with XResolution and YResolution in pixels per unit.
 */
final class ImageJMetadata {

  private ImageJMetadata() {}

  /** The key/value lines of an ImageJ description, or empty if it is not one. */
  static Optional<Map<String, String>> parse(String description) {
    if (description == null || !description.startsWith("ImageJ=")) {
      return Optional.empty();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : description.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        out.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    return Optional.of(out);
  }

  /**
   * The voxel size of an ImageJ page from its pixel width and height (the reciprocals of
   * XResolution and YResolution): needs a unit other than {@code pixel} and a width; the height
   * falls back to the width and z to 1 unit, as in ImageJ's own calibration.
   */
  static Optional<VoxelSize> voxelSize(Map<String, String> imagej, Optional<Double> width,
      Optional<Double> height) {
    String unit = imagej.get("unit");
    if (unit == null || unit.isBlank() || unit.equalsIgnoreCase("pixel") || width.isEmpty()) {
      return Optional.empty();
    }
    double x = width.get();
    double y = height.orElse(x);
    double z = 1;
    try {
      z = Double.parseDouble(imagej.getOrDefault("spacing", "1"));
    } catch (NumberFormatException e) {
      // ImageJ itself falls back to 1 for an unreadable spacing
    }
    if (!(z > 0) || !Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(z)) {
      return Optional.empty();
    }
    return Optional.of(new VoxelSize(x, y, z, unitName(unit)));
  }

  /** ImageJ's unit spellings as the unit names VoxelSize uses. */
  static String unitName(String imagejUnit) {
    String u = imagejUnit.trim();
    return switch (u.toLowerCase(Locale.ROOT)) {
      case "nm", "nanometer", "nanometre" -> "nanometer";
      case "um", "micron", "microns", "\u00b5m", "\\u00b5m", "micrometer", "micrometre" ->
          "micrometer";
      case "mm", "millimeter", "millimetre" -> "millimeter";
      case "cm", "centimeter", "centimetre" -> "centimeter";
      case "m", "meter", "metre" -> "meter";
      default -> u;
    };
  }

  /** Our unit names in ImageJ's spelling (ImageJ writes {@code micron} for micrometres). */
  static String imagejUnit(String unit) {
    return switch (unit) {
      case "nanometer" -> "nm";
      case "micrometer" -> "micron";
      case "millimeter" -> "mm";
      case "centimeter" -> "cm";
      case "meter" -> "m";
      default -> unit;
    };
  }

  /** The description ndio writes: ImageJ's minimal form with the stack size and calibration. */
  static String description(int images, VoxelSize v) {
    StringBuilder s = new StringBuilder("ImageJ=1.11a\n");
    if (images > 1) {
      s.append("images=").append(images).append('\n');
      s.append("slices=").append(images).append('\n');
    }
    s.append("unit=").append(imagejUnit(v.unit())).append('\n');
    s.append("spacing=").append(v.z()).append('\n');
    s.append("loop=false\n");
    return s.toString();
  }

  /**
   * {@code 1 / size} as a TIFF RATIONAL {num, den} of unsigned 32-bit parts, exact for sizes
   * with up to six decimals (4.6 nm is 1000000/4600000 pixels per nm).
   */
  static long[] resolution(double size) {
    long scale = 1_000_000;
    while (scale > 1 && size * scale > 0xFFFF_FFFFL) {
      scale /= 10;
    }
    long den = Math.max(1, Math.min(0xFFFF_FFFFL, Math.round(size * scale)));
    return new long[] {scale, den};
  }
}
