package org.ndio.format.nifti;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ndio.CorruptDataException;
import org.ndio.DataTypeException;
import org.ndio.UnsupportedFeatureException;
import org.ndio.volume.DataType;
import org.ndio.volume.VoxelSize;

/**
 * The fields of a NIfTI-1 header (348 bytes) that locate and describe the image. The byte order
 * is the one in which {@code sizeof_hdr} reads 348.
 *
 * @param dim the {@code dim} field: {@code dim[0]} dimensions, then their sizes (i, j, k, ...)
 * @param pixdim the {@code pixdim} field; {@code pixdim[1..3]} are the voxel's i, j, k sizes
 * @param voxOffset the byte offset of the data in the file
 */
public record NiftiHeader(ByteOrder order, List<Integer> dim, int datatype, DataType dtype,
    List<Double> pixdim, long voxOffset, double sclSlope, double sclInter, int xyztUnits,
    int qformCode, int sformCode, String descrip) {

  /** The size of a NIfTI-1 header; the data of a {@code .nii} file starts at 352 or later. */
  public static final int SIZE = 348;
  /** The data offset ndio writes: the header and the 4-byte extension flag. */
  public static final int DATA_OFFSET = 352;

  private static final int NIFTI2_SIZE = 540;

  public NiftiHeader {
    dim = List.copyOf(dim);
    pixdim = List.copyOf(pixdim);
  }

  public long sizeX() {
    return dim.get(1);
  }

  public long sizeY() {
    return dim.get(2);
  }

  public long sizeZ() {
    return dim.get(0) >= 3 ? dim.get(3) : 1;
  }

  /** The voxel size from {@code pixdim[1..3]}, if all three are positive and finite. */
  public Optional<VoxelSize> voxelSize() {
    double x = Math.abs(pixdim.get(1));
    double y = Math.abs(pixdim.get(2));
    double z = dim.get(0) >= 3 ? Math.abs(pixdim.get(3)) : 1.0;
    if (!(x > 0 && y > 0 && z > 0) || Double.isInfinite(x) || Double.isInfinite(y)
        || Double.isInfinite(z)) {
      return Optional.empty();
    }
    return Optional.of(new VoxelSize(x, y, z, NiftiUnits.name(xyztUnits)));
  }

  /**
   * Whether stored values must be scaled: the standard says to when {@code scl_slope} is
   * non-zero; a slope of 1 with an intercept of 0 changes nothing, and NaN (what nibabel writes
   * for unscaled images) means no scaling.
   */
  public boolean scaled() {
    return Double.isFinite(sclSlope) && sclSlope != 0
        && !(sclSlope == 1 && (sclInter == 0 || !Double.isFinite(sclInter)));
  }

  /** The intercept to apply with the slope; a non-finite one counts as 0. */
  public double intercept() {
    return Double.isFinite(sclInter) ? sclInter : 0;
  }

  /**
   * Parses the first {@code available} bytes of {@code h} (at most 348 are looked at), checking
   * them in the order that gives the clearest message: is it NIfTI-1 at all, is it complete,
   * then is every field usable.
   */
  static NiftiHeader parse(byte[] h, int available, String label) {
    if (available < 4) {
      throw new CorruptDataException(label + ": not a NIfTI-1 file: only " + available
          + " bytes, a header needs " + SIZE);
    }
    ByteBuffer b = ByteBuffer.wrap(h, 0, available);
    int sizeLe = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
    int sizeBe = Integer.reverseBytes(sizeLe);
    ByteOrder order;
    if (sizeLe == SIZE) {
      order = ByteOrder.LITTLE_ENDIAN;
    } else if (sizeBe == SIZE) {
      order = ByteOrder.BIG_ENDIAN;
    } else if (sizeLe == NIFTI2_SIZE || sizeBe == NIFTI2_SIZE) {
      throw new UnsupportedFeatureException(label + ": NIfTI-2 files are not supported (ndio"
          + " reads NIfTI-1 .nii and .nii.gz)");
    } else {
      throw new CorruptDataException(label + ": not a NIfTI-1 file: sizeof_hdr is " + sizeLe
          + " (expected 348 in either byte order)");
    }
    if (available < SIZE) {
      throw new CorruptDataException(label + ": truncated NIfTI-1 header: only " + available
          + " bytes of " + SIZE);
    }
    b.order(order);
    String magic = new String(h, 344, 4, StandardCharsets.ISO_8859_1);
    if (magic.equals("ni1\0")) {
      throw new UnsupportedFeatureException(label + ": this header belongs to a .hdr/.img"
          + " pair (magic 'ni1'); ndio reads single-file NIfTI-1 (.nii, .nii.gz) only");
    }
    if (magic.equals("\0\0\0\0")) {
      throw new UnsupportedFeatureException(label + ": header has no NIfTI magic (an ANALYZE"
          + " 7.5 header?); ndio reads single-file NIfTI-1 (.nii, .nii.gz) only");
    }
    if (!magic.equals("n+1\0")) {
      throw new CorruptDataException(label + ": bad NIfTI-1 magic '"
          + magic.replace("\0", "\\0") + "' (expected 'n+1\\0')");
    }
    List<Integer> dim = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      dim.add((int) b.getShort(40 + 2 * i));
    }
    int rank = dim.get(0);
    if (rank < 1 || rank > 7) {
      throw new CorruptDataException(label + ": NIfTI-1 dim[0] is " + rank
          + " (must be 1 to 7)");
    }
    for (int i = 1; i <= rank; i++) {
      if (dim.get(i) <= 0) {
        throw new CorruptDataException(label + ": NIfTI-1 dim[" + i + "] is " + dim.get(i)
            + " (dimension sizes must be positive)");
      }
    }
    String shape = dim.subList(1, rank + 1).toString();
    if (rank == 1) {
      throw new UnsupportedFeatureException(label + ": 1-dimensional NIfTI image of shape "
          + shape + "; volumes are read from 2D or 3D images");
    }
    for (int i = 4; i <= rank; i++) {
      if (dim.get(i) != 1) {
        throw new UnsupportedFeatureException(label + ": " + rank + "-dimensional NIfTI image"
            + " of shape " + shape + " (dim[" + i + "] = " + dim.get(i) + "); volumes are 3D,"
            + " so dimensions beyond the third must have size 1");
      }
    }
    int datatype = b.getShort(70);
    DataType dtype = NiftiDataTypes.type(datatype).orElseThrow(() -> new DataTypeException(
        label + ": NIfTI datatype " + NiftiDataTypes.describe(datatype) + " is not supported:"
            + " volumes hold uint8, int8, uint16, int16, uint32, int32, uint64, int64, float32"
            + " or float64"));
    List<Double> pixdim = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      pixdim.add((double) b.getFloat(76 + 4 * i));
    }
    float offset = b.getFloat(108);
    if (!(offset >= SIZE) || offset != Math.rint(offset) || offset > 1e15) {
      throw new CorruptDataException(label + ": NIfTI-1 vox_offset " + offset + " is not a"
          + " whole byte offset at or after the 348-byte header");
    }
    double slope = b.getFloat(112);
    double inter = b.getFloat(116);
    int units = b.get(123) & 0xff;
    int qform = b.getShort(252);
    int sform = b.getShort(254);
    String descrip = cString(h, 148, 80);
    return new NiftiHeader(order, dim, datatype, dtype, pixdim, (long) offset, slope, inter,
        units, qform, sform, descrip);
  }

  private static String cString(byte[] h, int from, int max) {
    int end = from;
    while (end < from + max && h[end] != 0) {
      end++;
    }
    return new String(h, from, end - from, StandardCharsets.ISO_8859_1);
  }

  /**
   * A little-endian header for a 3D image of {@code dtype}, followed by the 4-byte extension
   * flag (no extensions), so the data starts at {@link #DATA_OFFSET}. pixdim[1..3] hold the
   * voxel size; qform and sform (codes 1, scanner-based) both map voxel (i, j, k) to (i * dx, j
   * * dy, k * dz): an identity rotation scaled by the voxel size, with no offset.
   */
  static byte[] encode(DataType dtype, long sx, long sy, long sz, double[] voxel, int unitCode) {
    ByteBuffer b = ByteBuffer.allocate(DATA_OFFSET).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0, SIZE);
    b.put(38, (byte) 'r');
    short[] dim = {3, (short) sx, (short) sy, (short) sz, 1, 1, 1, 1};
    for (int i = 0; i < 8; i++) {
      b.putShort(40 + 2 * i, dim[i]);
    }
    b.putShort(70, (short) NiftiDataTypes.code(dtype));
    b.putShort(72, (short) (8 * dtype.bytes()));
    // pixdim[0] is qfac, the handedness of the qform: 1 keeps k along +z.
    float[] pixdim = {1, (float) voxel[0], (float) voxel[1], (float) voxel[2], 1, 1, 1, 1};
    for (int i = 0; i < 8; i++) {
      b.putFloat(76 + 4 * i, pixdim[i]);
    }
    b.putFloat(108, DATA_OFFSET);
    b.putFloat(112, 1);
    b.putFloat(116, 0);
    b.put(123, (byte) unitCode);
    byte[] descrip = "ndio".getBytes(StandardCharsets.ISO_8859_1);
    b.put(148, descrip);
    b.putShort(252, (short) 1);
    b.putShort(254, (short) 1);
    // quatern_b, c, d and qoffset_x, y, z stay 0: the identity rotation at the origin.
    for (int row = 0; row < 3; row++) {
      b.putFloat(280 + 16 * row + 4 * row, pixdim[row + 1]);
    }
    b.put(344, "n+1\0".getBytes(StandardCharsets.ISO_8859_1));
    return b.array();
  }
}
