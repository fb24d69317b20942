package org.ndio.ramon.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ndio.RamonException;
import org.ndio.ramon.AttributedRegion;
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
import org.ndio.ramon.RamonType;
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

/**
 * The fields a reader has found so far for one object, of every type (a file names the type
 * apart from the fields, and some type codes are decided by which fields are present); turned
 * into a value by {@link #build}.
 */
final class RamonDraft {
  long id;
  int status;
  double confidence;
  String author = "";
  Map<String, String> keyValues = new LinkedHashMap<>();
  Optional<RamonVoxels> voxels = Optional.empty();

  int synapseType;
  double weight;
  List<Long> synSegments = new ArrayList<>();
  List<Long> synPre = new ArrayList<>();
  List<Long> synPost = new ArrayList<>();
  /** Links a nested JSON file gave with their directions; they come first. */
  List<SynapseLink> synLinks;
  List<Long> seeds = new ArrayList<>();
  Optional<Point3> centroid = Optional.empty();

  int segmentClass;
  long parentSeed;
  long neuron;
  List<Long> synapses = new ArrayList<>();
  List<Long> organelles = new ArrayList<>();

  List<Long> segments = new ArrayList<>();

  int organelleClass;
  long segment;

  long parent;
  Optional<Point3> position = Optional.empty();
  int cubeLocation;
  long source;

  int nodeType;
  long skeleton;
  double radius;
  Optional<Location> location = Optional.empty();
  List<Long> children = new ArrayList<>();

  int skeletonType;
  long rootNode;
  List<Long> nodes = new ArrayList<>();

  /**
   * The object of {@code type}; a {@link RamonType#TYPE_KEY} pair on a generic object naming
   * one of ndio's own types makes it that type. Errors name {@code where}.
   */
  RamonObject build(RamonType type, String where) {
    try {
      Map<String, String> kv = new LinkedHashMap<>(keyValues);
      if (type != RamonType.GENERIC && kv.containsKey(RamonType.TYPE_KEY)) {
        throw new RamonException(where + ": key " + RamonType.TYPE_KEY + " is reserved; ndio"
            + " marks only generic objects with it");
      }
      if (type == RamonType.GENERIC && kv.containsKey(RamonType.TYPE_KEY)) {
        String marked = kv.get(RamonType.TYPE_KEY);
        if (marked.equals(RamonType.ATTRIBUTED_REGION.serverName())) {
          type = RamonType.ATTRIBUTED_REGION;
          kv.remove(RamonType.TYPE_KEY);
        } else if (marked.equals(RamonType.VOLUME.serverName())) {
          type = RamonType.VOLUME;
          kv.remove(RamonType.TYPE_KEY);
        } else {
          throw new RamonException(where + ": key " + RamonType.TYPE_KEY + " holds '" + marked
              + "'; ndio marks only attributedregion and volume so");
        }
      }
      RamonCommon c = new RamonCommon(id, Status.of(status), confidence, author, kv);
      return switch (type) {
        case GENERIC -> new Generic(c, voxels);
        case ATTRIBUTED_REGION -> new AttributedRegion(c, voxels);
        case VOLUME -> new RamonVolume(c, voxels);
        case SYNAPSE -> new Synapse(c, SynapseType.of(synapseType), weight, links(), seeds,
            centroid, voxels);
        case SEED -> new Seed(c, parent, position, cubeLocation, source, voxels);
        case SEGMENT -> new Segment(c, SegmentClass.of(segmentClass), parentSeed, neuron,
            synapses, organelles, voxels);
        case NEURON -> new Neuron(c, segments, voxels);
        case ORGANELLE -> new Organelle(c, OrganelleClass.of(organelleClass), segment,
            parentSeed, seeds, centroid, voxels);
        case NODE -> new Node(c, nodeType, skeleton, parent, radius, location, children, voxels);
        case SKELETON -> new Skeleton(c, skeletonType, rootNode, nodes, voxels);
        case ROI -> new Roi(c, parent, children, voxels);
      };
    } catch (RamonException e) {
      if (e.getMessage().startsWith(where)) {
        throw e;
      }
      throw new RamonException(where + ": " + e.getMessage(), e);
    }
  }

  /**
   * ndstore's three lists as directed links: unknown first, then pre (bidirectional where also
   * post), then the post-only ones, each in list order.
   */
  private List<SynapseLink> links() {
    List<SynapseLink> out = synLinks == null ? new ArrayList<>() : new ArrayList<>(synLinks);
    for (long s : synSegments) {
      out.add(new SynapseLink(s, FlowDirection.UNKNOWN));
    }
    for (long s : synPre) {
      out.add(new SynapseLink(s, synPost.contains(s) ? FlowDirection.BIDIRECTIONAL
          : FlowDirection.PRE));
    }
    for (long s : synPost) {
      if (!synPre.contains(s)) {
        out.add(new SynapseLink(s, FlowDirection.POST));
      }
    }
    return out;
  }
}
