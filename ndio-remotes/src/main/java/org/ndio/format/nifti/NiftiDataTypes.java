package org.ndio.format.nifti;

import java.util.Optional;
import org.ndio.volume.DataType;

/** The NIfTI-1 {@code datatype} codes of the volume data types, and the names of the others. */
final class NiftiDataTypes {

  private NiftiDataTypes() {}

  static int code(DataType t) {
    return switch (t) {
      case UINT8 -> 2;
      case INT16 -> 4;
      case INT32 -> 8;
      case FLOAT32 -> 16;
      case FLOAT64 -> 64;
      case INT8 -> 256;
      case UINT16 -> 512;
      case UINT32 -> 768;
      case INT64 -> 1024;
      case UINT64 -> 1280;
    };
  }

  static Optional<DataType> type(int code) {
    for (DataType t : DataType.values()) {
      if (code(t) == code) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** The standard's name of a code volumes cannot hold, for messages. */
  static String describe(int code) {
    return switch (code) {
      case 0 -> "0 (DT_UNKNOWN)";
      case 1 -> "1 (DT_BINARY, 1-bit)";
      case 32 -> "32 (DT_COMPLEX64)";
      case 128 -> "128 (DT_RGB24)";
      case 255 -> "255 (DT_ALL)";
      case 1536 -> "1536 (DT_FLOAT128)";
      case 1792 -> "1792 (DT_COMPLEX128)";
      case 2048 -> "2048 (DT_COMPLEX256)";
      case 2304 -> "2304 (DT_RGBA32)";
      default -> code + " (not a NIfTI-1 type code)";
    };
  }
}
