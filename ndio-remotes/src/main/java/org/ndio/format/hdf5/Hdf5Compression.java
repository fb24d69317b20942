package org.ndio.format.hdf5;

import io.jhdf.filter.PipelineFilterWithData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ndio.UnsupportedFeatureException;

/**
 * The filters ndio writes, as a compressor spec: {@code none}, or {@code gzip[:LEVEL]} (HDF5's
 * deflate, as h5py's {@code compression="gzip"}; aliases {@code zlib}, {@code deflate}),
 * optionally preceded by {@code shuffle+} for the byte-shuffle filter. The same form describes
 * the filters of datasets read, e.g. {@code shuffle+gzip:4}.
 */
record Hdf5Compression(boolean shuffle, int gzipLevel) {

  static final Hdf5Compression NONE = new Hdf5Compression(false, -1);

  static Hdf5Compression parse(String spec, String where) {
    if (spec == null || spec.isBlank() || spec.trim().equalsIgnoreCase("none")) {
      return NONE;
    }
    boolean shuffle = false;
    int level = -1;
    for (String term : spec.trim().toLowerCase(Locale.ROOT).split("\\+")) {
      String[] p = term.split(":", -1);
      if (p[0].equals("shuffle") && p.length == 1 && !shuffle) {
        shuffle = true;
      } else if ((p[0].equals("gzip") || p[0].equals("zlib") || p[0].equals("deflate"))
          && level < 0 && (p.length == 1 || p.length == 2 && p[1].matches("[0-9]"))) {
        level = p.length == 1 ? 4 : Integer.parseInt(p[1]);
      } else {
        throw new UnsupportedFeatureException(
            where + ": HDF5 compressor '" + spec + "' is not supported (use none, gzip[:LEVEL]"
                + " or shuffle+gzip[:LEVEL], LEVEL 0 to 9)");
      }
    }
    return new Hdf5Compression(shuffle, level);
  }

  boolean compresses() {
    return gzipLevel >= 0;
  }

  boolean filtered() {
    return shuffle || compresses();
  }

  /** The spec of a dataset's filter pipeline, in pipeline order. */
  static String describe(List<PipelineFilterWithData> filters) {
    if (filters.isEmpty()) {
      return "none";
    }
    List<String> terms = new ArrayList<>();
    for (PipelineFilterWithData f : filters) {
      int[] data = f.getFilterData();
      terms.add(switch (f.getId()) {
        case 1 -> "gzip" + (data.length > 0 ? ":" + data[0] : "");
        case 2 -> "shuffle";
        case 3 -> "fletcher32";
        case 32000 -> "lzf";
        default -> f.getName().toLowerCase(Locale.ROOT).replace(' ', '-');
      });
    }
    return String.join("+", terms);
  }

  @Override
  public String toString() {
    if (!filtered()) {
      return "none";
    }
    String gzip = compresses() ? "gzip:" + gzipLevel : "";
    return shuffle ? (gzip.isEmpty() ? "shuffle" : "shuffle+" + gzip) : gzip;
  }
}
