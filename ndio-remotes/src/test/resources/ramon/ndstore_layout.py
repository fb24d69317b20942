"""Independent reference for ndio's RAMON formats, written from ndstore's documented layout
(ndramon/h5ann.py, annotation.toDict) with h5py, numpy, csv and json -- not from ndio's code.

  write OUT.h5          writes the sample objects as ndstore's server writes them
                        (vlen str AUTHOR/KVPAIRS via csv.writer, post segments as SPOSTEGMENTS)
  check FILE.h5         checks every dataset of FILE (names, shapes, dtypes, values) against
                        the samples; KVPAIRS must parse with csv into the same dict
  json FILE.json        checks FILE parses with json into ndstore's flat toDict form
  legacy OUT.h5         writes objects as the original Python ndio 0.1 wrote them (type codes
                        7/8 for attributed region/volume, SYNAPSETYPE)
The samples mirror RamonSamples.java: keep the two in step.
"""
import csv
import io
import json
import sys

import h5py
import numpy as np


def awkward(n):
    return {
        "plain": "value%d" % n,
        "with, comma": "a,b,,c",
        'quote "q"': 'say "hi", then\r\nleave',
        "  spaced key ": " leading and trailing ",
        "lf only": "line1\nline2\n",
        "straße ✓": "日本語 ünïcödé",
        "empty": "",
    }


def cutout(dtype, offset, res):
    a = np.zeros((4, 2, 3), dtype=dtype)
    for z in range(4):
        for y in range(2):
            for x in range(3):
                if (x + y + z) % 2:
                    a[z, y, x] = {"uint8": 200, "uint64": 5000000000 + x,
                                  "uint32": 4000000000 + z}[dtype]
    return ("cutout", res, offset, a)


VOXELS = ("voxels", 2, np.array([[1, 2, 3], [40, 50, 60], [4000000000, 7, 8]], np.uint32))
U8 = cutout("uint8", (10, 20, 30), 1)
U32 = cutout("uint32", (0, 5, 7), 0)
U64 = cutout("uint64", (100, 0, 3), 3)


def obj(id, type, status, author, vox=None, kv=None, **fields):
    return dict(id=id, type=type, status=status, author=author,
                confidence=0.25 + id / 1000.0 if id else 0.0,
                kv=awkward(id) if kv is None else kv, vox=vox, fields=fields)


SAMPLES = [
    obj(11, 1, 1, "alice", U8),
    obj(12, 2, 2, 'bob, with "quotes"', U32, synapse_type=3, weight=3.5, seeds=[13, 31],
        segments=[14], presegments=[24, 25], postsegments=[25, 26], centroid=[1, 2, 3]),
    obj(13, 3, 3, "ç", VOXELS, parent=31, position=[7, 8, 9], cube_location=4, source=11),
    obj(14, 4, 1, "", U64, segmentclass=2, parentseed=13, neuron=15, synapses=[12],
        organelles=[16, 17]),
    obj(15, 5, 2, "n", segments=[14, 24]),
    obj(16, 6, 3, "o", VOXELS, organelleclass=5, segment=14, parentseed=13, seeds=[31],
        centroid=[100, 200, 300]),
    obj(18, 7, 1, "node author", nodetype=2, skeletonid=19, parentid=20, radius=1.75,
        location=[1.5, 2.25, -3.0], children=[21]),
    obj(19, 8, 2, "s", skeletontype=3, rootnode=20, nodes=[18, 20]),
    obj(22, 9, 3, "r", U8, roi_parent=23, children=[27, 28]),
    obj(29, 1, 1, "ar", VOXELS, kv=dict(awkward(29), ndio_ramon_type="attributedregion")),
    obj(30, 1, 2, "vol", U32, kv=dict(awkward(30), ndio_ramon_type="volume")),
    obj(0, 1, 0, "", kv={}),
]

# name in METADATA, dtype, for scalar (1,) fields and (n,) / (3,) lists
SCALARS = {"synapse_type": ("SYNAPSE_TYPE", "uint32"), "weight": ("WEIGHT", "float64"),
           "parent": ("PARENT", "uint32"), "cube_location": ("CUBE_LOCATION", "uint32"),
           "source": ("SOURCE", "uint32"), "segmentclass": ("SEGMENTCLASS", "uint32"),
           "parentseed": ("PARENTSEED", "uint32"), "neuron": ("NEURON", "uint32"),
           "organelleclass": ("ORGANELLECLASS", "uint32"), "segment": ("SEGMENT", "uint32"),
           "nodetype": ("NODETYPE", "uint32"), "parentid": ("PARENTID", "int32"),
           "skeletonid": ("SKELETONID", "uint32"), "radius": ("RADIUS", "float64"),
           "skeletontype": ("SKELETONTYPE", "uint32"), "rootnode": ("ROOTNODE", "uint32"),
           "roi_parent": ("PARENT", "uint32")}
LISTS = {"seeds": ("SEEDS", "uint32"), "segments": ("SEGMENTS", "uint32"),
         "presegments": ("PRESEGMENTS", "uint32"), "postsegments": ("SPOSTEGMENTS", "uint32"),
         "centroid": ("CENTROID", "uint32"), "position": ("POSITION", "uint32"),
         "synapses": ("SYNAPSES", "uint32"), "organelles": ("ORGANELLES", "uint32"),
         "children": ("CHILDREN", "uint32"), "location": ("LOCATION", "float64"),
         "nodes": ("NODES", "uint32")}


def kvtext(kv):
    s = io.StringIO()
    csv.writer(s).writerows(kv.items())
    return s.getvalue()


def datasets(o):
    """{path: (dtype, value)} of one object as ndstore lays it out; str values are text."""
    g = str(o["id"]) if o["id"] else "new1"
    out = {g + "/ANNOTATION_TYPE": ("uint32", np.array([o["type"]]))}
    v = o["vox"]
    if v and v[0] == "cutout":
        out[g + "/RESOLUTION"] = ("uint32", np.array([v[1]]))
        out[g + "/XYZOFFSET"] = ("uint32", np.array(v[2]))
        out[g + "/CUTOUT"] = (str(v[3].dtype), v[3])
    elif v:
        out[g + "/RESOLUTION"] = ("uint32", np.array([v[1]]))
        out[g + "/VOXELS"] = ("uint32", v[2])
    m = g + "/METADATA/"
    out[m + "AUTHOR"] = ("str", o["author"])
    out[m + "CONFIDENCE"] = ("float64", np.array([o["confidence"]]))
    out[m + "STATUS"] = ("uint32", np.array([o["status"]]))
    out[m + "KVPAIRS"] = ("str", kvtext(o["kv"]))
    for k, val in o["fields"].items():
        if k in SCALARS:
            name, dt = SCALARS[k]
            out[m + name] = (dt, np.array([val]))
        else:
            name, dt = LISTS[k]
            out[m + name] = (dt, np.array(val))
    return out


def write(path, objects):
    with h5py.File(path, "w") as f:
        for o in objects:
            for p, (dt, val) in datasets(o).items():
                if dt == "str":
                    f.create_dataset(p, (1,), dtype=h5py.string_dtype(), data=val)
                else:
                    f.create_dataset(p, val.shape, dtype=dt, data=val)


def check(path):
    expected = {}
    for o in SAMPLES:
        expected.update(datasets(o))
    seen = {}
    with h5py.File(path, "r") as f:
        def visit(name, node):
            if isinstance(node, h5py.Dataset):
                seen[name.replace("POSTSEGMENTS", "SPOSTEGMENTS")] = node
        f.visititems(visit)
        errors = []
        for p in sorted(set(expected) | set(seen)):
            if p not in seen:
                errors.append("missing " + p)
                continue
            if p not in expected:
                errors.append("unexpected " + p)
                continue
            dt, want = expected[p]
            d = seen[p]
            if dt == "str":
                if d.shape != (1,) or d.dtype.kind not in "SO":
                    errors.append("%s: shape %s dtype %s, want (1,) string" % (p, d.shape,
                                                                              d.dtype))
                    continue
                got = d.asstr()[0]
                if p.endswith("KVPAIRS"):
                    kv = dict(csv.reader(io.StringIO(got, newline="")))
                    wantkv = dict(csv.reader(io.StringIO(want, newline="")))
                    if kv != wantkv:
                        errors.append("%s: csv gives %r, want %r" % (p, kv, wantkv))
                elif got != want:
                    errors.append("%s: %r, want %r" % (p, got, want))
                continue
            if str(d.dtype) != dt or d.shape != want.shape:
                errors.append("%s: %s %s, want %s %s" % (p, d.dtype, d.shape, dt, want.shape))
            elif not np.array_equal(d[()], want.astype(dt)):
                errors.append("%s: %r, want %r" % (p, d[()], want))
    if errors:
        raise SystemExit("\n".join(errors))
    print("ok %d datasets" % len(expected))


def to_dict(o):
    """ndstore's annotation.toDict for one sample, plus ndio's documented additions."""
    f = o["fields"]
    d = {"ann_id": o["id"], "ann_type": o["type"], "ann_status": o["status"],
         "ann_confidence": o["confidence"], "ann_author": o["author"]}
    t = o["type"]

    def lst(key, field):
        if f.get(field):
            d[key] = f[field]
    if t == 2:
        d.update(syn_weight=f["weight"], syn_type=f["synapse_type"],
                 syn_centroid=json.dumps(f.get("centroid", [])))
        lst("syn_seeds", "seeds")
        lst("syn_segments", "segments")
        lst("syn_presegments", "presegments")
        lst("syn_postsegments", "postsegments")
    elif t == 3:
        d.update(seed_parent=f["parent"], seed_position=json.dumps(f.get("position", [])),
                 seed_cubelocation=f["cube_location"], seed_source=f["source"])
    elif t == 4:
        d.update(seg_class=f["segmentclass"], seg_parentseed=f["parentseed"],
                 seg_neuron=f["neuron"])
        lst("seg_synapses", "synapses")
        lst("seg_organelles", "organelles")
    elif t == 5:
        lst("neu_segments", "segments")
    elif t == 6:
        d.update(org_class=f["organelleclass"], org_segment=f["segment"],
                 org_centroid=json.dumps(f.get("centroid", [])),
                 org_parentseed=f["parentseed"])
        lst("org_seeds", "seeds")
    elif t == 7:
        d.update(node_type=f["nodetype"], node_location=json.dumps(f.get("location", [])),
                 node_parent=f["parentid"], node_radius=f["radius"],
                 node_skeleton=f["skeletonid"])
        lst("node_children", "children")
    elif t == 8:
        d.update(skel_type=f["skeletontype"], skel_rootnode=f["rootnode"])
        lst("skel_nodes", "nodes")
    elif t == 9:
        d.update(roi_parent=f["roi_parent"])
        lst("roi_children", "children")
    d.update(o["kv"])
    return d


def check_json(path):
    with open(path, encoding="utf-8") as fh:
        got = json.load(fh)
    want = {str(o["id"]) if o["id"] else "new1": to_dict(o) for o in SAMPLES}
    if got != want:
        lines = []
        for k in sorted(set(got) | set(want)):
            if got.get(k) != want.get(k):
                lines.append("%s: got %r\n    want %r" % (k, got.get(k), want.get(k)))
        raise SystemExit("\n".join(lines))
    print("ok %d objects" % len(want))


def legacy(path):
    """As the original ndio 0.1 wrote them: its own codes 7 and 8, SYNAPSETYPE, plain KVPAIRS."""
    with h5py.File(path, "w") as f:
        for id, code in ((41, 7), (42, 8)):
            g = f.create_group(str(id))
            g.create_dataset("ANNOTATION_TYPE", (1,), np.uint32, data=code)
            m = g.create_group("METADATA")
            m.create_dataset("AUTHOR", (1,), dtype=h5py.string_dtype(), data="legacy")
            m.create_dataset("CONFIDENCE", (1,), np.float64, data=0.5)
            m.create_dataset("STATUS", (1,), np.uint32, data=2)
            m.create_dataset("KVPAIRS", (1,), dtype=h5py.string_dtype(), data="a,1\nb,2\n")
        g = f.create_group("43")
        g.create_dataset("ANNOTATION_TYPE", (1,), np.uint32, data=2)
        g.create_dataset("RESOLUTION", (1,), np.uint32, data=1)
        g.create_dataset("XYZOFFSET", (3,), np.uint32, data=[4, 5, 6])
        g.create_dataset("CUTOUT", (2, 1, 2), np.uint32, data=[[[0, 43]], [[43, 43]]])
        m = g.create_group("METADATA")
        m.create_dataset("SYNAPSETYPE", (1,), np.uint32, data=2)
        m.create_dataset("WEIGHT", (1,), np.float64, data=0.75)
        m.create_dataset("SEGMENTS", (2,), np.uint32, data=[7, 9])
        # a node ndstore wrote, beside them: same code 7, with node fields
        g = f.create_group("44")
        g.create_dataset("ANNOTATION_TYPE", (1,), np.uint32, data=7)
        m = g.create_group("METADATA")
        m.create_dataset("NODETYPE", (1,), np.uint32, data=1)
        m.create_dataset("PARENTID", (1,), np.int32, data=-1)
        m.create_dataset("SKELETONID", (1,), np.uint32, data=42)
        m.create_dataset("RADIUS", (1,), np.float64, data=2.5)
        # a group ndstore names for a new object, with a scalar STATUS and int64 datasets
        g = f.create_group("new annotation")
        m = g.create_group("METADATA")
        m.create_dataset("STATUS", data=np.int64(3))
        m.create_dataset("AUTHOR", data="scalar author")
    print("ok")


if __name__ == "__main__":
    mode, path = sys.argv[1], sys.argv[2]
    if mode == "write":
        write(path, SAMPLES)
        print("ok")
    elif mode == "check":
        check(path)
    elif mode == "json":
        check_json(path)
    elif mode == "legacy":
        legacy(path)
    else:
        raise SystemExit("unknown mode " + mode)
