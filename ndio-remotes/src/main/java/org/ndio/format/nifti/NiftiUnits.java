package org.ndio.format.nifti;

import java.util.Locale;
import org.ndio.UnsupportedFeatureException;

/**
 * The spatial unit codes of the NIfTI-1 {@code xyzt_units} field (its low three bits) and the
 * unit names ndio uses. NIfTI-1 has no nanometer code, so nanometers are written as
 * micrometers with the sizes divided by 1000.
 */
final class NiftiUnits {

  static final int UNKNOWN = 0;
  static final int METER = 1;
  static final int MILLIMETER = 2;
  static final int MICROMETER = 3;

  /** A unit code and the factor that turns sizes in the named unit into that code's unit. */
  record Target(int code, double factor) {}

  private NiftiUnits() {}

  /** The unit name for the spatial part of {@code xyztUnits}. */
  static String name(int xyztUnits) {
    return switch (xyztUnits & 0x07) {
      case METER -> "meter";
      case MILLIMETER -> "millimeter";
      case MICROMETER -> "micrometer";
      default -> "unknown";
    };
  }

  /** The code to write for a voxel-size unit, e.g. {@code mm}, {@code micrometer}, {@code nm}. */
  static Target forUnit(String unit, String label) {
    String u = unit == null ? "" : unit.trim().toLowerCase(Locale.ROOT);
    return switch (u) {
      case "", "unknown" -> new Target(UNKNOWN, 1);
      case "m", "meter", "metre", "meters", "metres" -> new Target(METER, 1);
      case "mm", "millimeter", "millimetre", "millimeters", "millimetres" ->
          new Target(MILLIMETER, 1);
      case "um", "\u00b5m", "\u03bcm", "micron", "microns", "micrometer", "micrometre",
          "micrometers", "micrometres" -> new Target(MICROMETER, 1);
      case "nm", "nanometer", "nanometre", "nanometers", "nanometres" ->
          new Target(MICROMETER, 1e-3);
      default -> throw new UnsupportedFeatureException(label + ": NIfTI-1 stores voxel sizes in"
          + " meters, millimeters or micrometers (nanometers are converted); unit '" + unit
          + "' is not one of them");
    };
  }
}
