package org.ndio.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.ndio.DataTypeException;

class DataTypeTest {

  @Test
  void typestrsRoundTrip() {
    for (DataType t : DataType.values()) {
      for (ByteOrder o : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
        DataType.Typestr p = DataType.parseTypestr(t.typestr(o));
        assertEquals(t, p.type());
        if (t.bytes() > 1) {
          assertEquals(o, p.order());
        }
      }
      assertEquals(t, DataType.fromName(t.numpyName().toUpperCase()));
    }
    assertEquals("|u1", DataType.UINT8.typestr(ByteOrder.BIG_ENDIAN));
    assertEquals("<f8", DataType.FLOAT64.typestr(ByteOrder.LITTLE_ENDIAN));
  }

  @Test
  void rejectsWhatVolumesCannotHold() {
    for (String s : new String[] {"|b1", "<c8", "|O", "<U4", "<f2", "|V16"}) {
      DataTypeException e = assertThrows(DataTypeException.class, () -> DataType.parseTypestr(s));
      assertTrue(e.getMessage().contains(s));
    }
    assertThrows(DataTypeException.class, () -> DataType.fromName("complex64"));
  }
}
