package org.ndio.format.hdf5;

import java.util.List;

/**
 * A version 2 object header ("OHDR"): flags, the size of its single chunk, the messages and
 * the lookup3 checksum of all that precedes it. No times, no attribute creation order, no
 * continuation chunks: the messages of one group or dataset fit in one chunk.
 */
final class Hdf5ObjectHeader {

  private static final byte[] SIGNATURE = {'O', 'H', 'D', 'R'};
  // Flags bits 0-1 = 2: the chunk's size is a four-byte field.
  private static final int FLAGS = 2;
  private static final int PREFIX = SIGNATURE.length + 1 + 1 + 4;
  private static final int MESSAGE_PREFIX = 4;
  private static final int CHECKSUM = 4;

  private Hdf5ObjectHeader() {}

  /** The bytes an object header of these messages takes. */
  static int size(List<Hdf5Message> messages) {
    return PREFIX + chunkSize(messages) + CHECKSUM;
  }

  private static int chunkSize(List<Hdf5Message> messages) {
    int n = 0;
    for (Hdf5Message m : messages) {
      n += MESSAGE_PREFIX + m.body().length;
    }
    return n;
  }

  static byte[] encode(List<Hdf5Message> messages) {
    LittleEndianOut o = new LittleEndianOut().bytes(SIGNATURE).u8(2).u8(FLAGS)
        .u32(chunkSize(messages));
    for (Hdf5Message m : messages) {
      if (m.body().length > Hdf5Message.MAX_BODY) {
        throw new IllegalArgumentException("message of type " + m.type() + " too long");
      }
      o.u8(m.type()).u16(m.body().length).u8(0).bytes(m.body());
    }
    byte[] head = o.toArray();
    return new LittleEndianOut().bytes(head).u32(Hdf5Checksum.of(head)).toArray();
  }
}
