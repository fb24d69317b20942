package org.ndio.remote.dvid;

import java.util.Map;
import java.util.Optional;

/** What {@code GET /api/server/info} says about a server: DVID's name/value pairs. */
public record DvidServerInfo(Map<String, String> properties) {

  public DvidServerInfo {
    properties = Map.copyOf(properties);
  }

  /** {@code DVID Version}, e.g. {@code v1.0.0}. */
  public Optional<String> version() {
    return Optional.ofNullable(properties.get("DVID Version"));
  }
}
