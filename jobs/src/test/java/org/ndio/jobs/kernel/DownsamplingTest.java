package org.ndio.jobs.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.DataTypeException;
import org.ndio.testing.Python;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/** Block reductions against numpy references, with shapes that are not multiples of factors. */
public class DownsamplingTest {

  @TempDir
  Path dir;

  /**
   * numpy's block mean (floor(mean + 0.5) for integers), block mode (most frequent non-zero,
   * ties to the smaller), max and min, each over the voxels a cut block has.
   */
  public static final String REFERENCE = """
      import sys, json, zlib, numpy as np
      def blocks(a, f):
          fz, fy, fx = f
          Z, Y, X = -(-a.shape[0] // fz), -(-a.shape[1] // fy), -(-a.shape[2] // fx)
          for k in range(Z):
              for j in range(Y):
                  for i in range(X):
                      yield (k, j, i), a[k*fz:(k+1)*fz, j*fy:(j+1)*fy, i*fx:(i+1)*fx].ravel()
      def reduce(a, f, how):
          shape = tuple(-(-s // q) for s, q in zip(a.shape, f))
          out = np.zeros(shape, a.dtype)
          for idx, b in blocks(a, f):
              if how == 'mean':
                  m = b.astype(np.float64).mean()
                  out[idx] = m if a.dtype.kind == 'f' else np.floor(m + 0.5)
              elif how == 'max':
                  out[idx] = b.max()
              elif how == 'min':
                  out[idx] = b.min()
              else:
                  nz = b[b != 0]
                  if nz.size:
                      vals, counts = np.unique(nz, return_counts=True)
                      out[idx] = vals[np.argmax(counts)]  # unique sorts: the first max is the smallest
          return out
      a = np.load(sys.argv[1])
      f = tuple(int(x) for x in sys.argv[2].split(','))[::-1]
      r = {h: zlib.crc32(np.ascontiguousarray(reduce(a, f, h).astype(a.dtype.newbyteorder('<'))).tobytes())
           for h in sys.argv[3].split(',')}
      print(json.dumps(r))
      """;

  @Test
  void matchesNumpyBlockReductions() throws Exception {
    Python.require("numpy");
    Object[][] cases = {
        {DataType.UINT8, "2,2,1", "mean,max,min,mode"},
        {DataType.INT16, "3,2,2", "mean,max,min,mode"},
        {DataType.UINT64, "2,3,2", "mode,max,min"},
        {DataType.FLOAT32, "2,2,2", "mean,max,min"},
        {DataType.UINT32, "4,1,3", "mean,mode"},
        {DataType.UINT16, "3,3,2", "mean,max"}};
    for (Object[] c : cases) {
      DataType t = (DataType) c[0];
      Volume v = TestVolumes.random(t, 17, 11, 7, t.ordinal());
      if (!t.isFloat()) {
        // Few distinct values, so modes have real competition and ties.
        for (int z = 0; z < 7; z++) {
          for (int y = 0; y < 11; y++) {
            for (int x = 0; x < 17; x++) {
              v.setLong(x, y, z, Math.floorMod(v.getLong(x, y, z), 4));
            }
          }
        }
      }
      Path npy = dir.resolve(t.numpyName() + ".npy");
      TestVolumes.write("npy:" + npy, v, null, null);
      JsonNode expected = new ObjectMapper().readTree(
          Python.run(REFERENCE, npy.toString(), (String) c[1], (String) c[2]));
      for (String how : ((String) c[2]).split(",")) {
        Volume got = Downsampling.reduce(v, Size3.parse((String) c[1]), Reduction.parse(how));
        assertEquals(expected.get(how).asLong(), got.checksum(), t + " " + c[1] + " " + how);
      }
    }
  }

  @Test
  void modeIsForLabels() {
    assertThrows(DataTypeException.class, () -> Downsampling.reduce(
        Volume.allocate(DataType.FLOAT64, 2, 2, 2), new Size3(2, 2, 2), Reduction.MODE));
  }
}
