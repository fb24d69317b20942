package org.ndio.remote.neurodata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.ndio.CorruptDataException;
import org.ndio.remote.http.Placement;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/**
 * The npz answer decoded as it arrives, in pieces of any size, into its place in a larger
 * volume: bodies built here byte by byte as numpy lays them out (npy v1 header text, then the
 * data in the order the header declares, all zlib-compressed), voxels checked against the
 * formula that made them.
 */
class NpzSinkTest {

  private static final BoundingBox WHOLE = new BoundingBox(10, 17, 20, 26, 30, 35, 0);
  private static final BoundingBox PIECE = new BoundingBox(11, 16, 21, 25, 31, 34, 0);

  /** The value at (x, y, z) of the piece. */
  private static int value(int x, int y, int z) {
    return 1 + x + 10 * y + 100 * z + 1000 * (x % 3);
  }

  /** zlib(npy) of the piece's (1, 3, 4, 5) uint16 array, as numpy would save it. */
  private static byte[] body(String descr, boolean fortran, int extraBytes) {
    String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False")
        + ", 'shape': (1, 3, 4, 5), }";
    int pad = 64 - (10 + dict.length() + 1) % 64;
    String text = dict + " ".repeat(pad % 64) + "\n";
    ByteArrayOutputStream npy = new ByteArrayOutputStream();
    npy.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0,
        (byte) text.length(), (byte) (text.length() >> 8)});
    npy.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    boolean big = descr.startsWith(">");
    int sx = 5;
    int sy = 4;
    int sz = 3;
    for (int i = 0; i < sx * sy * sz; i++) {
      // C order: x fastest; Fortran order: the first axis (here z) fastest.
      int x = fortran ? i / (sz * sy) : i % sx;
      int y = fortran ? i / sz % sy : i / sx % sy;
      int z = fortran ? i % sz : i / (sx * sy);
      int v = value(x, y, z);
      npy.write(big ? v >> 8 : v);
      npy.write(big ? v : v >> 8);
    }
    npy.writeBytes(new byte[extraBytes]);
    Deflater d = new Deflater(6);
    d.setInput(npy.toByteArray());
    d.finish();
    byte[] out = new byte[4096];
    int n = d.deflate(out);
    d.end();
    return Arrays.copyOf(out, n);
  }

  /** Feeds {@code body} in pieces of random sizes, 1 to 20 bytes. */
  private static Volume feed(byte[] body, long seed) {
    Volume target = Volume.allocate(DataType.UINT16, WHOLE);
    NpzSink sink = new NpzSink(new Placement(target, WHOLE, PIECE), "t");
    SplittableRandom r = new SplittableRandom(seed);
    for (int at = 0; at < body.length; ) {
      int n = Math.min(body.length - at, 1 + r.nextInt(20));
      sink.accept(ByteBuffer.wrap(body, at, n).slice());
      at += n;
    }
    sink.finish();
    return target;
  }

  private static void check(Volume target) {
    for (int z = 0; z < WHOLE.sizeZ(); z++) {
      for (int y = 0; y < WHOLE.sizeY(); y++) {
        for (int x = 0; x < WHOLE.sizeX(); x++) {
          long px = WHOLE.x0() + x - PIECE.x0();
          long py = WHOLE.y0() + y - PIECE.y0();
          long pz = WHOLE.z0() + z - PIECE.z0();
          boolean inside = px >= 0 && px < 5 && py >= 0 && py < 4 && pz >= 0 && pz < 3;
          long want = inside ? value((int) px, (int) py, (int) pz) : 0;
          assertEquals(want, target.getLong(x, y, z), "at " + x + "," + y + "," + z);
        }
      }
    }
  }

  @Test
  void littleEndianCOrderGoesIntoPlaceHoweverTheBodyIsCut() {
    byte[] body = body("<u2", false, 0);
    for (long seed = 0; seed < 20; seed++) {
      check(feed(body, seed));
    }
    Volume whole = Volume.allocate(DataType.UINT16, WHOLE);
    NpzSink sink = new NpzSink(new Placement(whole, WHOLE, PIECE), "t");
    sink.accept(ByteBuffer.wrap(body));
    sink.finish();
    check(whole);
  }

  @Test
  void bigEndianAndFortranOrderArraysAreReordered() {
    check(feed(body(">u2", false, 0), 1));
    check(feed(body("<u2", true, 0), 2));
    check(feed(body(">u2", true, 0), 3));
  }

  @Test
  void truncatedTrailingOrMisshapenBodiesAreCorrupt() {
    byte[] good = body("<u2", false, 0);
    CorruptDataException cut = assertThrows(CorruptDataException.class,
        () -> feed(Arrays.copyOf(good, good.length - 9), 4));
    assertTrue(cut.getMessage().contains("truncated"), cut.getMessage());
    byte[] trailing = Arrays.copyOf(good, good.length + 3);
    assertThrows(CorruptDataException.class, () -> feed(trailing, 5));
    CorruptDataException longer = assertThrows(CorruptDataException.class,
        () -> feed(body("<u2", false, 4), 6));
    assertTrue(longer.getMessage().contains("more than"), longer.getMessage());
    CorruptDataException dtype = assertThrows(CorruptDataException.class,
        () -> feed(body("<u4", false, 0), 7));
    assertTrue(dtype.getMessage().contains("uint32"), dtype.getMessage());
    byte[] notZlib = "not a zlib stream at all".getBytes(StandardCharsets.US_ASCII);
    assertThrows(CorruptDataException.class, () -> feed(notZlib, 8));
  }

  /** A stream that gives at most a few bytes per read, as a socket may. */
  private static InputStream trickle(byte[] bytes, SplittableRandom r) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1 + r.nextInt(7)));
      }
    };
  }

  @Test
  void rawAnswersGoIntoPlaceForEveryLayoutOfPiece() throws Exception {
    SplittableRandom r = new SplittableRandom(9);
    BoundingBox whole = new BoundingBox(0, 6, 0, 5, 0, 4, 0);
    for (BoundingBox piece : new BoundingBox[] {whole, new BoundingBox(0, 6, 0, 5, 1, 3, 0),
        new BoundingBox(0, 6, 2, 4, 1, 4, 0), new BoundingBox(1, 4, 1, 5, 0, 2, 0)}) {
      byte[] raw = new byte[(int) piece.voxels()];
      for (int i = 0; i < raw.length; i++) {
        raw[i] = (byte) (1 + r.nextInt(255));
      }
      Volume target = Volume.allocate(DataType.UINT8, whole);
      new Placement(target, whole, piece).fillFrom(trickle(raw, r), "t");
      Volume want = Volume.allocate(DataType.UINT8, whole);
      want.copyFrom(Volume.wrap(DataType.UINT8, (int) piece.sizeX(), (int) piece.sizeY(),
          (int) piece.sizeZ(), raw), (int) piece.x0(), (int) piece.y0(), (int) piece.z0());
      assertEquals(want, target, piece.toString());
      Placement again = new Placement(Volume.allocate(DataType.UINT8, whole), whole, piece);
      assertThrows(CorruptDataException.class, () -> again.fillFrom(
          trickle(Arrays.copyOf(raw, raw.length - 1), r), "t"));
      assertThrows(CorruptDataException.class, () -> again.fillFrom(
          trickle(Arrays.copyOf(raw, raw.length + 1), r), "t"));
    }
  }

  @Test
  void decodingFromAStreamReadsItToItsEnd() throws Exception {
    Volume target = Volume.allocate(DataType.UINT16, WHOLE);
    NpzSink.decode(trickle(body("<u2", false, 0), new SplittableRandom(10)),
        new Placement(target, WHOLE, PIECE), "t");
    check(target);
  }
}
