package org.ndio.remote.neurodata;

import java.util.List;
import org.ndio.volume.DataType;

/**
 * One channel of a project's {@code info/}.
 *
 * @param channelType {@code image} or {@code annotation} (also {@code timeseries})
 * @param datatype ndstore's element type name, e.g. {@code uint8}
 * @param resolution the level the channel's data were written at
 * @param readonly 1 if the server refuses writes
 * @param propagate 0 lower levels not built, 1 being built, 2 built
 */
public record ChannelInfo(String name, String channelType, String datatype, int resolution,
    int readonly, int propagate, int exceptions, String description, List<Long> windowRange,
    List<Long> timeRange) {

  public ChannelInfo {
    windowRange = List.copyOf(windowRange);
    timeRange = List.copyOf(timeRange);
  }

  /** The voxel type; ndstore's names are numpy's. */
  public DataType dtype() {
    return DataType.fromName(datatype);
  }

  public boolean isAnnotation() {
    return channelType.equals("annotation");
  }

  public boolean isReadOnly() {
    return readonly == 1;
  }
}
