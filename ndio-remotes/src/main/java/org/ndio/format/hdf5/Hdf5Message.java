package org.ndio.format.hdf5;

import java.nio.charset.StandardCharsets;

/**
 * One header message of an HDF5 object: its type number and its body, as the HDF5 File Format
 * Specification lays them out (section IV.A.2). Only the messages a file of groups and one
 * contiguous dataset needs are made here.
 */
record Hdf5Message(int type, byte[] body) {

  static final int DATASPACE = 0x01;
  static final int LINK_INFO = 0x02;
  static final int DATATYPE = 0x03;
  static final int FILL_VALUE = 0x05;
  static final int LINK = 0x06;
  static final int LAYOUT = 0x08;
  static final int GROUP_INFO = 0x0A;
  static final int ATTRIBUTE = 0x0C;

  /** Bodies are at most this long: a message's size field has two bytes. */
  static final int MAX_BODY = 0xFFFF;

  static final long UNDEFINED_ADDRESS = -1L;

  /** A simple dataspace of {@code dims} (slowest first), its maximum the same. */
  static byte[] dataspace(long... dims) {
    LittleEndianOut o = new LittleEndianOut().u8(2).u8(dims.length).u8(0).u8(1);
    for (long d : dims) {
      o.u64(d);
    }
    return o.toArray();
  }

  /** A scalar dataspace: one element. */
  static byte[] scalarDataspace() {
    return new LittleEndianOut().u8(2).u8(0).u8(0).u8(0).toArray();
  }

  static Hdf5Message dataspaceOf(long... dims) {
    return new Hdf5Message(DATASPACE, dataspace(dims));
  }

  static Hdf5Message datatype(byte[] body) {
    return new Hdf5Message(DATATYPE, body);
  }

  /**
   * Version 3 with the library's defaults for a contiguous dataset: space allocated late, fill
   * value written only if set, none set (so the default, zero, is the fill value).
   */
  static Hdf5Message defaultFillValue() {
    int allocLate = 2;
    int fillIfSet = 2 << 2;
    return new Hdf5Message(FILL_VALUE, new byte[] {3, (byte) (allocLate | fillIfSet)});
  }

  /** Version 3 contiguous layout: the data's address and size in bytes. */
  static Hdf5Message contiguousLayout(long address, long size) {
    return new Hdf5Message(LAYOUT,
        new LittleEndianOut().u8(3).u8(1).u64(address).u64(size).toArray());
  }

  /**
   * Link info of a group whose links are all stored in its header ("compact" storage): no
   * fractal heap, no name index, creation order not tracked.
   */
  static Hdf5Message compactLinkInfo() {
    return new Hdf5Message(LINK_INFO, new LittleEndianOut().u8(0).u8(0)
        .u64(UNDEFINED_ADDRESS).u64(UNDEFINED_ADDRESS).toArray());
  }

  /** Group info with the library's default storage thresholds (none stored). */
  static Hdf5Message groupInfo() {
    return new Hdf5Message(GROUP_INFO, new byte[] {0, 0});
  }

  /** A hard link named {@code name} (UTF-8) to the object header at {@code address}. */
  static Hdf5Message hardLink(String name, long address) {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    int lengthField = n.length <= 0xFF ? 0 : n.length <= 0xFFFF ? 1 : 2;
    int charsetPresent = 0x10;
    return new Hdf5Message(LINK, new LittleEndianOut().u8(1).u8(charsetPresent | lengthField)
        .u8(1) // UTF-8
        .unsigned(n.length, 1 << lengthField)
        .bytes(n)
        .u64(address)
        .toArray());
  }

  /** A version 3 attribute message: UTF-8 name, then type, space and the raw value. */
  static Hdf5Message attribute(String name, byte[] datatype, byte[] dataspace, byte[] data) {
    byte[] n = (name + "\0").getBytes(StandardCharsets.UTF_8);
    return new Hdf5Message(ATTRIBUTE, new LittleEndianOut().u8(3).u8(0)
        .u16(n.length).u16(datatype.length).u16(dataspace.length)
        .u8(1) // name encoding UTF-8
        .bytes(n).bytes(datatype).bytes(dataspace).bytes(data)
        .toArray());
  }
}
