package org.ndio.serve.boss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.codec.Blosc;
import org.ndio.remote.boss.BossFixture;
import org.ndio.serve.FaultInjection;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.testing.Python;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/**
 * Cutout bodies against python-blosc (c-blosc), the library the service and its client use:
 * frames python compressed with typesize = bit width (8, 16, 64), as intern sends them, are
 * accepted; the frames the server answers decode in python to the same array.
 */
class BossBloscPythonTest {

  @TempDir
  Path dir;

  static final String MAKE = String.join("\n",
      "import sys, blosc, numpy as np",
      "out = sys.argv[1]",
      "rng = np.random.default_rng(5)",
      "for name, t in [('u8', np.uint8), ('u16', np.uint16), ('u64', np.uint64)]:",
      "    a = rng.integers(0, np.iinfo(t).max, size=(7, 33, 70), dtype=t, endpoint=True)",
      "    a[a % 4 == 0] = 0",
      "    np.save(out + '/' + name + '.npy', a)",
      "    bits = a.dtype.itemsize * 8",
      "    open(out + '/' + name + '.blosc', 'wb').write(blosc.compress(a.tobytes(),"
          + " typesize=bits))",
      "");

  static final String CHECK = String.join("\n",
      "import sys, blosc, zlib, numpy as np",
      "a = np.load(sys.argv[1])",
      "frame = open(sys.argv[2], 'rb').read()",
      "print(frame[3], zlib.crc32(blosc.decompress(frame)), zlib.crc32(a.tobytes()))",
      "");

  @Test
  void framesOfEveryTypesizeConventionCrossTheWire() throws Exception {
    Python.require("numpy", "blosc");
    Python.run(MAKE, dir.toString());
    try (BossFixture f = BossFixture.start(dir.resolve("root"), Optional.of(BossFixture.TOKEN),
        FaultInjection.NONE, BossServerConfig.DEFAULT)) {
      HttpClient http = HttpClient.newHttpClient();
      for (DataType t : new DataType[] {DataType.UINT8, DataType.UINT16, DataType.UINT64}) {
        String name = "u" + 8 * t.bytes();
        f.channel("c", "e", name, t, BoundingBox.ofShape(100, 40, 10), 1, "anisotropic");
        String cutout = "http://127.0.0.1:" + f.server.port() + "/v1/cutout/c/e/" + name
            + "/0/20:90/5:38/2:9/";
        byte[] frame = Files.readAllBytes(dir.resolve(name + ".blosc"));
        assertEquals(8 * t.bytes(), Blosc.frameInfo(frame).typeSize());
        HttpResponse<byte[]> posted = http.send(HttpRequest.newBuilder(URI.create(cutout))
            .header("Authorization", "Token " + BossFixture.TOKEN.reveal())
            .header("Content-Type", "application/blosc")
            .POST(HttpRequest.BodyPublishers.ofByteArray(frame)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(201, posted.statusCode(), new String(posted.body()));

        Volume expected;
        try (VolumeReader r = Volumes.open("npy:" + dir.resolve(name + ".npy"))) {
          expected = r.readAll();
        }
        try (var remote = f.open("c", "e", name, BossFixture.FAST)) {
          assertEquals(expected, remote.getCutout(new BoundingBox(20, 90, 5, 38, 2, 9)));
        }
        HttpResponse<byte[]> got = http.send(HttpRequest.newBuilder(URI.create(cutout))
            .header("Authorization", "Token " + BossFixture.TOKEN.reveal())
            .header("Accept", "application/blosc").GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
        Path answer = dir.resolve(name + ".answer");
        Files.write(answer, got.body());
        String[] check = Python.run(CHECK, dir.resolve(name + ".npy").toString(),
            answer.toString()).trim().split(" ");
        assertEquals(String.valueOf(8 * t.bytes()), check[0]);
        assertEquals(check[2], check[1]);
        assertEquals(Long.toString(expected.checksum()), check[2]);
      }
    }
  }
}
