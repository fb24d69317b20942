package org.ndio.remote;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
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

/**
 * A linked set of RAMON objects of every type, every field away from its default, voxels in
 * disjoint places of a 64x64x16 channel, and what a server must derive from them (written out
 * by hand here, not computed by the code under test).
 */
public final class RamonTestObjects {

  private RamonTestObjects() {}

  /** Pairs that broke the original client: commas, quotes, CRLF, spaces, non-ASCII. */
  public static Map<String, String> pairs(long id) {
    Map<String, String> kv = new LinkedHashMap<>();
    kv.put("plain", "v" + id);
    kv.put("group", id % 2 == 0 ? "even" : "odd");
    kv.put("with, comma", "a,b,,c");
    kv.put("quote \"q\"", "say \"hi\", then\r\nleave");
    kv.put("  spaced ", " x ");
    kv.put("straße", "日本語");
    return kv;
  }

  public static RamonCommon common(long id, Status s) {
    return new RamonCommon(id, s, id / 20.0, "author " + id + ", \"q\"", pairs(id));
  }

  /** A cutout of ones over a box, with a hole at its first voxel when {@code hole}. */
  public static Cutout ones(BoundingBox box, boolean hole) {
    Volume v = Volume.allocate(DataType.UINT8, box.sizeX(), box.sizeY(), box.sizeZ());
    v.fill(1L);
    if (hole) {
      v.setLong(0, 0, 0, 0);
    }
    return new Cutout(box, v);
  }

  static Optional<RamonVoxels> vox(RamonVoxels v) {
    return Optional.of(v);
  }

  /** The objects to post, in an order where every link names an earlier object or itself. */
  public static List<RamonObject> posted() {
    List<RamonObject> o = new ArrayList<>();
    o.add(new Seed(common(1, Status.LOCKED), 0, Optional.of(new Point3(5, 6, 7)), 4, 0,
        Optional.empty()));
    o.add(new Neuron(common(2, Status.PROCESSED), List.of(), Optional.empty()));
    o.add(new Segment(common(3, Status.IGNORED), SegmentClass.AXON, 1, 2, List.of(), List.of(),
        vox(ones(new BoundingBox(2, 6, 2, 5, 1, 3), true))));
    o.add(new Segment(common(4, Status.UNPROCESSED), SegmentClass.DENDRITE, 0, 2, List.of(),
        List.of(), vox(new VoxelList(0, new long[] {10, 10, 2, 11, 10, 2, 12, 11, 3}))));
    o.add(new Synapse(common(5, Status.PROCESSED), SynapseType.EXCITATORY, 0.75,
        List.of(new SynapseLink(3, FlowDirection.PRE), new SynapseLink(4, FlowDirection.POST)),
        List.of(1L), Optional.of(new Point3(21, 3, 1)),
        vox(ones(new BoundingBox(20, 23, 2, 4, 0, 2), false))));
    o.add(new Organelle(common(6, Status.LOCKED), OrganelleClass.MITOCHONDRIA, 3, 1,
        List.of(1L), Optional.of(new Point3(30, 30, 5)),
        vox(new VoxelList(0, new long[] {30, 30, 5, 30, 31, 5}))));
    o.add(new Skeleton(common(7, Status.PROCESSED), 1, 8, List.of(), Optional.empty()));
    o.add(new Node(common(8, Status.LOCKED), 2, 7, 0, 1.5,
        Optional.of(new Location(1.25, 2.5, 3.0)), List.of(), Optional.empty()));
    o.add(new Node(common(9, Status.UNPROCESSED), 3, 7, 8, 0.5,
        Optional.of(new Location(4, 5, 6)), List.of(), Optional.empty()));
    o.add(new Roi(common(10, Status.IGNORED), 0, List.of(),
        vox(ones(new BoundingBox(40, 44, 40, 42, 8, 9), false))));
    o.add(new Roi(common(11, Status.PROCESSED), 10, List.of(), Optional.empty()));
    o.add(new Generic(common(12, Status.LOCKED), vox(ones(new BoundingBox(50, 53, 50, 52, 10,
        12), true))));
    o.add(new AttributedRegion(common(13, Status.PROCESSED), vox(new VoxelList(0,
        new long[] {60, 60, 15}))));
    o.add(new RamonVolume(common(14, Status.IGNORED), vox(ones(new BoundingBox(2, 4, 50, 52,
        14, 16), false))));
    return o;
  }

  /** What a metadata read of {@code posted()} gives back: derived fields filled in. */
  public static List<RamonObject> expected() {
    List<RamonObject> out = new ArrayList<>();
    for (RamonObject o : posted()) {
      RamonObject e = o.metadataOnly();
      if (o instanceof Neuron n) {
        e = new Neuron(n.common(), List.of(3L, 4L), Optional.empty());
      } else if (o instanceof Segment s && s.id() == 3) {
        e = new Segment(s.common(), s.segmentClass(), 1, 2, List.of(5L), List.of(6L),
            Optional.empty());
      } else if (o instanceof Segment s && s.id() == 4) {
        e = new Segment(s.common(), s.segmentClass(), 0, 2, List.of(5L), List.of(),
            Optional.empty());
      } else if (o instanceof Skeleton k) {
        e = new Skeleton(k.common(), 1, 8, List.of(8L, 9L), Optional.empty());
      } else if (o instanceof Node d && d.id() == 8) {
        e = new Node(d.common(), 2, 7, 0, 1.5, d.location(), List.of(9L), Optional.empty());
      } else if (o instanceof Roi r && r.id() == 10) {
        e = new Roi(r.common(), 0, List.of(11L), Optional.empty());
      }
      out.add(e);
    }
    return out;
  }

  /** The voxels an object's voxels name, as {@code "x,y,z"}, computed here from the input. */
  public static TreeSet<String> voxelSet(RamonVoxels v) {
    TreeSet<String> s = new TreeSet<>();
    if (v instanceof Cutout c) {
      Volume d = c.data();
      for (int z = 0; z < d.sizeZ(); z++) {
        for (int y = 0; y < d.sizeY(); y++) {
          for (int x = 0; x < d.sizeX(); x++) {
            if (d.getLong(x, y, z) != 0) {
              s.add((c.box().x0() + x) + "," + (c.box().y0() + y) + "," + (c.box().z0() + z));
            }
          }
        }
      }
    } else {
      VoxelList l = (VoxelList) v;
      for (int i = 0; i < l.count(); i++) {
        s.add(l.get(i, 0) + "," + l.get(i, 1) + "," + l.get(i, 2));
      }
    }
    return s;
  }

  /** The voxels of the posted objects by id (a neuron's are its segments'). */
  public static Map<Long, TreeSet<String>> voxelTruth() {
    Map<Long, TreeSet<String>> m = new LinkedHashMap<>();
    for (RamonObject o : posted()) {
      m.put(o.id(), o.voxels().map(RamonTestObjects::voxelSet).orElseGet(TreeSet::new));
    }
    TreeSet<String> neuron = new TreeSet<>(m.get(3L));
    neuron.addAll(m.get(4L));
    m.put(2L, neuron);
    return m;
  }

  /** The tight box of a set of {@code "x,y,z"} voxels at level 0. */
  public static BoundingBox box(TreeSet<String> voxels) {
    long[] b = {Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE,
        Long.MIN_VALUE};
    for (String v : voxels) {
      String[] p = v.split(",");
      for (int a = 0; a < 3; a++) {
        long c = Long.parseLong(p[a]);
        b[2 * a] = Math.min(b[2 * a], c);
        b[2 * a + 1] = Math.max(b[2 * a + 1], c + 1);
      }
    }
    return new BoundingBox(b[0], b[1], b[2], b[3], b[4], b[5]);
  }
}
