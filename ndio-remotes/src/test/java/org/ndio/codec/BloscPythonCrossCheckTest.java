package org.ndio.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.ByteSlice;
import org.ndio.UnsupportedFeatureException;
import org.ndio.testing.Python;

/**
 * Frames written here must decode with c-blosc (python-blosc) and numcodecs, and theirs here,
 * for every compressor, shuffle and type size (including BOSS's sizes in bits, 16 and 64), over
 * structured and random payloads, sizes from 0 to several blocks. One Python run does the
 * Python half of both directions, exchanging files in a temporary directory.
 */
class BloscPythonCrossCheckTest {

  private static final int[] TYPE_SIZES = {1, 2, 4, 8, 16, 64};
  private static final BloscCompressor[] CNAMES = {BloscCompressor.BLOSCLZ, BloscCompressor.LZ4,
      BloscCompressor.LZ4HC, BloscCompressor.ZLIB, BloscCompressor.ZSTD};
  private static final BloscShuffle[] SHUFFLES =
      {BloscShuffle.NONE, BloscShuffle.BYTE, BloscShuffle.BIT};
  private static final int[] LEVELS = {5, 1, 9, 3, 7, 0};

  /** (kind, size) pairs; each (cname, shuffle, typesize) runs over all of them. */
  private static final List<Object[]> PAYLOADS = List.of(
      new Object[] {"zeros", 0}, new Object[] {"zeros", 65_536}, new Object[] {"ramp8", 1},
      new Object[] {"noise", 127},
      new Object[] {"ramp16", 128}, new Object[] {"lownoise16", 999},
      new Object[] {"labels64", 4099}, new Object[] {"smooth16", 40_000},
      new Object[] {"noise", 70_001}, new Object[] {"lownoise16", 200_000},
      new Object[] {"labels64", 300_008}, new Object[] {"noisethenzeros", 700_000},
      new Object[] {"ramp16", 1_100_003},
      new Object[] {"smooth16", 2_097_152});

  private static final String SCRIPT = String.join("\n",
      "import sys, os, json, blosc, numpy as np, numcodecs",
      "d = sys.argv[1]",
      "fails = []",
      "def read(*p):",
      "    with open(os.path.join(d, *p), 'rb') as f: return f.read()",
      "def write(data, *p):",
      "    with open(os.path.join(d, *p), 'wb') as f: f.write(data)",
      "n = 0",
      "for line in open(os.path.join(d, 'blosc.txt')):",
      "    cid, payload, ts, cname, clevel, shuffle, bs = line.split()",
      "    raw = read('raw', payload)",
      "    try:",
      "        if blosc.decompress(read('java', cid)) != raw:",
      "            fails.append(cid + ': c-blosc decoded the java frame to other bytes')",
      "    except Exception as e:",
      "        fails.append(cid + ': c-blosc rejected the java frame: ' + repr(e))",
      "    blosc.set_blocksize(int(bs))",
      "    write(blosc.compress(raw, typesize=int(ts), clevel=int(clevel), shuffle=int(shuffle),",
      "                        cname=cname), 'py', cid)",
      "    n += 1",
      "blosc.set_blocksize(0)",
      "for line in open(os.path.join(d, 'numcodecs.txt')):",
      "    cid, payload, ts, conf = line.split(None, 3)",
      "    raw = read('raw', payload)",
      "    codec = numcodecs.get_codec(json.loads(conf))",
      "    print('CONF ' + cid + ' ' + json.dumps(codec.get_config(), sort_keys=True))",
      "    arr = np.frombuffer(raw, dtype='u%d' % int(ts))",
      "    try:",
      "        if bytes(codec.decode(read('java', cid))) != raw:",
      "            fails.append(cid + ': numcodecs decoded the java chunk to other bytes')",
      "    except Exception as e:",
      "        fails.append(cid + ': numcodecs rejected the java chunk: ' + repr(e))",
      "    write(bytes(codec.encode(arr)), 'py', cid)",
      "    n += 1",
      "write(blosc.compress(bytes(range(256)) * 64, typesize=1, cname='snappy'), 'snappy')",
      "for f in fails: print('FAIL ' + f)",
      "print('checked %d' % n)",
      "");

  private record Case(String id, String payload, int typeSize, Codec codec) {}

  @Test
  void pythonAndJavaDecodeEachOthersFrames(@TempDir Path dir) throws IOException {
    Python.require("blosc", "numcodecs", "numpy");
    for (String sub : List.of("raw", "java", "py")) {
      Files.createDirectories(dir.resolve(sub));
    }
    Map<String, byte[]> raws = new TreeMap<>();
    List<Case> bloscCases = new ArrayList<>();
    StringBuilder manifest = new StringBuilder();
    int i = 0;
    for (BloscCompressor cname : CNAMES) {
      for (BloscShuffle shuffle : SHUFFLES) {
        for (int ts : TYPE_SIZES) {
          for (Object[] p : PAYLOADS) {
            String payload = p[0] + "-" + p[1];
            raws.computeIfAbsent(payload, k -> Payloads.make((String) p[0], (int) p[1], 7));
            int clevel = LEVELS[i % LEVELS.length];
            int blockSize = i % 11 == 3 ? 4096 : i % 11 == 7 ? 20_000 : 0;
            Blosc codec = new Blosc(cname, clevel, shuffle, blockSize);
            String id = "b" + i++;
            bloscCases.add(new Case(id, payload, ts, codec));
            manifest.append(String.join(" ", id, payload, "" + ts, cname.cname(), "" + clevel,
                "" + shuffle.code(), "" + blockSize)).append('\n');
          }
        }
      }
    }
    ObjectMapper json = new ObjectMapper();
    List<Case> numcodecsCases = new ArrayList<>();
    StringBuilder numcodecs = new StringBuilder();
    List<String> configs = List.of(
        "{\"id\":\"blosc\",\"cname\":\"lz4\",\"clevel\":5,\"shuffle\":1,\"blocksize\":0}",
        "{\"id\":\"blosc\",\"cname\":\"zstd\",\"clevel\":3,\"shuffle\":-1,\"blocksize\":0}",
        "{\"id\":\"blosc\",\"cname\":\"blosclz\",\"clevel\":9,\"shuffle\":2,\"blocksize\":0}",
        "{\"id\":\"zstd\",\"level\":1}", "{\"id\":\"zstd\",\"level\":7}",
        "{\"id\":\"lz4\",\"acceleration\":1}", "{\"id\":\"gzip\",\"level\":1}",
        "{\"id\":\"gzip\",\"level\":9}", "{\"id\":\"zlib\",\"level\":5}");
    int[] elementSizes = {1, 2, 8};
    for (String conf : configs) {
      for (int ts : elementSizes) {
        // not empty buffers: numcodecs 0.11 refuses to decode its own empty chunks
        for (String payload : List.of("smooth16-40000", "labels64-300008", "noise-70001",
            "zeros-65536", "ramp16-128")) {
          if (raws.get(payload).length % ts != 0) {
            continue;
          }
          @SuppressWarnings("unchecked")
          Map<String, Object> map = json.readValue(conf, LinkedHashMap.class);
          String id = "n" + i++;
          numcodecsCases.add(new Case(id, payload, ts, Codecs.fromConfig(map)));
          numcodecs.append(id).append(' ').append(payload).append(' ').append(ts).append(' ')
              .append(conf).append('\n');
        }
      }
    }
    for (Map.Entry<String, byte[]> e : raws.entrySet()) {
      Files.write(dir.resolve("raw").resolve(e.getKey()), e.getValue());
    }
    List<Case> all = new ArrayList<>(bloscCases);
    all.addAll(numcodecsCases);
    // Equal settings share one encoder, as a chunk writer's thread does: the frames of a
    // reused encoder (its buffers written over, its contexts kept) must be c-blosc's too.
    Map<Codec, ChunkEncoder> encoders = new HashMap<>();
    for (Case c : all) {
      ByteSlice e = encoders.computeIfAbsent(c.codec(), Codec::encoder)
          .encode(raws.get(c.payload()), c.typeSize());
      Files.write(dir.resolve("java").resolve(c.id()), e.toArray());
    }
    encoders.values().forEach(ChunkEncoder::close);
    Files.writeString(dir.resolve("blosc.txt"), manifest);
    Files.writeString(dir.resolve("numcodecs.txt"), numcodecs);

    String out = Python.run(SCRIPT, dir.toString());

    List<String> failures = new ArrayList<>();
    out.lines().filter(l -> l.startsWith("FAIL")).forEach(failures::add);
    // numcodecs' own get_config() of each configuration equals ours
    Map<String, Codec> byId = new TreeMap<>();
    numcodecsCases.forEach(c -> byId.put(c.id(), c.codec()));
    ObjectMapper sorted = new ObjectMapper()
        .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    int confLines = 0;
    for (String l : out.lines().filter(x -> x.startsWith("CONF ")).toList()) {
      String[] p = l.split(" ", 3);
      String ours = sorted.writeValueAsString(byId.get(p[1]).config());
      if (!sorted.readTree(ours).equals(sorted.readTree(p[2]))) {
        failures.add(p[1] + ": config " + ours + " but numcodecs says " + p[2]);
      }
      confLines++;
    }
    assertEquals(numcodecsCases.size(), confLines);
    assertTrue(out.contains("checked " + all.size()), out);
    Map<String, long[]> sizes = new TreeMap<>();
    long javaBytes = 0;
    long pythonBytes = 0;
    for (Case c : all) {
      byte[] raw = raws.get(c.payload());
      byte[] py = Files.readAllBytes(dir.resolve("py").resolve(c.id()));
      try {
        if (!Arrays.equals(raw, c.codec().decode(py, raw.length))) {
          failures.add(c.id() + " " + c.codec() + " ts=" + c.typeSize()
              + ": the python frame decoded here to other bytes");
        }
      } catch (RuntimeException e) {
        failures.add(c.id() + " " + c.codec() + " ts=" + c.typeSize() + " " + c.payload()
            + ": the python frame failed here: " + e);
      }
      if (c.codec() instanceof Blosc) {
        BloscFrameInfo theirs = Blosc.frameInfo(py);
        BloscFrameInfo ours =
            Blosc.frameInfo(Files.readAllBytes(dir.resolve("java").resolve(c.id())));
        // same block size, split and filter decisions as c-blosc's compute_blocksize
        String layout = theirs.blockSize() + "/" + theirs.typeSize() + "/" + theirs.dontSplit()
            + "/" + theirs.shuffle() + "/" + theirs.compressor();
        String mine = ours.blockSize() + "/" + ours.typeSize() + "/" + ours.dontSplit()
            + "/" + ours.shuffle() + "/" + ours.compressor();
        if (!layout.equals(mine)) {
          failures.add(c.id() + " " + c.codec() + " ts=" + c.typeSize() + " n=" + raw.length
              + ": frame layout " + mine + " but c-blosc chose " + layout);
        }
        javaBytes += ours.cbytes();
        pythonBytes += theirs.cbytes();
        sizes.merge(((Blosc) c.codec()).compressor().cname(),
            new long[] {ours.cbytes(), theirs.cbytes()},
            (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
      }
    }
    sizes.forEach((k, v) -> System.out.printf("blosc %s: java frames %d bytes, c-blosc %d%n",
        k, v[0], v[1]));
    assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())),
        failures.size() + " failures");
    // Same formats, comparable effort: overall sizes within 15% of c-blosc's.
    assertTrue(javaBytes < pythonBytes * 1.15,
        "java frames total " + javaBytes + " bytes, c-blosc's " + pythonBytes);

    // Debian's c-blosc has no snappy and stores such frames uncompressed (memcpyed), which
    // need no snappy to read; compressed snappy frames are refused (BloscMalformedInputTest).
    byte[] snappy = Files.readAllBytes(dir.resolve("snappy"));
    BloscFrameInfo info = Blosc.frameInfo(snappy);
    assertEquals(BloscCompressor.SNAPPY, info.compressor());
    byte[] expected = new byte[256 * 64];
    for (int k = 0; k < expected.length; k++) {
      expected[k] = (byte) k;
    }
    if (info.memcpyed()) {
      assertArrayEquals(expected, Blosc.DEFAULT.decode(snappy, expected.length));
    } else {
      UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class,
          () -> Blosc.DEFAULT.decode(snappy, expected.length));
      assertTrue(e.getMessage().contains("snappy"), e.getMessage());
    }
  }
}
