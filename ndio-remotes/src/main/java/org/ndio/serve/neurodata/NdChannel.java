package org.ndio.serve.neurodata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A channel as ndstore's channel table holds it, plus the next id {@code reserve/} hands out.
 *
 * @param propagate 0 not propagated, 1 under propagation, 2 propagated
 */
record NdChannel(String name, String description, String channelType, String datatype,
    int resolution, int propagate, int readonly, int exceptions, long startTime, long endTime,
    long startWindow, long endWindow, long nextId) {

  static final List<String> TYPES = List.of("image", "annotation", "timeseries");
  static final List<String> DATATYPES = List.of("uint8", "uint16", "uint32", "uint64", "int8",
      "int16", "int32", "int64", "float32");

  boolean isAnnotation() {
    return channelType.equals("annotation");
  }

  NdChannel withPropagate(int p) {
    return new NdChannel(name, description, channelType, datatype, resolution, p, readonly,
        exceptions, startTime, endTime, startWindow, endWindow, nextId);
  }

  NdChannel withNextId(long n) {
    return new NdChannel(name, description, channelType, datatype, resolution, propagate,
        readonly, exceptions, startTime, endTime, startWindow, endWindow, n);
  }

  /** One entry of {@code channels} in {@code info/}. */
  Map<String, Object> infoDict() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("channel_type", channelType);
    c.put("datatype", datatype);
    c.put("exceptions", exceptions);
    c.put("readonly", readonly);
    c.put("resolution", resolution);
    c.put("propagate", propagate);
    c.put("windowrange", List.of(startWindow, endWindow));
    c.put("description", description);
    c.put("timerange", List.of(startTime, endTime));
    return c;
  }
}
