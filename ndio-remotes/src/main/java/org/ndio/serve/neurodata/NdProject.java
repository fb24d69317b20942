package org.ndio.serve.neurodata;

import java.util.LinkedHashMap;
import java.util.Map;

/** A project: its dataset and its channels by name. */
record NdProject(String name, String description, String dataset,
    Map<String, NdChannel> channels) {

  NdProject {
    channels = Map.copyOf(channels);
  }

  NdProject withChannel(NdChannel c) {
    Map<String, NdChannel> m = new LinkedHashMap<>(channels);
    m.put(c.name(), c);
    return new NdProject(name, description, dataset, m);
  }
}
