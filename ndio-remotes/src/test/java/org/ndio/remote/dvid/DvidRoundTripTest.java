package org.ndio.remote.dvid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ndio.remote.http.RetryPolicy;
import org.ndio.serve.FaultInjection;
import org.ndio.store.ParallelWrite;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeUrl;
import org.ndio.store.VolumeWriter;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.testing.SharedData;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/** Volumes through a DVID server and back, compared with what went in. */
class DvidRoundTripTest {

  @TempDir
  Path dir;

  private static Volume readAll(String url) {
    try (VolumeReader r = Volumes.open(url)) {
      return r.readAll();
    }
  }

  /**
   * Copies {@code source} into {@code target} in boxes cut at {@code cut} along x and z, which
   * are not block edges, so neighbouring writes share blocks.
   */
  private static void copy(String source, String target, VolumeUrl t, DvidFormat format,
      WriteMode mode, int cut) {
    try (VolumeReader in = Volumes.open(source);
        VolumeWriter out = format.create(t, VolumeSpec.of(in.info().dtype(),
            new Size3(in.info().extent().sizeX(), in.info().extent().sizeY(),
                in.info().extent().sizeZ())), mode)) {
      BoundingBox e = in.info().extent();
      long[] xs = {0, cut, e.sizeX()};
      long[] zs = {0, Math.min(cut / 3, e.sizeZ() - 1), e.sizeZ()};
      for (int i = 0; i < 2; i++) {
        for (int k = 0; k < 2; k++) {
          BoundingBox b = new BoundingBox(xs[i], xs[i + 1], 0, e.sizeY(), zs[k], zs[k + 1]);
          out.write(b.x0(), b.y0(), b.z0(), in.read(b));
        }
      }
      out.commit();
    }
  }

  @ParameterizedTest
  @CsvSource({"uint8, 70, 45, 20", "uint16, 50, 33, 40", "uint64, 77, 66, 9"})
  void zarrToDvidToZarrKeepsEveryVoxel(String type, int sx, int sy, int sz) throws Exception {
    DataType t = DataType.fromName(type);
    Volume v = TestVolumes.random(t, sx, sy, sz, sx);
    String src = "zarr:" + dir.resolve("src");
    TestVolumes.write(src, v, new Size3(16, 16, 8), null);
    try (DvidFixture f = DvidFixture.start(dir.resolve("server"))) {
      String url = f.url("vol");
      copy(src, url, VolumeUrl.parse(url), new DvidHttpFormat(), WriteMode.ERROR_IF_EXISTS, 37);
      try (VolumeReader r = Volumes.open(url)) {
        assertEquals(BoundingBox.ofShape(sx, sy, sz), r.info().extent());
        assertEquals(t, r.info().dtype());
        DvidType expected = t == DataType.UINT64 ? DvidType.LABELMAP : DvidType.fromTypeName(
            t.numpyName() + "blk").orElseThrow();
        int block = expected.defaultBlock();
        assertEquals(new Size3(block, block, block), r.info().chunks());
      }
      String back = "zarr:" + dir.resolve("back");
      try (VolumeReader r = Volumes.open(url);
          VolumeWriter w = Volumes.create(back, VolumeSpec.of(t, new Size3(sx, sy, sz)),
              WriteMode.ERROR_IF_EXISTS)) {
        w.write(0, 0, 0, r.readAll());
        w.commit();
      }
      assertEquals(v, readAll(back));
    }
  }

  @Test
  void manySmallPiecesAndUnalignedBoxesComeBackExact() throws Exception {
    Volume v = TestVolumes.random(DataType.UINT64, 90, 70, 40, 9);
    String src = "zarr:" + dir.resolve("src");
    TestVolumes.write(src, v, null, null);
    // One 16^3 uint64 block is 32 KiB: pieces of at most 2 blocks.
    DvidOptions small = DvidOptions.DEFAULT.withMaxRequestBytes(70_000).withConcurrency(4);
    try (DvidFixture f = DvidFixture.start(dir.resolve("server"))) {
      String url = f.url("seg");
      DvidFormat format = new DvidFormat(small);
      try (VolumeReader in = Volumes.open(src);
          VolumeWriter out = format.create(VolumeUrl.parse(url), VolumeSpec.of(DataType.UINT64,
              new Size3(90, 70, 40)).withChunks(new Size3(16, 16, 16)),
              WriteMode.ERROR_IF_EXISTS)) {
        out.write(0, 0, 0, in.readAll());
        out.commit();
      }
      try (DvidRemote r = DvidRemote.open(DvidUrl.parse(url), Optional.empty(), small)) {
        long before = r.requestStats().requests();
        BoundingBox box = new BoundingBox(3, 87, 5, 61, 1, 39);
        assertEquals(v.view(box), r.getCutout(box));
        // Blocks 0-5 in x, 0-3 in y, 0-2 in z; two blocks per piece along x.
        assertEquals(3 * 4 * 3, r.requestStats().requests() - before);
        assertEquals(v, r.readAll());
      }
    }
  }

  @Test
  void anUnalignedUploadChangesNoVoxelOutsideItsBox() throws Exception {
    Volume a = TestVolumes.random(DataType.UINT8, 96, 64, 64, 1);
    Volume b = TestVolumes.random(DataType.UINT8, 45, 37, 17, 2);
    try (DvidFixture f = DvidFixture.start(dir.resolve("server"));
        VolumeWriter w = new DvidHttpFormat().create(VolumeUrl.parse(f.url("gray")),
            VolumeSpec.of(DataType.UINT8, new Size3(96, 64, 64)), WriteMode.ERROR_IF_EXISTS)) {
      w.write(0, 0, 0, a);
      w.commit();
      try (DvidRemote r = DvidRemote.open(DvidUrl.parse(f.url("gray")), Optional.empty(),
          DvidOptions.DEFAULT.withMaxRequestBytes(40_000))) {
        r.postCutout(5, 3, 30, 0, b);
        Volume expected = a.copy();
        expected.copyFrom(b, 5, 3, 30);
        assertEquals(expected, r.readAll());
        assertEquals(b, r.getCutout(BoundingBox.at(5, 3, 30, 45, 37, 17)));
      }
    }
  }

  @Test
  void theSharedSsTemStackGoesUpAndComesBackUnchanged() throws Exception {
    Path raw = SharedData.drosophilaStack().resolve("raw");
    Volume stack = readAll("tiff:" + raw);
    try (DvidFixture f = DvidFixture.start(dir.resolve("server"))) {
      String url = f.url("sstem");
      try (VolumeWriter w = Volumes.create(url, VolumeSpec.of(DataType.UINT8,
          new Size3(stack.sizeX(), stack.sizeY(), stack.sizeZ())), WriteMode.ERROR_IF_EXISTS)) {
        w.write(0, 0, 0, stack);
        w.commit();
      }
      Volume back = readAll(url);
      assertEquals(stack.checksum(), back.checksum());
      assertEquals(stack, back);
    }
  }

  @Test
  void aRoundTripThroughAFaultyServerCompletesIdenticalWithRetries() throws Exception {
    Volume v = TestVolumes.random(DataType.UINT64, 64, 48, 32, 3);
    DvidOptions opts = DvidOptions.DEFAULT.withMaxRequestBytes(40_000).withRetry(
        new RetryPolicy(12, java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(20)));
    Path state = dir.resolve("server");
    String repo;
    try (DvidFixture clean = DvidFixture.start(state); DvidClient c = clean.client()) {
      c.createInstance(clean.root, DvidType.LABELMAP, "seg", java.util.Map.of("BlockSize",
          "16,16,16"));
      repo = clean.root;
    }
    try (DvidFixture f = DvidFixture.restart(state, repo, Optional.empty(),
        FaultInjection.evenly(0.2, 42))) {
      String faulty = f.url("seg");
      try (VolumeWriter w = new DvidFormat(opts).create(VolumeUrl.parse(faulty),
          VolumeSpec.of(DataType.UINT64, new Size3(64, 48, 32)), WriteMode.APPEND)) {
        w.write(3, 0, 1, v.view(3, 0, 1, 61, 48, 31).copy());
        w.write(0, 0, 0, v.view(0, 0, 0, 3, 48, 32).copy());
        w.write(3, 0, 0, v.view(3, 0, 0, 61, 48, 1).copy());
        w.commit();
      }
      try (DvidRemote r = DvidRemote.open(DvidUrl.parse(faulty), Optional.empty(), opts)) {
        assertEquals(v, r.readAll());
        assertTrue(r.requestStats().retries() > 0, r.requestStats().toString());
      }
      assertTrue(f.server.stats().errors() + f.server.stats().drops()
          + f.server.stats().truncations() > 0);
    }
  }

  @Test
  void tasksOfAParallelWriteLandTheirBlocks() throws Exception {
    Volume v = TestVolumes.random(DataType.UINT16, 64, 64, 32, 4);
    try (DvidFixture f = DvidFixture.start(dir.resolve("server"))) {
      VolumeUrl url = VolumeUrl.parse(f.url("par"));
      DvidFormat format = new DvidHttpFormat();
      assertTrue(format.supportsParallelWrite());
      ParallelWrite pw = format.beginParallel(url, VolumeSpec.of(DataType.UINT16,
          new Size3(64, 64, 30)), WriteMode.ERROR_IF_EXISTS);
      ParallelWrite shipped = roundTripSerialisation(pw);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> tasks = new ArrayList<>();
        for (int z = 0; z < 30; z += 32) {
          for (int y = 0; y < 64; y += 32) {
            for (int x = 0; x < 64; x += 32) {
              int bx = x;
              int by = y;
              tasks.add(pool.submit(() -> {
                try (ParallelWrite.ChunkWriter cw = shipped.writer()) {
                  cw.write(bx, by, 0, v.view(bx, by, 0, 32, 32, 30).copy());
                }
              }));
            }
          }
        }
        for (Future<?> t : tasks) {
          t.get();
        }
      } finally {
        pool.shutdownNow();
      }
      pw.commit();
      try (VolumeReader r = Volumes.open(url.toString())) {
        assertEquals(BoundingBox.ofShape(64, 64, 30), r.info().extent());
        assertEquals(v.view(0, 0, 0, 64, 64, 30), r.readAll());
      }
    }
  }

  @Test
  void labelsFallBackToRawVoxelsWhereAServerRefusesLz4() throws Exception {
    Volume v = TestVolumes.random(DataType.UINT64, 40, 30, 20, 5);
    org.ndio.serve.dvid.DvidHandler dvid = new org.ndio.serve.dvid.DvidHandler(
        dir.resolve("server"), Optional.empty(), "lz4");
    java.util.concurrent.atomic.AtomicInteger refused =
        new java.util.concurrent.atomic.AtomicInteger();
    // An older DVID without compressed raw transfers answers as it answers unknown codecs.
    org.ndio.serve.ProtocolHandler noLz4 = call -> {
      if (call.param("compression").isPresent()) {
        refused.incrementAndGet();
        return org.ndio.serve.Reply.text(400, "unknown compression type \"lz4\" ("
            + call.path() + ").\n");
      }
      return dvid.handle(call);
    };
    try (org.ndio.serve.EmbeddedServer s = org.ndio.serve.EmbeddedServer.start(noLz4, 0,
        FaultInjection.NONE)) {
      String uuid;
      try (DvidClient c = new DvidClient(java.net.URI.create(s.address()), Optional.empty(),
          DvidOptions.DEFAULT)) {
        uuid = c.createRepo("old", "no lz4");
      }
      String url = "dvid+http://127.0.0.1:" + s.port() + "/" + uuid + "/seg";
      try (VolumeWriter w = new DvidHttpFormat().create(VolumeUrl.parse(url),
          VolumeSpec.of(DataType.UINT64, new Size3(40, 30, 20)), WriteMode.ERROR_IF_EXISTS)) {
        w.write(0, 0, 0, v);
        w.commit();
      }
      assertEquals(v, readAll(url));
      assertTrue(refused.get() >= 2, refused.get() + " refusals");
    }
  }

  private static ParallelWrite roundTripSerialisation(ParallelWrite pw) throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(pw);
    }
    try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
        new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      return (ParallelWrite) in.readObject();
    }
  }
}
