package org.ndio.remote.neurodata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ndio.DataTypeException;
import org.ndio.UnsupportedFeatureException;
import org.ndio.VolumeExistsException;
import org.ndio.VolumeNotFoundException;
import org.ndio.remote.http.HttpTransport;
import org.ndio.remote.http.Secret;
import org.ndio.store.VolumeSpec;
import org.ndio.store.WriteMode;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.VoxelSize;

/**
 * Makes the channel a write goes to, through ndstore's {@code POST /nd/sd/autoIngest/}: the
 * JSON document that ndio's {@code NDIngest} posted, with a {@code dataset}, a {@code project}
 * (and its token), the {@code channels} and {@code metadata}. For a new project the dataset is
 * the spec's shape at offset 0; a channel added to an existing project repeats that project's
 * dataset as its {@code info/} gives it, which ndstore requires to match.
 *
 * <p>ndstore starts an ingest from each channel's {@code data_url}; ndio writes voxels by
 * posting cutouts instead, so the URL is left empty (the real service's ingest of it fails
 * harmlessly; ours ingests nothing).
 */
final class ChannelCreation {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ChannelCreation() {}

  /**
   * Readies {@code url} for a write of {@code spec} in {@code mode}: creates what is missing or
   * refuses, as the mode says.
   */
  static void prepare(NeuroDataUrl url, Optional<Secret> key, NeuroDataOptions options,
      VolumeSpec spec, WriteMode mode) {
    if (mode == WriteMode.OVERWRITE) {
      throw new UnsupportedFeatureException(url + ": NeuroData channels are not replaced; write"
          + " into an existing one with --append, or name a new channel");
    }
    requireStorable(url, spec.dtype());
    try (HttpTransport http = new HttpTransport("neurodata", key, "Token", options.retry(),
        1, options.timeout(), new NeuroDataErrors(), options.verifyTls())) {
      ProjectInfo project;
      try {
        project = NeuroDataRemote.fetchInfo(http, url);
      } catch (VolumeNotFoundException e) {
        if (mode == WriteMode.APPEND) {
          throw new VolumeNotFoundException(url + ": no project '" + url.token()
              + "' to append to (" + e.getMessage() + ")", e);
        }
        ingest(http, url, newDataset(url, spec), url.token(), spec);
        return;
      }
      ChannelInfo existing = project.channels().get(url.channel());
      if (existing != null) {
        if (mode == WriteMode.ERROR_IF_EXISTS) {
          throw new VolumeExistsException(url + " already exists (append to it with --append"
              + " or WriteMode.APPEND)");
        }
        if (existing.dtype() != spec.dtype()) {
          throw new DataTypeException(url + ": cannot write " + spec.dtype().numpyName()
              + " voxels into the existing " + existing.datatype() + " channel");
        }
        return;
      }
      if (mode == WriteMode.APPEND) {
        throw new VolumeNotFoundException(url + ": project '" + url.token() + "' has no channel '"
            + url.channel() + "' to append to");
      }
      ingest(http, url, project.dataset().ingestFields(), project.projectName(), spec);
    }
  }

  static void requireStorable(NeuroDataUrl url, DataType t) {
    if (t == DataType.FLOAT64) {
      throw new DataTypeException(url + ": NeuroData channels hold uint8, uint16, uint32, uint64,"
          + " int8, int16, int32, int64 or float32 voxels, not float64");
    }
  }

  private static void ingest(HttpTransport http, NeuroDataUrl url, Map<String, Object> dataset,
      String projectName, VolumeSpec spec) {
    Map<String, Object> project = new LinkedHashMap<>();
    project.put("project_name", projectName);
    project.put("token_name", url.token());
    Map<String, Object> channel = new LinkedHashMap<>();
    channel.put("channel_name", url.channel());
    channel.put("datatype", spec.dtype().numpyName());
    channel.put("channel_type", channelType(spec));
    channel.put("resolution", 0);
    channel.put("readonly", 0);
    channel.put("data_url", "");
    channel.put("file_format", "SLICE");
    channel.put("file_type", "tif");
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("dataset", dataset);
    doc.put("project", project);
    doc.put("channels", Map.of(url.channel(), channel));
    doc.put("metadata", Map.of());
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    http.send(HttpTransport.Request.post(url.service("autoIngest/"),
        Map.of("Content-Type", "application/json"), body, false));
  }

  /**
   * The spec's {@code channel_type} attribute if it names one, else {@code annotation} for
   * uint32 and uint64 (label volumes) and {@code image} for the rest.
   */
  static String channelType(VolumeSpec spec) {
    Object t = spec.attributes().get("channel_type");
    if (t instanceof String s && (s.equals("image") || s.equals("annotation"))) {
      return s;
    }
    return spec.dtype() == DataType.UINT32 || spec.dtype() == DataType.UINT64 ? "annotation"
        : "image";
  }

  private static Map<String, Object> newDataset(NeuroDataUrl url, VolumeSpec spec) {
    Size3 s = spec.shape();
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("dataset_name", url.token());
    d.put("imagesize", List.of(s.x(), s.y(), s.z()));
    d.put("voxelres", voxelRes(spec.voxelSize()));
    d.put("offset", List.of(0, 0, 0));
    d.put("scalinglevels", spec.attributes().get("scalinglevels") instanceof Number n
        ? n.intValue() : scalingLevels(s.x(), s.y()));
    d.put("scaling", 0);
    return d;
  }

  /** ndstore's own rule: halve while x or y exceeds 1000 and both exceed 500. */
  static int scalingLevels(long x, long y) {
    int levels = 0;
    while ((x > 1000 || y > 1000) && x > 500 && y > 500) {
      x /= 2;
      y /= 2;
      levels++;
    }
    return levels;
  }

  /** Nanometres, ndstore's unit. */
  private static List<Double> voxelRes(Optional<VoxelSize> v) {
    if (v.isEmpty()) {
      return List.of(1.0, 1.0, 1.0);
    }
    String u = v.get().unit().toLowerCase(Locale.ROOT);
    double f = u.startsWith("micro") || u.equals("um") || u.equals("µm") ? 1000
        : u.startsWith("milli") || u.equals("mm") ? 1e6 : 1;
    return List.of(v.get().x() * f, v.get().y() * f, v.get().z() * f);
  }
}
