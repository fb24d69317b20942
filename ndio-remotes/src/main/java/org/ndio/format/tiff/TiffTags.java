package org.ndio.format.tiff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.metadata.IIOMetadata;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The fields of one TIFF directory, taken from the standard native TIFF metadata tree
 * ({@code com_sun_media_imageio_plugins_tiff_image_1.0}) that the TIFF reader produces. Values
 * are kept as the text the tree holds: integers, {@code num/den} rationals or ASCII strings.
 */
final class TiffTags {

  static final int IMAGE_WIDTH = 256;
  static final int IMAGE_LENGTH = 257;
  static final int BITS_PER_SAMPLE = 258;
  static final int COMPRESSION = 259;
  static final int PHOTOMETRIC = 262;
  static final int IMAGE_DESCRIPTION = 270;
  static final int STRIP_OFFSETS = 273;
  static final int SAMPLES_PER_PIXEL = 277;
  static final int STRIP_BYTE_COUNTS = 279;
  static final int X_RESOLUTION = 282;
  static final int Y_RESOLUTION = 283;
  static final int TILE_OFFSETS = 324;
  static final int TILE_BYTE_COUNTS = 325;
  static final int SAMPLE_FORMAT = 339;

  static final String FORMAT = "com_sun_media_imageio_plugins_tiff_image_1.0";

  private final Map<Integer, List<String>> fields;

  private TiffTags(Map<Integer, List<String>> fields) {
    this.fields = fields;
  }

  static TiffTags of(IIOMetadata metadata) {
    Map<Integer, List<String>> fields = new HashMap<>();
    Node root = metadata.getAsTree(FORMAT);
    for (Node ifd = root.getFirstChild(); ifd != null; ifd = ifd.getNextSibling()) {
      for (Node f = ifd.getFirstChild(); f != null; f = f.getNextSibling()) {
        String number = attribute(f, "number");
        if (!"TIFFField".equals(f.getNodeName()) || number == null) {
          continue;
        }
        List<String> values = new ArrayList<>();
        for (Node list = f.getFirstChild(); list != null; list = list.getNextSibling()) {
          for (Node v = list.getFirstChild(); v != null; v = v.getNextSibling()) {
            String value = attribute(v, "value");
            if (value != null) {
              values.add(value);
            }
          }
        }
        try {
          fields.put(Integer.parseInt(number), values);
        } catch (NumberFormatException e) {
          // a field without a numeric tag cannot be one we look up
        }
      }
    }
    return new TiffTags(fields);
  }

  private static String attribute(Node n, String name) {
    NamedNodeMap a = n.getAttributes();
    Node v = a == null ? null : a.getNamedItem(name);
    return v == null ? null : v.getNodeValue();
  }

  boolean has(int tag) {
    return fields.containsKey(tag) && !fields.get(tag).isEmpty();
  }

  /** The integer values of {@code tag}; empty if absent. */
  long[] longs(int tag) {
    List<String> v = fields.getOrDefault(tag, List.of());
    long[] out = new long[v.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Long.parseLong(v.get(i).trim());
    }
    return out;
  }

  /** The first integer value of {@code tag}, or {@code fallback} where absent. */
  long first(int tag, long fallback) {
    return has(tag) ? longs(tag)[0] : fallback;
  }

  /** The first value of an ASCII field. */
  Optional<String> text(int tag) {
    return has(tag) ? Optional.of(fields.get(tag).get(0)) : Optional.empty();
  }

  /**
   * The reciprocal {@code den / num} of the first value of a RATIONAL field, if present, finite
   * and positive: the size of a pixel from a resolution in pixels per unit, computed so that
   * {@code 1000000/4600000} gives exactly 4.6.
   */
  Optional<Double> reciprocal(int tag) {
    if (!has(tag)) {
      return Optional.empty();
    }
    String s = fields.get(tag).get(0);
    try {
      int slash = s.indexOf('/');
      double v = slash < 0 ? 1 / Double.parseDouble(s)
          : Double.parseDouble(s.substring(slash + 1)) / Double.parseDouble(s.substring(0, slash));
      return Double.isFinite(v) && v > 0 ? Optional.of(v) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
