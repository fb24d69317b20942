package org.ndio.format.hdf5;

/**
 * A version 2 superblock at address 0: eight-byte addresses and lengths, no base offset, no
 * superblock extension, the end-of-file address and the root group's object header address,
 * then the lookup3 checksum of the preceding bytes.
 */
final class Hdf5Superblock {

  static final int SIZE = 48;
  private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  private Hdf5Superblock() {}

  static byte[] encode(long endOfFile, long rootHeader) {
    byte[] head = new LittleEndianOut().bytes(SIGNATURE)
        .u8(2) // version
        .u8(8) // size of offsets
        .u8(8) // size of lengths
        .u8(0) // file consistency flags
        .u64(0) // base address
        .u64(Hdf5Message.UNDEFINED_ADDRESS) // superblock extension
        .u64(endOfFile)
        .u64(rootHeader)
        .toArray();
    return new LittleEndianOut().bytes(head).u32(Hdf5Checksum.of(head)).toArray();
  }
}
