#!/usr/bin/python3
"""Python half of ./blosc: writes the payloads, times c-blosc on them, prints the table.

  blosc_compare.py prepare DATA_DIR STACK_DIR   write sstem.raw and labels.raw
  blosc_compare.py time DATA_DIR OUT.json        time python-blosc (c-blosc), one thread
  blosc_compare.py table JMH.json CBLOSC.json    print ours vs c-blosc
  blosc_compare.py merge JMH.json CBLOSC.json JMH_1.json ... -- CBLOSC_1.json ...
                                                 join rounds: JMH's results side by side,
                                                 c-blosc's fastest time of each operation
"""
import glob
import json
import os
import sys
import timeit

PAYLOADS = {"sstem": 1, "labels": 8}  # name -> typesize, as in BloscBenchmark
CODECS = ["blosc:lz4:5:byte", "blosc:zstd:5:byte", "blosc:blosclz:5:byte", "blosc:lz4:5:bit"]


def prepare(data_dir, stack_dir):
    import numpy as np
    import tifffile
    from scipy import ndimage
    from skimage import io

    os.makedirs(data_dir, exist_ok=True)
    raw = np.stack([tifffile.imread(f)
                    for f in sorted(glob.glob(os.path.join(stack_dir, "raw", "*.tif")))])
    raw.astype("<u1").tofile(os.path.join(data_dir, "sstem.raw"))
    # a uint64 segmentation: per section, the connected cell interiors of the membrane masks
    # (a 512 x 512 corner of all 20 sections) grown over the membranes, so every voxel has an
    # id as in a real segmentation, relabelled with large random ids
    masks = [io.imread(f)[:512, :512]
             for f in sorted(glob.glob(os.path.join(stack_dir, "membranes", "*.png")))]
    labels = np.zeros((len(masks), 512, 512), dtype=np.int64)
    n = 0
    for z, m in enumerate(masks):
        lab, k = ndimage.label(m == 0)
        near = ndimage.distance_transform_edt(lab == 0, return_distances=False,
                                              return_indices=True)
        labels[z] = np.where(lab > 0, lab + n, lab[tuple(near)] + n)
        n += k
    ids = np.random.default_rng(1).integers(1, 1 << 40, size=n + 1, dtype=np.uint64)
    ids[labels].astype("<u8").tofile(os.path.join(data_dir, "labels.raw"))
    print("payloads: sstem %s uint8, labels %s uint64 (%d segments)"
          % (raw.shape, labels.shape, n))


def time_cblosc(data_dir, out):
    import blosc
    import numpy as np

    blosc.set_nthreads(1)
    shuffles = {"none": blosc.NOSHUFFLE, "byte": blosc.SHUFFLE, "bit": blosc.BITSHUFFLE}
    results = {}
    for payload, ts in PAYLOADS.items():
        with open(os.path.join(data_dir, payload + ".raw"), "rb") as f:
            raw = f.read()
        for spec in CODECS:
            _, cname, clevel, shuffle = spec.split(":")
            kw = dict(typesize=ts, clevel=int(clevel), shuffle=shuffles[shuffle], cname=cname)
            frame = blosc.compress(raw, **kw)
            assert blosc.decompress(frame) == raw
            # encode: compress_ptr (allocates its output, as ours does); decode: decompress,
            # which allocates a fresh bytes object like our decode (on some machines that
            # allocation costs more than decompressing), and decompress_ptr into one reused
            # buffer, the codec alone, against our decodeInto
            src = np.frombuffer(raw, dtype=np.uint8)
            address = src.__array_interface__["data"][0]
            dest = np.empty(len(raw), dtype=np.uint8)
            out_address = dest.__array_interface__["data"][0]
            enc = best_seconds(lambda: blosc.compress_ptr(address, len(raw) // ts, **kw))
            dec = best_seconds(lambda: blosc.decompress(frame))
            into = best_seconds(lambda: blosc.decompress_ptr(frame, out_address))
            assert dest.tobytes() == raw
            results["%s %s" % (payload, spec)] = {
                "bytes": len(raw), "cbytes": len(frame), "encode_s": enc, "decode_s": dec,
                "decodeInto_s": into}
    with open(out, "w") as f:
        json.dump(results, f, indent=1)


def best_seconds(fn):
    """Best of 5 rounds of about half a second each, per call (as ours: the best iteration,
    which on a shared machine is the one least disturbed by other work); NDIO_BENCH_ROUNDS
    sets the number of rounds (benchmarks/run --quick: 1)."""
    rounds = int(os.environ.get("NDIO_BENCH_ROUNDS", "5"))
    number = max(1, int(0.5 / max(timeit.timeit(fn, number=1), 1e-6)))
    return min(timeit.repeat(fn, number=number, repeat=rounds)) / number


def pairs(jmh, ref):
    """(payload, codec spec, op, ours MB/s, c-blosc MB/s, c-blosc compression ratio) for every
    operation both sides measured; ours is JMH's best measurement iteration (AverageTime in
    milliseconds), as c-blosc's is its best round."""
    ours = {}
    for r in jmh:
        p = r["params"]
        key = ("%s %s" % (p["payload"], p["codec"]), r["benchmark"].rsplit(".", 1)[1])
        ms = min(x for fork in r["primaryMetric"]["rawData"] for x in fork)
        # a merged file holds one result per round of the same benchmark
        ours[key] = min(ours.get(key, float("inf")), ms / 1000.0)
    for key, r in ref.items():
        payload, spec = key.split(" ")
        for op in ("encode", "decode", "decodeInto"):
            if (key, op) in ours:
                yield (payload, spec, op, r["bytes"] / ours[(key, op)] / 1e6,
                       r["bytes"] / r[op + "_s"] / 1e6, r["bytes"] / r["cbytes"])


def table(jmh_json, cblosc_json):
    with open(jmh_json) as f:
        jmh = json.load(f)
    with open(cblosc_json) as f:
        ref = json.load(f)
    print("MB/s of uncompressed bytes, one thread, best iteration of each side; ratio = ours /")
    print("c-blosc; cr = c-blosc's compression ratio. decode allocates its output (c-blosc:")
    print("blosc.decompress), decodeInto writes into a reused buffer (c-blosc:")
    print("blosc.decompress_ptr); encode: blosc.compress_ptr.")
    print("%-7s %-21s %-10s %9s %9s %6s %7s" % (
        "payload", "codec", "op", "ours MB/s", "c-blosc", "ratio", "cr"))
    ratios = {}
    for payload, spec, op, mine, theirs, cr in pairs(jmh, ref):
        ratios.setdefault(op, []).append(mine / theirs)
        print("%-7s %-21s %-10s %9.0f %9.0f %6.2f %7.2f" % (
            payload, spec, op, mine, theirs, mine / theirs, cr))
    for op, xs in ratios.items():
        geo = 1.0
        for x in xs:
            geo *= x
        print("%-10s geometric mean ours / c-blosc: %.2f (min %.2f)"
              % (op, geo ** (1.0 / len(xs)), min(xs)))


def merge(jmh_out, cblosc_out, files):
    split = files.index("--")
    jmh = []
    for path in files[:split]:
        with open(path) as f:
            jmh += json.load(f)
    best = {}
    for path in files[split + 1:]:
        with open(path) as f:
            for key, r in json.load(f).items():
                if key in best:
                    r = dict(r, **{k: min(r[k], best[key][k]) for k in r if k.endswith("_s")})
                best[key] = r
    with open(jmh_out, "w") as f:
        json.dump(jmh, f, indent=1)
    with open(cblosc_out, "w") as f:
        json.dump(best, f, indent=1)


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "prepare":
        prepare(sys.argv[2], sys.argv[3])
    elif cmd == "time":
        time_cblosc(sys.argv[2], sys.argv[3])
    elif cmd == "table":
        table(sys.argv[2], sys.argv[3])
    elif cmd == "merge":
        merge(sys.argv[2], sys.argv[3], sys.argv[4:])
    else:
        sys.exit(__doc__)
