package org.ndio.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ndio.ramon.AttributedRegion;
import org.ndio.ramon.Cutout;
import org.ndio.ramon.FlowDirection;
import org.ndio.ramon.Generic;
import org.ndio.ramon.Location;
import org.ndio.ramon.Neuron;
import org.ndio.ramon.Node;
import org.ndio.ramon.Organelle;
import org.ndio.ramon.OrganelleClass;
import org.ndio.ramon.Point3;
import org.ndio.ramon.RamonCommon;
import org.ndio.ramon.RamonObject;
import org.ndio.ramon.RamonVolume;
import org.ndio.ramon.RamonVoxels;
import org.ndio.ramon.Roi;
import org.ndio.ramon.Seed;
import org.ndio.ramon.Segment;
import org.ndio.ramon.SegmentClass;
import org.ndio.ramon.Skeleton;
import org.ndio.ramon.Status;
import org.ndio.ramon.Synapse;
import org.ndio.ramon.SynapseLink;
import org.ndio.ramon.SynapseType;
import org.ndio.ramon.VoxelList;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/** One object of every RAMON type with every field away from its default. */
public final class RamonSamples {

  private RamonSamples() {}

  /** Key-value pairs that broke the original client: commas, quotes, CRLF, spaces, non-ASCII. */
  public static Map<String, String> awkwardPairs(int n) {
    Map<String, String> kv = new LinkedHashMap<>();
    kv.put("plain", "value" + n);
    kv.put("with, comma", "a,b,,c");
    kv.put("quote \"q\"", "say \"hi\", then\r\nleave");
    kv.put("  spaced key ", " leading and trailing ");
    kv.put("lf only", "line1\nline2\n");
    kv.put("straße ✓", "日本語 ünïcödé");
    kv.put("empty", "");
    return kv;
  }

  public static RamonCommon common(long id, Status status, String author) {
    return new RamonCommon(id, status, 0.25 + id / 1000.0, author, awkwardPairs((int) id));
  }

  public static Cutout cutout(DataType dtype, long x, long y, long z, int res) {
    Volume v = Volume.allocate(dtype, 3, 2, 4);
    for (int zz = 0; zz < 4; zz++) {
      for (int yy = 0; yy < 2; yy++) {
        for (int xx = 0; xx < 3; xx++) {
          long val = (xx + yy + zz) % 2 == 0 ? 0 : (dtype == DataType.UINT8 ? 200
              : dtype == DataType.UINT64 ? 5_000_000_000L + xx : 4_000_000_000L + zz);
          v.setLong(xx, yy, zz, val);
        }
      }
    }
    return new Cutout(BoundingBox.at(x, y, z, 3, 2, 4).atResolution(res), v);
  }

  public static VoxelList voxelList() {
    return new VoxelList(2, new long[] {1, 2, 3, 40, 50, 60, 4_000_000_000L, 7, 8});
  }

  /** Every type, each with voxels of a different form. */
  public static List<RamonObject> all() {
    Optional<RamonVoxels> u8 = Optional.of(cutout(DataType.UINT8, 10, 20, 30, 1));
    Optional<RamonVoxels> u32 = Optional.of(cutout(DataType.UINT32, 0, 5, 7, 0));
    Optional<RamonVoxels> u64 = Optional.of(cutout(DataType.UINT64, 100, 0, 3, 3));
    Optional<RamonVoxels> list = Optional.of(voxelList());
    return List.of(
        new Generic(common(11, Status.LOCKED, "alice"), u8),
        new Synapse(common(12, Status.PROCESSED, "bob, with \"quotes\""),
            SynapseType.GAP_JUNCTION, 3.5,
            List.of(new SynapseLink(14, FlowDirection.UNKNOWN),
                new SynapseLink(24, FlowDirection.PRE),
                new SynapseLink(25, FlowDirection.BIDIRECTIONAL),
                new SynapseLink(26, FlowDirection.POST)),
            List.of(13L, 31L), Optional.of(new Point3(1, 2, 3)), u32),
        new Seed(common(13, Status.IGNORED, "ç"), 31, Optional.of(new Point3(7, 8, 9)), 4, 11,
            list),
        new Segment(common(14, Status.LOCKED, ""), SegmentClass.DENDRITE, 13, 15,
            List.of(12L), List.of(16L, 17L), u64),
        new Neuron(common(15, Status.PROCESSED, "n"), List.of(14L, 24L), Optional.empty()),
        new Organelle(common(16, Status.IGNORED, "o"), OrganelleClass.NUCLEUS, 14, 13,
            List.of(31L), Optional.of(new Point3(100, 200, 300)), list),
        new Node(common(18, Status.LOCKED, "node author"), 2, 19, 20, 1.75,
            Optional.of(new Location(1.5, 2.25, -3.0)), List.of(21L), Optional.empty()),
        new Skeleton(common(19, Status.PROCESSED, "s"), 3, 20, List.of(18L, 20L),
            Optional.empty()),
        new Roi(common(22, Status.IGNORED, "r"), 23, List.of(27L, 28L), u8),
        new AttributedRegion(common(29, Status.LOCKED, "ar"), list),
        new RamonVolume(common(30, Status.PROCESSED, "vol"), u32),
        new Generic(RamonCommon.of(0), Optional.empty()));
  }
}
