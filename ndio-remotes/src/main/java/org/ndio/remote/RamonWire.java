package org.ndio.remote;

import java.util.List;
import java.util.Map;
import org.ndio.ramon.RamonObject;
import org.ndio.volume.BoundingBox;

/**
 * The RAMON bodies the remotes and ndio's servers exchange, through the RAMON codecs: ndstore's
 * HDF5 layout (objects, {@code ANNOIDS} id lists, bounding boxes) and its flat JSON form. A
 * body that does not decode is a {@link org.ndio.RamonException} naming {@code where}.
 */
public final class RamonWire {

  private RamonWire() {}

  public static byte[] hdf5(List<RamonObject> objects) {
    throw new UnsupportedOperationException("codec pending");
  }

  public static List<RamonObject> fromHdf5(byte[] body, String where) {
    throw new UnsupportedOperationException("codec pending");
  }

  public static byte[] idsHdf5(long[] ids) {
    throw new UnsupportedOperationException("codec pending");
  }

  public static long[] idsFromHdf5(byte[] body, String where) {
    throw new UnsupportedOperationException("codec pending");
  }

  public static byte[] boxesHdf5(Map<Long, BoundingBox> boxes) {
    throw new UnsupportedOperationException("codec pending");
  }

  public static Map<Long, BoundingBox> boxesFromHdf5(byte[] body, String where) {
    throw new UnsupportedOperationException("codec pending");
  }

  public static String json(List<RamonObject> objects) {
    throw new UnsupportedOperationException("codec pending");
  }

  public static List<RamonObject> fromJson(String text, String where) {
    throw new UnsupportedOperationException("codec pending");
  }
}
