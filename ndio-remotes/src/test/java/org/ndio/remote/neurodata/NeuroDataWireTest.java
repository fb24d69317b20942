package org.ndio.remote.neurodata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.CorruptDataException;
import org.ndio.testing.Python;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/** The bodies on the wire, read and written by numpy, zlib, h5py and Python's json. */
class NeuroDataWireTest {

  @TempDir
  Path dir;

  @Test
  void npzAndHdf5CutoutsAreWhatNumpyAndH5pyReadAndNumpyPostsLand() throws Exception {
    Python.require("numpy", "h5py");
    Volume v = TestVolumes.random(DataType.UINT16, 70, 50, 6, 21);
    try (NeuroDataFixture nd = NeuroDataFixture.start(dir.resolve("s"))) {
      nd.create("w", "img", v, NeuroDataOptions.DEFAULT);
      var npz = nd.get("w/img/npz/0/3,67/5,50/1,6/", true);
      assertEquals(200, npz.statusCode());
      assertEquals("product/npz", npz.headers().firstValue("Content-Type").orElse(""));
      Files.write(dir.resolve("cut.npz"), npz.body());
      var h5 = nd.get("w/img/hdf5/0/3,67/5,50/1,6/", true);
      assertEquals("product/hdf5", h5.headers().firstValue("Content-Type").orElse(""));
      assertEquals("attachment; filename=w-img-hdf5-0-3_67-5_50-1_6-ndcutout.h5",
          h5.headers().firstValue("Content-Disposition").orElse(""));
      Files.write(dir.resolve("cut.h5"), h5.body());
      Volume expected = v.view(new BoundingBox(3, 67, 5, 50, 1, 6));
      // Python reads both bodies as ndio did, checks them equal, and prints a CRC of the
      // C-order little-endian bytes of the (z, y, x) array.
      String out = Python.run(String.join("\n",
          "import sys, zlib, io, numpy as np, h5py",
          "a = np.load(io.BytesIO(zlib.decompress(open(sys.argv[1], 'rb').read())))",
          "f = h5py.File(sys.argv[2], 'r')",
          "b = f['img']['CUTOUT'][:]",
          "assert a.shape == (1,) + b.shape, (a.shape, b.shape)",
          "assert (a[0] == b).all() and a.dtype == b.dtype",
          "print(a.dtype, a.shape, zlib.crc32(a[0].astype('<u2').tobytes()),",
          "      f['img']['DATATYPE'][0].decode(), f['img']['CHANNELTYPE'][0].decode())",
          "# a post body made by numpy, as ndio made it",
          "c = np.arange(64 * 45 * 5, dtype=np.uint16).reshape(5, 45, 64) % 999 + 1",
          "bio = io.BytesIO(); np.save(bio, c[np.newaxis]);",
          "open(sys.argv[3], 'wb').write(zlib.compress(bio.getvalue()))"),
          dir.resolve("cut.npz").toString(), dir.resolve("cut.h5").toString(),
          dir.resolve("post.npz").toString()).strip();
      assertEquals("uint16 (1, 5, 45, 64) " + expected.checksum() + " uint16 image", out);
      var post = NeuroDataFixture.send(HttpRequest.newBuilder(URI.create(nd.server.address()
              + "/nd/sd/w/img/npz/0/3,67/5,50/1,6/"))
          .header("Authorization", "Token " + NeuroDataFixture.KEY.reveal())
          .header("Content-Type", "application/octet-stream")
          .POST(HttpRequest.BodyPublishers.ofFile(dir.resolve("post.npz"))).build());
      assertEquals(200, post.statusCode(), post.body());
      assertEquals("Success", post.body());
      Volume c = Volume.allocate(DataType.UINT16, 64, 45, 5);
      for (int i = 0; i < 64 * 45 * 5; i++) {
        c.setLong(i % 64, i / 64 % 45, i / (64 * 45), i % 999 + 1);
      }
      try (NeuroDataRemote r = nd.open("w", "img")) {
        assertEquals(c, r.getCutout(new BoundingBox(3, 67, 5, 50, 1, 6)));
      }
    }
  }

  @Test
  void everyWireFormatReadsTheSameVoxels() throws Exception {
    Volume v = TestVolumes.random(DataType.INT16, 140, 130, 18, 2);
    try (NeuroDataFixture nd = NeuroDataFixture.start(dir.resolve("s"))) {
      nd.create("f", "img", v, NeuroDataOptions.DEFAULT);
      BoundingBox box = new BoundingBox(1, 139, 2, 129, 3, 18);
      for (WireFormat f : WireFormat.values()) {
        try (NeuroDataRemote r = nd.open("f", "img",
            NeuroDataOptions.DEFAULT.withFormat(f).withPieceBytes(1))) {
          assertEquals(v.view(box), r.getCutout(box), f.toString());
        }
      }
    }
  }

  @Test
  void infoIsPythonsJsonDumpsWithSortedKeysAndIndent() throws Exception {
    Python.require("json");
    try (NeuroDataFixture nd = NeuroDataFixture.start(dir.resolve("s"))) {
      assertEquals(200, nd.autoIngest(NeuroDataFixture.ingestJson("kasthuri11", "image",
          "uint8", "image", "21504, 26624, 1850", "0, 0, 1", "3.0, 3.0, 30.0", 5))
          .statusCode());
      var info = nd.get("kasthuri11/info/", true);
      String body = new String(info.body(), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("info.json"), body);
      // Python 2's json.dumps(indent=4) separated items by ', ' (Python 3 needs it asked for).
      String again = Python.run(String.join("\n", "import sys, json",
          "d = json.load(open(sys.argv[1]))",
          "sys.stdout.write(json.dumps(d, sort_keys=True, indent=4, separators=(', ', ': ')))"),
          dir.resolve("info.json").toString());
      assertEquals(again, body);
      try (NeuroDataRemote r = nd.open("kasthuri11", "image")) {
        DatasetInfo d = r.projectInfo().dataset();
        assertEquals(new BoundingBox(0, 21504, 0, 26624, 1, 1851), d.extent(0));
        // ndstore's rules: halve x and y, keep z; cubes 128x128x16 while z/x / 2^r > 0.5.
        assertEquals(new BoundingBox(0, 672, 0, 832, 1, 1851, 5), d.extent(5));
        assertEquals(new org.ndio.volume.Size3(128, 128, 16), d.cube(4));
        assertEquals(new org.ndio.volume.Size3(64, 64, 64), d.cube(5));
        assertEquals(96.0, d.voxelSize(5).orElseThrow().x());
        assertEquals(30.0, d.voxelSize(5).orElseThrow().z());
      }
    }
  }

  @Test
  void damagedBodiesAreCorruptDataNamingWhatIsWrong() {
    Volume v = TestVolumes.random(DataType.UINT8, 8, 8, 8, 1);
    byte[] body = NpzBody.encode(v, 6);
    assertEquals(v, NpzBody.decode(body, "t").volume("t"));
    CorruptDataException cut = assertThrows(CorruptDataException.class,
        () -> NpzBody.decode(Arrays.copyOf(body, body.length / 2), "t"));
    assertTrue(cut.getMessage().contains("truncated"), cut.getMessage());
    byte[] junk = body.clone();
    junk[0] ^= 0x55;
    CorruptDataException bad = assertThrows(CorruptDataException.class,
        () -> NpzBody.decode(junk, "t"));
    assertTrue(bad.getMessage().contains("zlib"), bad.getMessage());
    // A header declaring more than any volume holds is refused before allocating.
    byte[] huge = new byte[128];
    byte[] h = org.ndio.format.npy.NpyHeader.encode(DataType.UINT64,
        java.util.List.of(1L, 4096L, 4096L, 4096L));
    java.util.zip.Deflater d = new java.util.zip.Deflater();
    d.setInput(h);
    d.finish();
    int n = d.deflate(huge);
    CorruptDataException big = assertThrows(CorruptDataException.class,
        () -> NpzBody.decode(Arrays.copyOf(huge, n), "t"));
    assertTrue(big.getMessage().contains("more than one volume holds"), big.getMessage());
  }
}
