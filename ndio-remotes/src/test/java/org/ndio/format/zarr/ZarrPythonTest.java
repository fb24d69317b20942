package org.ndio.format.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.testing.Python;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/** Arrays zarr-python wrote read here voxel for voxel, and the reverse. */
class ZarrPythonTest {

  @TempDir
  Path dir;

  private static final String CRC = """
      import zlib
      import numpy as np
      def crc(a):
          a = np.asarray(a)
          return zlib.crc32(np.ascontiguousarray(a.astype(a.dtype.newbyteorder('<'))).tobytes())
      """;

  @Test
  void readsWhatZarrPythonWrites() throws Exception {
    Python.require("numpy", "zarr", "numcodecs");
    String script = CRC + """
        import sys, json, zarr, numcodecs
        from numcodecs import Blosc, Zstd, GZip, Zlib
        out = sys.argv[1]
        rng = np.random.default_rng(7)
        cases = {}
        def put(name, a, **kw):
            z = zarr.open_array(out + '/' + name, mode='w', shape=a.shape, dtype=a.dtype, **kw)
            z[...] = a
            cases[name] = crc(z[...])
        em = rng.integers(0, 255, (9, 33, 47), dtype=np.uint8)
        em[:, 10:20, 10:30] = 0
        for cname in ['lz4', 'lz4hc', 'zstd', 'zlib', 'blosclz']:
            for shuffle in [0, 1, 2]:
                put(f'blosc-{cname}-{shuffle}', em, chunks=(4, 16, 16),
                    compressor=Blosc(cname=cname, clevel=5, shuffle=shuffle))
        lab = (rng.integers(0, 5, (10, 20, 30)) * 1234567890123).astype(np.uint64)
        put('blosc-u64', lab, chunks=(3, 7, 11), compressor=Blosc('zstd', 3, Blosc.BITSHUFFLE))
        put('zstd', lab, chunks=(5, 10, 15), compressor=Zstd(level=3))
        put('gzip', em.astype('>u2') * 250, chunks=(4, 16, 16), compressor=GZip(5))
        put('zlib-f32', rng.normal(size=(6, 12, 18)).astype(np.float32), chunks=(4, 5, 6),
            compressor=Zlib(1))
        put('none-i16-slash', (em.astype(np.int16) - 128), chunks=(2, 8, 8), compressor=None,
            dimension_separator='/')
        put('fortran', em, chunks=(4, 16, 16), order='F')
        z = zarr.open_array(out + '/fill', mode='w', shape=(8, 8, 8), chunks=(4, 4, 4),
                            dtype=np.float64, fill_value=np.nan)
        z[0:4, 0:4, 0:4] = 1.5
        cases['fill'] = crc(z[...])
        put('2d', em[0], chunks=(16, 16))
        print(json.dumps(cases))
        """;
    JsonNode cases = new ObjectMapper().readTree(Python.run(script, dir.toString()));
    assertEquals(23, cases.size());
    for (Iterator<Map.Entry<String, JsonNode>> it = cases.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> c = it.next();
      try (VolumeReader r = Volumes.open("zarr:" + dir.resolve(c.getKey()))) {
        assertEquals(c.getValue().asLong(), r.readAll().checksum(), c.getKey());
      }
    }
  }

  @Test
  void zarrPythonReadsWhatWeWrite() throws Exception {
    Python.require("numpy", "zarr", "numcodecs");
    List<String> compressors = List.of("none", "gzip:6", "zlib:1", "zstd:5", "lz4",
        "blosc", "blosc:zstd:3:bit", "blosc:blosclz:9:none", "blosc:zlib:4:byte",
        "blosc:lz4hc:7:bit");
    ObjectMapper json = new ObjectMapper();
    Map<String, Long> expected = new java.util.TreeMap<>();
    int i = 0;
    for (DataType t : DataType.values()) {
      String comp = compressors.get(i++ % compressors.size());
      Volume v = TestVolumes.random(t, 29, 17, 11, i);
      String name = t.numpyName() + "-" + comp.replace(':', '_');
      TestVolumes.write("zarr:" + dir.resolve(name), v, new Size3(8, 8, 4), comp);
      expected.put(name, v.checksum());
    }
    String script = CRC + """
        import sys, json, zarr
        print(json.dumps({n: crc(zarr.open_array(sys.argv[1] + '/' + n, mode='r')[...])
                          for n in json.loads(sys.argv[2])}))
        """;
    JsonNode got = json.readTree(Python.run(script, dir.toString(),
        json.writeValueAsString(expected.keySet())));
    for (Map.Entry<String, Long> e : expected.entrySet()) {
      assertEquals(e.getValue().longValue(), got.get(e.getKey()).asLong(), e.getKey());
    }
  }
}
