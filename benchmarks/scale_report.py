#!/usr/bin/python3
"""Makes scale.json, the plots and scale.md from the per-size figures of benchmarks/scale.

    scale_report.py RESULTS_DIR      (reads RESULTS_DIR/runs/*x.json)

Everything in scale.md comes from the JSON: the tables, and the cost model, whose
assumptions are the constants below and whose measured inputs are the count runs.
"""
import glob
import json
import math
import os
import sys

JOBS = ("count", "mesh", "downsample")
PETAVOXEL = 1e15

# Assumptions of the cost model (stated in scale.md with the figures they give).
ASSUME = {
    "cores_per_executor": 8,
    "price_per_core_hour_usd": 0.048,  # on-demand general-purpose VM, per vCPU (m5.2xlarge/8)
    "bytes_per_voxel_fetched": 1.0,  # uint8 EM, which compresses barely (noise)
    "network_bytes_per_s_per_executor": 1.0e9,  # shuffle: a 10 Gbit/s link, ~80% used
    "remotes": {
        # S3: a 10 Gbit/s instance sustains about half its link on many parallel GETs; the
        # store itself scales out (per-prefix request limits are far above our chunk rates).
        "S3": {"per_executor": 600e6, "aggregate": None, "usd_per_1000_gets": 0.0004},
        # BOSS: cutouts go through its service tier; 380 MB/s is ndio's best loopback figure
        # (docs/boss.md), a shared deployment serves much less, and it caps in aggregate.
        "BOSS": {"per_executor": 100e6, "aggregate": 5e9, "usd_per_1000_gets": 0.0},
    },
    "chunk_voxels_remote": 128 * 128 * 16,  # one GET per chunk of this size
    "merge_rounds": 4,  # distributed union-find rounds for pieces spanning <= 2 cuboids a side
    "bytes_per_pair_per_round": 32,
    "stage_latency_s": 1.0,  # per distributed merge round
    "driver_bytes_per_entry": 100,  # a boxed Long -> Long HashMap entry
}


def load_runs(data):
    """One record per size: SIZEx.json, plus the jobs of SIZEx-JOB.json files (a job run later
    in a JVM of its own, with the same heap) where SIZEx.json lacks them."""
    by_size = {}
    for path in sorted(glob.glob(os.path.join(data, "runs", "*x*.json")), key=len):
        with open(path) as f:
            run = json.load(f)
        have = by_size.get(run["size"])
        if have is None:
            by_size[run["size"]] = run
            continue
        done = {j["job"] for j in have["jobs"]}
        have["jobs"] += [j for j in run["jobs"] if j["job"] not in done]
        have["complete"] = have["complete"] and run["complete"]
        have["loadAfter"] = run["loadAfter"]
    return [by_size[k] for k in sorted(by_size)]


def job(run, name):
    for j in run["jobs"]:
        if j["job"] == name:
            return j
    return None


def fit_local(points):
    """wall = overhead + per_voxel * voxels / 2 (local[2]) by least squares on (voxels, wall)."""
    n = len(points)
    xs = [v / 2 for v, _ in points]
    ys = [w for _, w in points]
    mx = sum(xs) / n
    my = sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx if sxx else my / mx
    return max(0.0, my - slope * mx), slope


def model(runs):
    counted = [(r, job(r, "count")) for r in runs if job(r, "count")]
    if not counted:
        return None
    # Calibration: the two smallest sizes; the larger ones are predicted, not fitted.
    calib = counted[:2] if len(counted) > 2 else counted
    overhead, per_voxel_wall = fit_local([(j["voxels"], j["wallSeconds"]) for _, j in calib])
    # The same fit on the tasks' CPU time: what the work costs without the waiting for a core
    # that the shared machine adds to the wall time (its share varies from run to run).
    cpu_fixed, cpu_per_voxel = fit_local([(j["voxels"], j["spark"]["taskCpuMillis"] / 1000)
                                          for _, j in calib])
    checks = []
    for r, j in counted:
        predicted = overhead + per_voxel_wall * j["voxels"] / 2
        cpu = j["spark"]["taskCpuMillis"] / 1000
        cpu_predicted = cpu_fixed + cpu_per_voxel * j["voxels"] / 2
        checks.append({"size": r["size"], "voxels": j["voxels"], "measured_s": j["wallSeconds"],
                       "predicted_s": predicted, "ratio": j["wallSeconds"] / predicted,
                       "cpu_measured_s": cpu, "cpu_predicted_s": cpu_predicted,
                       "cpu_ratio": cpu / cpu_predicted,
                       "run_over_cpu": j["spark"]["taskMillis"]
                       / max(1, j["spark"]["taskCpuMillis"]),
                       "fitted": any(r is c for c, _ in calib)})
    big_r, big = counted[-1]
    voxels = big["voxels"]
    # CPU time, not run time: on this shared machine a task's run time includes waiting for a
    # core, which a dedicated executor core does not.
    task_core_s_per_voxel = big["spark"]["taskCpuMillis"] / 1000 / voxels
    task_run_s_per_voxel = big["spark"]["taskMillis"] / 1000 / voxels
    cuboid_voxels = 256 * 256 * 64
    shuffle_per_voxel = big["spark"]["shuffleWriteBytes"] / voxels
    seams = big["driverState"]
    pairs_per_voxel = seams["seamPairs"] / voxels
    entries_per_voxel = seams["driverEntries"] / voxels
    pairs = pairs_per_voxel * PETAVOXEL
    a = ASSUME
    predictions = []
    for remote, io in a["remotes"].items():
        for n in (100, 1000):
            cores = n * a["cores_per_executor"]
            compute = task_core_s_per_voxel * PETAVOXEL / cores
            bandwidth = io["per_executor"] * n
            if io["aggregate"]:
                bandwidth = min(bandwidth, io["aggregate"])
            fetch = PETAVOXEL * a["bytes_per_voxel_fetched"] / bandwidth
            shuffle = shuffle_per_voxel * PETAVOXEL / (n * a["network_bytes_per_s_per_executor"])
            merge = a["merge_rounds"] * (a["stage_latency_s"] + pairs
                                         * a["bytes_per_pair_per_round"]
                                         / (n * a["network_bytes_per_s_per_executor"]))
            # Fetching and computing overlap across a task's cuboids; the shuffle and the
            # merge come after.
            wall = max(compute, fetch) + shuffle + merge + overhead
            gets = PETAVOXEL / a["chunk_voxels_remote"]
            usd = (cores * wall / 3600 * a["price_per_core_hour_usd"]
                   + gets / 1000 * io["usd_per_1000_gets"])
            predictions.append({"remote": remote, "executors": n, "cores": cores,
                                "compute_s": compute, "fetch_s": fetch, "shuffle_s": shuffle,
                                "merge_s": merge, "wall_s": wall, "cost_usd": usd,
                                "bound": "compute" if compute >= fetch else "I/O"})
    return {
        "assumptions": a,
        "measured_at_size": big_r["size"],
        "load_average_during_measurement": [big_r["loadBefore"], big_r["loadAfter"]],
        "task_core_seconds_per_voxel": task_core_s_per_voxel,
        "task_seconds_per_cuboid": task_core_s_per_voxel * cuboid_voxels,
        "task_run_seconds_per_voxel": task_run_s_per_voxel,
        "shuffle_bytes_per_voxel": shuffle_per_voxel,
        "seam_pairs_per_voxel": pairs_per_voxel,
        "seam_pairs_at_petavoxel": pairs,
        "driver_merge_bytes_at_petavoxel": entries_per_voxel * PETAVOXEL
        * a["driver_bytes_per_entry"],
        "local_overhead_s": overhead,
        "local_wall_s_per_voxel_per_core": per_voxel_wall,
        "check": checks,
        "petavoxel": predictions,
    }


def plots(runs, data):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    styles = {"count": "o-", "mesh": "s-", "downsample": "^-"}
    colours = {"count": "tab:blue", "mesh": "tab:green", "downsample": "tab:purple"}
    fig, ax = plt.subplots(figsize=(6, 4.5))
    for name in JOBS:
        pts = [(j["voxels"], j["wallSeconds"]) for r in runs for j in [job(r, name)] if j]
        if pts:
            ax.loglog(*zip(*pts), styles[name], color=colours[name], label=name)
    if runs:
        v = [r["voxels"] for r in runs]
        base = job(runs[0], "count")
        if base:
            ax.loglog(v, [base["wallSeconds"] * x / v[0] for x in v], "k:", lw=0.8,
                      label="linear in voxels (from count 1x)")
    ax.set_xlabel("voxels")
    ax.set_ylabel("wall time (s), local[2]")
    ax.set_title("Time against volume size")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(os.path.join(data, "scale-time.png"), dpi=110)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(6, 4.5))
    for name in JOBS:
        pts = [(j["voxels"], j["heap"]["oldGenAfterGcPeak"] / 2**20)
               for r in runs for j in [job(r, name)] if j]
        if pts:
            ax.loglog(*zip(*pts), styles[name], color=colours[name],
                      label=name + ": old gen after GC (peak)")
        pts = [(j["voxels"], j["heap"]["usedPeak"] / 2**20)
               for r in runs for j in [job(r, name)] if j]
        if pts:
            ax.loglog(*zip(*pts), styles[name][0] + "--", color=colours[name], alpha=0.5,
                      label=name + ": heap used (peak, garbage incl.)")
    if runs:
        ax.axhline(runs[0]["heapMaxBytes"] / 2**20, color="k", lw=0.8, ls=":", label="-Xmx")
    ax.set_xlabel("voxels")
    ax.set_ylabel("heap (MiB), driver JVM = executors in local[2]")
    ax.set_title("Memory against volume size")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7, loc="upper left")
    fig.tight_layout()
    fig.savefig(os.path.join(data, "scale-memory.png"), dpi=110)
    plt.close(fig)


def mib(b):
    return f"{b / 2**20:,.0f} MiB"


def cache(spark):
    if "cachedMemoryPeak" not in spark:
        return "not recorded"
    return f"{mib(spark['cachedMemoryPeak'])} / {mib(spark['cachedDiskPeak'])}"


def state_text(name, s):
    if name == "count":
        return (f"{s['seamPairs']:,} seam pairs, {s['crossingPieces']:,} crossing pieces, "
                f"merge on {s['merge']} ({s['driverEntries']:,} entries"
                + (f", {s['rounds']} rounds" if s["rounds"] else "") + ")")
    if name == "mesh":
        return (f"{s['writtenRecordsOnDriver']:,} result records; {s['triangles']:,} triangles,"
                f" {s['outputBytes'] / 1e9:.2f} GB written")
    return (f"{s['levels']} levels in {s['passes']} pass(es), {s['outputBytes'] / 1e9:.2f} GB"
            " written")


def markdown(runs, m):
    out = ["## Scale: 1x to 512x the ssTEM stack (synthetic volumes of known truth)", ""]
    out.append("Made by `benchmarks/scale` (figures in `benchmarks/results/scale/scale.json`,"
               " this text by `benchmarks/scale_report.py`). Each size ran in its own JVM with"
               " the same heap, in `local[2]`, on synthetic volumes (`synthetic:cells`, spacing"
               " 30,30,12, chunks 128,128,16, seed 1) whose truth is known without storing"
               " them; every job's output was checked exactly against it (the `exact` column)."
               " The machine's 2 cores were shared with other work while these ran (load"
               " averages below), so times are slow and noisy; the memory figures are not"
               " affected.")
    out.append("")
    out.append("| size | shape | voxels | cells | -Xmx | load avg (before/after) | jobs run |")
    out.append("|---|---|---:|---:|---:|---|---|")
    for r in runs:
        out.append(f"| {r['size']}x | {r['shape']} | {r['voxels']:,} | {r['cells']:,} |"
                   f" {mib(r['heapMaxBytes'])} | {r['loadBefore']:.1f} / {r['loadAfter']:.1f} |"
                   f" {', '.join(j['job'] for j in r['jobs'])} |")
    out.append("")
    for name in JOBS:
        rows = [(r, job(r, name)) for r in runs if job(r, name)]
        if not rows:
            continue
        out.append(f"### {name}")
        out.append("")
        notes = {}
        for r, j in rows:
            notes.setdefault(j["note"], []).append(f"{r['size']}x")
        for note, sizes in notes.items():
            out.append(f"{', '.join(sizes)}: {note}." if len(notes) > 1 else f"{note}.")
        out.append("")
        out.append("| size | voxels | wall | Mvoxel/s | heap: old gen after GC / used (peaks) |"
                   " executor JVMHeap peak | max task peak exec. mem. | RDD cache peak: memory"
                   " / disk | shuffle read / write | tasks | driver state | exact |")
        out.append("|---|---:|---:|---:|---|---:|---:|---|---|---:|---|---|")
        for r, j in rows:
            h, s = j["heap"], j["spark"]
            out.append(
                f"| {r['size']}x | {j['voxels']:,} | {j['wallSeconds']:.1f} s |"
                f" {j['voxelsPerSecond'] / 1e6:.1f} | {mib(h['oldGenAfterGcPeak'])} /"
                f" {mib(h['usedPeak'])} | {mib(s['executorJvmHeapPeak'])} |"
                f" {mib(s['peakExecutionMemory'])} | {cache(s)} |"
                f" {s['shuffleReadBytes'] / 1e6:,.1f} /"
                f" {s['shuffleWriteBytes'] / 1e6:,.1f} MB | {s['tasks']:,} |"
                f" {state_text(name, j['driverState'])} | {'yes' if j['exact'] else 'NO'} |")
        out.append("")
        for r, j in rows:
            out.append(f"- {r['size']}x: {j['check']}")
        missing = [f"{r['size']}x" for r in runs if not job(r, name)]
        if missing:
            out.append(f"- {', '.join(missing)}: not run yet.")
        if name == "mesh" and not any(r["size"] >= 512 and job(r, name) for r in runs):
            out.append("- At 512x the harness meshes every 8th cell (about 100,000 of 811,225):"
                       " all of them unsimplified would write about 30 GB of binary PLY (36 kB"
                       " a cell); the whole volume is still read and marched.")
        out.append("")
    out.append("![time against voxels](scale-time.png)"
               " ![memory against voxels](scale-memory.png)")
    out.append("")
    out.extend(growth(runs))
    out.append("Heap: *old gen after GC* is the largest G1 old generation right after a"
               " collection; *used* is the sum of the heap pools' peaks (young garbage"
               " included; the pools peak at different moments, so the sum can pass -Xmx)."
               " Neither is the live set: G1"
               " leaves dead objects in the old generation until its occupancy reaches the"
               " threshold for mixed collections (45% of the heap by default, about 1.4 GB"
               " here), so figures below that are upper bounds that grow with how long a job"
               " runs. The evidence that memory is bounded is that every size ran in the same"
               " heap; the count's *RDD cache* column shows the one store that does grow with"
               " the volume: the count persists every cuboid's analysis (MEMORY_AND_DISK),"
               " which Spark keeps in memory up to its storage fraction and spills to disk"
               " beyond. In `local[2]` the executors are the driver's JVM, so every heap"
               " figure includes executor and driver.")
    out.append("")
    if m:
        out.extend(model_markdown(m))
    return "\n".join(out) + "\n"


def growth(runs):
    """How each job's memory and driver state grew from the smallest size to the largest."""
    if len(runs) < 2:
        return []
    out = [f"Growth with the volume, every size in the same {mib(runs[0]['heapMaxBytes'])}"
           " heap:", ""]
    for name in JOBS:
        have = [r for r in runs if job(r, name)]
        if len(have) < 2:
            continue
        small, large = have[0], have[-1]
        a, b = job(small, name), job(large, name)
        line = (f"- {name}, {small['size']}x to {large['size']}x"
                f" ({large['voxels'] / small['voxels']:.0f} times the voxels): old gen after GC"
                f" {mib(a['heap']['oldGenAfterGcPeak'])} ->"
                f" {mib(b['heap']['oldGenAfterGcPeak'])}, heap used"
                f" {mib(a['heap']['usedPeak'])} -> {mib(b['heap']['usedPeak'])}, max task"
                f" execution memory {mib(a['spark']['peakExecutionMemory'])} ->"
                f" {mib(b['spark']['peakExecutionMemory'])}")
        if name == "count":
            sa, sb = a["driverState"], b["driverState"]
            line += (f"; seam merge entries on the driver {sa['driverEntries']:,} ->"
                     f" {sb['driverEntries']:,}, i.e."
                     f" {sb['driverEntries'] / max(1, sb['crossingPieces']):.2f} per crossing"
                     f" piece ({sb['crossingPieces']:,} pieces in seam pairs;"
                     f" {sb['objects']:,} objects)")
        if name == "mesh":
            line += (f"; result records on the driver {a['driverState']['meshes']:,} ->"
                     f" {b['driverState']['meshes']:,} (one per mesh written)")
        out.append(line)
    out.append("")
    return out


def hours(s):
    return f"{s / 3600:.1f} h" if s >= 3600 else f"{s / 60:.1f} min"


def model_markdown(m):
    a = m["assumptions"]
    out = ["### Cost model: counting cells in 1 PVx", ""]
    out.append(
        f"Measured (count at {m['measured_at_size']}x): the tasks' summed CPU time"
        f" {m['task_core_seconds_per_voxel'] * 1e9:.1f} core-ns per voxel ="
        f" {m['task_seconds_per_cuboid']:.2f} core-s per 256x256x64 cuboid (generating the"
        " synthetic voxels stands in for fetching and decoding them; CPU time because the"
        f" tasks' run time, {m['task_run_seconds_per_voxel'] * 1e9:.1f} ns per voxel, includes"
        f" waiting for a core at a load average of {m['load_average_during_measurement'][0]:.0f}"
        f" on 2 cores); shuffle {m['shuffle_bytes_per_voxel']:.4f} bytes per voxel; seam pairs"
        f" {m['seam_pairs_per_voxel'] * 1e6:.2f} per Mvoxel, i.e."
        f" {m['seam_pairs_at_petavoxel']:.2e} at 1 PVx (the rate still rises with size"
        " while the share of cuboids with neighbours on every side grows: z seams appear"
        " only from 64x, whose volume is deeper than one cuboid).")
    out.append("")
    out.append(
        f"Assumptions: {a['cores_per_executor']} cores per executor at"
        f" ${a['price_per_core_hour_usd']} per core-hour; {a['bytes_per_voxel_fetched']:.0f}"
        " byte per voxel fetched (uint8 EM barely compresses); S3 at"
        f" {a['remotes']['S3']['per_executor'] / 1e6:.0f} MB/s per executor, no aggregate cap,"
        f" ${a['remotes']['S3']['usd_per_1000_gets']} per 1000 GETs of"
        f" {a['chunk_voxels_remote']:,}-voxel chunks; BOSS at"
        f" {a['remotes']['BOSS']['per_executor'] / 1e6:.0f} MB/s per executor and"
        f" {a['remotes']['BOSS']['aggregate'] / 1e9:.0f} GB/s in all; shuffle at"
        f" {a['network_bytes_per_s_per_executor'] / 1e9:.0f} GB/s per executor; fetching"
        " overlaps computing; the seam merge runs distributed (the driver would need"
        f" {m['driver_merge_bytes_at_petavoxel'] / 1e12:.1f} TB for it) in"
        f" {a['merge_rounds']} rounds of {a['stage_latency_s']:.0f} s latency plus"
        f" {a['bytes_per_pair_per_round']} bytes per pair each. Wall = max(compute, fetch) +"
        " shuffle + merge + fixed overhead.")
    out.append("")
    out.append("| remote | executors | cores | compute | fetch | shuffle | merge | wall | bound |"
               " cost |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|")
    for p in m["petavoxel"]:
        out.append(f"| {p['remote']} | {p['executors']:,} | {p['cores']:,} |"
                   f" {hours(p['compute_s'])} | {hours(p['fetch_s'])} |"
                   f" {hours(p['shuffle_s'])} | {p['merge_s']:.0f} s | {hours(p['wall_s'])} |"
                   f" {p['bound']} | ${p['cost_usd']:,.0f} |")
    out.append("")
    for remote in a["remotes"]:
        ps = [p for p in m["petavoxel"] if p["remote"] == remote]
        few, many = ps[0], ps[-1]
        text = (f"{remote}: {many['executors']:,} executors take {hours(many['wall_s'])} for"
                f" ${many['cost_usd']:,.0f}, {few['executors']:,} take {hours(few['wall_s'])}"
                f" for ${few['cost_usd']:,.0f}")
        if many["wall_s"] > 0.99 * few["wall_s"]:
            text += ("; the remote's aggregate bandwidth bounds both, so the extra executors"
                     " only wait")
        elif many["cost_usd"] < 1.05 * few["cost_usd"]:
            text += "; compute-bound, so the cost is the core-hours whatever the spread"
        out.append(text + ".")
        out.append("")
    out.append(
        "Check against the runs here: the same model for `local[2]` (one executor, 2 cores,"
        " no fetch), wall = overhead + per-voxel time x voxels / 2, with overhead"
        f" {m['local_overhead_s']:.1f} s and {m['local_wall_s_per_voxel_per_core'] * 1e9:.1f}"
        " ns per voxel per core fitted on the two smallest sizes only; the larger ones are"
        " predictions.")
    out.append("")
    out.append("| size | voxels | wall predicted | wall measured | ratio | task CPU predicted |"
               " task CPU measured | ratio | task run time / CPU time |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for c in m["check"]:
        out.append(f"| {c['size']}x{' (fitted)' if c['fitted'] else ''} | {c['voxels']:,} |"
                   f" {c['predicted_s']:.1f} s | {c['measured_s']:.1f} s | {c['ratio']:.2f} |"
                   f" {c['cpu_predicted_s']:.1f} s | {c['cpu_measured_s']:.1f} s |"
                   f" {c['cpu_ratio']:.2f} | {c['run_over_cpu']:.1f} |")
    out.append("")
    out.append("The CPU columns test the model's premise, cost linear in voxels; the wall"
               " columns add this machine's contention, whose share (last column: how long a"
               " task ran per second of CPU it got) changed between runs, so wall predictions"
               " here are only as good as the load was steady.")
    out.append("")
    return out


def main():
    data = sys.argv[1]
    runs = load_runs(data)
    m = model(runs)
    with open(os.path.join(data, "scale.json"), "w") as f:
        json.dump({"generated_by": "benchmarks/scale_report.py", "sizes": runs, "model": m}, f,
                  indent=1)
    if runs:
        plots(runs, data)
    with open(os.path.join(data, "scale.md"), "w") as f:
        f.write(markdown(runs, m))


if __name__ == "__main__":
    main()
