package org.ndio.format.hdf5;

import io.jhdf.object.datatype.EnumDataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.StringData;
import java.nio.ByteOrder;
import org.ndio.DataTypeException;
import org.ndio.volume.DataType;

/** A dataset's element type as a volume type and the byte order its bytes are stored in. */
record Hdf5Type(DataType dtype, ByteOrder order) {

  /** Maps an HDF5 datatype; types a volume cannot hold are refused, naming them. */
  static Hdf5Type of(io.jhdf.object.datatype.DataType t, String where) {
    if (t instanceof FixedPoint fp) {
      int size = fp.getSize();
      if (fp.getBitOffset() != 0 || fp.getBitPrecision() != size * 8) {
        throw new DataTypeException(
            where + " holds " + fp.getBitPrecision() + "-bit integers at bit offset "
                + fp.getBitOffset() + " in " + size + "-byte elements; only whole-byte integers"
                + " are read");
      }
      DataType d = switch (size) {
        case 1 -> fp.isSigned() ? DataType.INT8 : DataType.UINT8;
        case 2 -> fp.isSigned() ? DataType.INT16 : DataType.UINT16;
        case 4 -> fp.isSigned() ? DataType.INT32 : DataType.UINT32;
        case 8 -> fp.isSigned() ? DataType.INT64 : DataType.UINT64;
        default -> throw new DataTypeException(
            where + " holds " + size + "-byte integers; volumes hold 1, 2, 4 or 8-byte ones");
      };
      return new Hdf5Type(d, fp.getByteOrder());
    }
    if (t instanceof FloatingPoint f) {
      DataType d = switch (f.getSize()) {
        case 4 -> DataType.FLOAT32;
        case 8 -> DataType.FLOAT64;
        default -> throw new DataTypeException(
            where + " holds " + f.getSize() * 8 + "-bit floats; volumes hold float32 or"
                + " float64 (convert with numpy astype first)");
      };
      return new Hdf5Type(d, f.getByteOrder());
    }
    String kind = t instanceof StringData ? "strings"
        : t instanceof EnumDataType ? "enum values (h5py stores bool arrays so; convert to uint8)"
        : "elements of HDF5 type class " + t.getDataClass() + " (" + t.getClass().getSimpleName()
            + ")";
    throw new DataTypeException(
        where + " holds " + kind + "; volumes hold integers or floats");
  }
}
