package org.ndio.format.hdf5;

/**
 * A small dataset for {@link Hdf5Bytes#write}: a Java array as jhdf's writer takes it
 * ({@code int[]}, {@code long[][]}, {@code double[]}...), with its shape taken from the array,
 * stored as unsigned integers when {@code unsigned} (jhdf marks unsigned types by an option).
 */
public record Hdf5Array(Object data, boolean unsigned) {

  /** Unsigned 32-bit integers {@code (n,)}: ids, codes and counts as ndstore stores them. */
  public static Hdf5Array uint32(long... values) {
    int[] a = new int[values.length];
    for (int i = 0; i < a.length; i++) {
      a[i] = (int) values[i];
    }
    return new Hdf5Array(a, true);
  }

  /** Signed 32-bit integers {@code (n,)}. */
  public static Hdf5Array int32(int... values) {
    return new Hdf5Array(values.clone(), false);
  }

  /** 64-bit floats {@code (n,)}. */
  public static Hdf5Array float64(double... values) {
    return new Hdf5Array(values.clone(), false);
  }

  /** Unsigned 32-bit integers {@code (rows, columns)} from row-major {@code values}. */
  public static Hdf5Array uint32(long[] values, int columns) {
    int rows = values.length / columns;
    int[][] a = new int[rows][columns];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        a[r][c] = (int) values[r * columns + c];
      }
    }
    return new Hdf5Array(a, true);
  }
}
