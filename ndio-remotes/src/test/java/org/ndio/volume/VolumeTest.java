package org.ndio.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ndio.BoxOutOfBoundsException;
import org.ndio.DataTypeException;
import org.ndio.InvalidBoxException;

class VolumeTest {

  /** A volume whose voxel (x, y, z) holds x + 10 y + 100 z. */
  static Volume ramp(DataType t, int sx, int sy, int sz) {
    Volume v = Volume.allocate(t, sx, sy, sz);
    for (int z = 0; z < sz; z++) {
      for (int y = 0; y < sy; y++) {
        for (int x = 0; x < sx; x++) {
          v.setLong(x, y, z, x + 10L * y + 100L * z);
        }
      }
    }
    return v;
  }

  @Test
  void storesCOrderLittleEndianWithXFastest() {
    Volume v = ramp(DataType.UINT16, 3, 2, 2);
    ByteBuffer b = ByteBuffer.wrap(v.array()).order(ByteOrder.LITTLE_ENDIAN);
    // numpy a[z, y, x] flattened in C order: x varies fastest.
    int[] expected = {0, 1, 2, 10, 11, 12, 100, 101, 102, 110, 111, 112};
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], b.getShort(2 * i));
    }
  }

  @ParameterizedTest
  @EnumSource(DataType.class)
  void viewsShareDataAndCopiesDoNot(DataType t) {
    Volume v = ramp(t, 5, 4, 3);
    Volume view = v.view(1, 2, 1, 3, 2, 2);
    assertEquals(ramp(t, 5, 4, 3).getLong(1, 2, 1), view.getLong(0, 0, 0));
    assertEquals(ramp(t, 5, 4, 3).view(1, 2, 1, 3, 2, 2), view);
    view.setLong(0, 0, 0, 7);
    assertEquals(7, v.getLong(1, 2, 1));
    Volume copy = view.copy();
    copy.setLong(1, 1, 1, 9);
    assertEquals(9, copy.getLong(1, 1, 1));
    assertEquals(ramp(t, 5, 4, 3).getLong(2, 3, 2), view.getLong(1, 1, 1));
    assertEquals(view.view(0, 0, 0, 3, 1, 2), copy.view(0, 0, 0, 3, 1, 2));
  }

  @Test
  void copyFromPastesASubVolume() {
    Volume big = Volume.allocate(DataType.UINT32, 6, 6, 6);
    Volume small = ramp(DataType.UINT32, 2, 3, 4);
    big.copyFrom(small, 4, 3, 2);
    assertEquals(small, big.view(4, 3, 2, 2, 3, 4));
    assertEquals(0, big.getLong(3, 3, 2));
    assertThrows(BoxOutOfBoundsException.class, () -> big.copyFrom(small, 5, 0, 0));
    assertThrows(DataTypeException.class,
        () -> big.copyFrom(Volume.allocate(DataType.UINT8, 1, 1, 1), 0, 0, 0));
  }

  @Test
  void checksumIsZlibCrcOfCOrderBytesForViewsToo() {
    Volume v = ramp(DataType.UINT64, 7, 5, 3);
    Volume view = v.view(2, 1, 1, 4, 3, 2);
    CRC32 crc = new CRC32();
    crc.update(view.copy().array());
    assertEquals(crc.getValue(), view.checksum());
    assertEquals(view.copy().hashCode(), view.hashCode());
    assertNotEquals(v.view(0, 0, 0, 4, 3, 2), view);
  }

  @Test
  void byteOrderAndFortranConversions() {
    Volume v = ramp(DataType.INT32, 4, 3, 2);
    byte[] be = v.toBytes(ByteOrder.BIG_ENDIAN);
    assertEquals(v, Volume.fromBytes(DataType.INT32, 4, 3, 2, be, 0, ByteOrder.BIG_ENDIAN));
    // Fortran order of a[z, y, x]: z fastest, then y, then x.
    ByteBuffer f = ByteBuffer.allocate(4 * 24).order(ByteOrder.LITTLE_ENDIAN);
    for (int x = 0; x < 4; x++) {
      for (int y = 0; y < 3; y++) {
        for (int z = 0; z < 2; z++) {
          f.putInt(x + 10 * y + 100 * z);
        }
      }
    }
    assertEquals(v, Volume.fromFortranBytes(DataType.INT32, 4, 3, 2, f.array(), 0,
        ByteOrder.LITTLE_ENDIAN));
  }

  @Test
  void unsignedAndFloatValuesKeepTheirMeaning() {
    Volume u8 = Volume.allocate(DataType.UINT8, 1, 1, 1);
    u8.setLong(0, 0, 0, 255);
    assertEquals(255, u8.getLong(0, 0, 0));
    Volume u64 = Volume.allocate(DataType.UINT64, 1, 1, 1);
    u64.setLong(0, 0, 0, -1L);
    assertEquals(18446744073709551615.0, u64.getDouble(0, 0, 0));
    Volume f = Volume.allocate(DataType.FLOAT32, 2, 1, 1);
    f.fill(Double.NaN);
    assertEquals(Float.NaN, (float) f.getDouble(1, 0, 0));
    assertEquals(f, f.copy());
  }

  @Test
  void wrapChecksLengthAndAllocateRefusesHugeShapes() {
    byte[] bytes = new byte[24];
    assertSame(bytes, Volume.wrap(DataType.UINT16, 3, 2, 2, bytes).array());
    assertThrows(InvalidBoxException.class, () -> Volume.wrap(DataType.UINT16, 3, 2, 3, bytes));
    InvalidBoxException e = assertThrows(InvalidBoxException.class,
        () -> Volume.allocate(DataType.UINT64, 2048, 2048, 2048));
    assertTrue(e.getMessage().contains("2 GiB"), e.getMessage());
  }
}
