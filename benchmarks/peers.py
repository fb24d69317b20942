#!/usr/bin/python3
"""The Python half of benchmarks/run: the peers and the physical limits, on the same arrays
and bytes as the Java side, appended to the same JSON-lines results file.

  peers.py kernel NPY NAME OUT.jsonl OP REPS [CAP]   one peer kernel in this process:
      label6 | label26 (scipy.ndimage.label of a >= 128), mesh (skimage marching cubes of the
      padded 0/1 float32 mask at 0.5; a volume above CAP voxels is meshed on a leading z slab
      of at most CAP voxels and marked capped), downsample (numpy reshape + mean, 2x2x2,
      rounded half up back to uint8, as ours)
  peers.py convert OUT.jsonl REPS NAME OP SRC DST    zarr-python / h5py / tifffile doing the
      conversion ours does: tiff2zarr, zarr2zarr (recompress to zstd), npy2hdf5
  peers.py limits OUT.jsonl REPS NAME FILE [TIF ZARR CHUNKS]   memory copy, page-cache read
      and read+write (copy) of FILE's bytes; with TIF, ZARR and CHUNKS also the codec steps
      and the file work of the tiff -> zarr and zarr -> zarr conversions, on all cores
  peers.py machine OUT.json                          cores, memory, CPU, versions

Each figure is the best of REPS runs after one warm-up (REPS 1: one run). Peak memory is the
process's peak resident set (ru_maxrss), input array included; one process per kernel so that
each figure has its own peak.
"""
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np


def best(reps, fn):
    if reps > 1:
        fn()
    t = float("inf")
    out = None
    for _ in range(max(1, reps)):
        s = time.perf_counter()
        out = fn()
        t = min(t, time.perf_counter() - s)
    return t, out


def add(out, **row):
    with open(out, "a") as f:
        f.write(json.dumps(row) + "\n")
    mbs = row["bytes"] / 1e6 / row["seconds"] if row["seconds"] > 0 else 0
    print("%-12s %-7s %-16s %-12s %8.3f s  %8.1f MB/s" % (
        row["area"], row["volume"], row["impl"], row["op"], row["seconds"], mbs), flush=True)


def peak_rss():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def kernel(npy, name, out, op, reps, cap):
    a = np.load(npy)
    extra = {}
    if op in ("label6", "label26"):
        from scipy import ndimage
        # scipy labels a boolean array; the threshold is made before its clock starts
        mask = a >= 128
        del a
        s = ndimage.generate_binary_structure(3, 1 if op == "label6" else 3)
        secs, res = best(reps, lambda: ndimage.label(mask, structure=s))
        voxels, objects, impl, area = mask.size, int(res[1]), "scipy", "labelling"
    elif op == "mesh":
        from skimage import measure
        voxels = a.size
        if cap and a.size > cap:
            nz = max(2, cap // (a.shape[1] * a.shape[2]))
            a = a[:nz]
            extra = {"capped": True, "full_voxels": voxels}
            voxels = a.size
        # padded by one voxel of background, as ours closes surfaces at the volume's faces
        p = np.pad((a >= 128).astype(np.float32), 1)
        del a
        secs, res = best(reps, lambda: measure.marching_cubes(p, 0.5))
        objects, impl, area = len(res[1]), "skimage", "meshing"
    elif op == "downsample":
        z, y, x = a.shape

        def block_mean():
            m = a.reshape(z // 2, 2, y // 2, 2, x // 2, 2).mean(axis=(1, 3, 5))
            return np.floor(m + 0.5).astype(np.uint8)

        secs, res = best(reps, block_mean)
        voxels, impl, area = a.size, "numpy", "downsampling"
        objects = int(res.sum(dtype=np.int64))
    else:
        sys.exit("unknown op " + op)
    add(out, area=area, volume=name, impl=impl, op=op, seconds=secs, voxels=int(voxels),
        bytes=int(voxels), peak_bytes=peak_rss(), objects=objects, threads=1, **extra)


def convert(out, reps, name, op, src, dst):
    import zarr
    from numcodecs import Blosc, blosc
    # one thread, like ours (numcodecs would otherwise compress on all cores)
    blosc.use_threads = False
    lz4 = Blosc(cname="lz4", clevel=5, shuffle=Blosc.SHUFFLE)
    zstd = Blosc(cname="zstd", clevel=5, shuffle=Blosc.SHUFFLE)

    def write_zarr(a, comp):
        z = zarr.open(dst, mode="w", shape=a.shape, dtype=a.dtype,
                      chunks=(min(64, a.shape[0]), 256, 256), compressor=comp)
        z[...] = a

    if op == "tiff2zarr":
        import tifffile

        def run():
            # a directory of sections or one multipage file, as ours reads either
            if os.path.isdir(src):
                a = np.stack([tifffile.imread(os.path.join(src, f))
                              for f in sorted(os.listdir(src))])
            else:
                a = tifffile.imread(src)
            write_zarr(a, lz4)
            return a.nbytes
        impl = "tifffile+zarr"
    elif op == "zarr2zarr":
        def run():
            a = zarr.open(src, mode="r")[...]
            write_zarr(a, zstd)
            return a.nbytes
        impl = "zarr-python"
    elif op == "npy2hdf5":
        import h5py

        def run():
            a = np.load(src)
            with h5py.File(dst, "w") as f:
                f.create_dataset("data", data=a)
            return a.nbytes
        impl = "h5py"
    else:
        sys.exit("unknown op " + op)
    secs, nbytes = best(reps, run)
    add(out, area="convert", volume=name, impl=impl, op=op, seconds=secs, voxels=nbytes,
        bytes=nbytes, peak_bytes=peak_rss(), threads=1)


# The codec steps each conversion cannot avoid: tiff2zarr inflates the TIFF's strips and
# blosc-lz4 encodes the target chunks; zarr2zarr lz4-decodes the source chunks and blosc-zstd
# encodes them. report.py adds up, per conversion, the fastest measured time of each step.
CODEC_STEPS = {"tiff2zarr": ("inflate", "lz4-encode"), "zarr2zarr": ("lz4-decode", "zstd-encode")}


def codec_limits(out, reps, name, npy, tif, zarr_dir, chunks):
    """The codec steps done by the reference C libraries (c-blosc, zlib) on all cores: c-blosc
    splits each chunk into blocks on its own threads; zlib inflates strips on a thread pool
    (it releases the GIL)."""
    import zlib
    from concurrent.futures import ThreadPoolExecutor
    import blosc
    import tifffile
    cores = os.cpu_count() or 1
    blosc.set_nthreads(cores)
    pool = ThreadPoolExecutor(cores)
    a = np.load(npy)
    cx, cy, cz = chunks
    pieces = [np.ascontiguousarray(a[z:z + cz, y:y + cy, x:x + cx]).tobytes()
              for z in range(0, a.shape[0], cz) for y in range(0, a.shape[1], cy)
              for x in range(0, a.shape[2], cx)]
    nbytes = a.nbytes
    del a

    def encode(cname):
        return [blosc.compress(p, typesize=1, clevel=5, shuffle=blosc.SHUFFLE, cname=cname)
                for p in pieces]

    strips = []
    with tifffile.TiffFile(tif) as t, open(tif, "rb") as f:
        zipped = t.pages[0].compression == 8
        for page in t.pages:
            for off, cnt in zip(page.dataoffsets, page.databytecounts):
                f.seek(off)
                strips.append(f.read(cnt))
    stored_paths = [os.path.join(root, f) for root, _, files in os.walk(zarr_dir)
                    for f in files if not f.startswith(".")]
    stored = [open(p, "rb").read() for p in stored_paths]
    steps = [("lz4-encode", lambda: encode("lz4")),
             ("lz4-decode", lambda: [blosc.decompress(b) for b in stored]),
             ("zstd-encode", lambda: encode("zstd"))]
    if zipped:
        steps.insert(0, ("inflate", lambda: list(pool.map(zlib.decompress, strips))))
    for op, fn in steps:
        secs, _ = best(max(reps, 3), fn)
        add(out, area="limit", volume=name, impl="limit-codec-c", op=op, seconds=secs,
            voxels=nbytes, bytes=nbytes, threads=cores)
    work = {"tiff2zarr": ([tif], encode("lz4")), "zarr2zarr": (stored_paths, encode("zstd"))}
    parent = os.path.dirname(os.path.abspath(out))
    for op, (sources, frames) in work.items():
        secs = file_work(pool, max(reps, 3), sources, frames, parent)
        add(out, area="limit", volume=name, impl="limit-files", op=op, seconds=secs,
            voxels=nbytes, bytes=nbytes, threads=cores)
    pool.shutdown()


def file_work(pool, reps, sources, frames, parent):
    """Seconds of the file work a conversion cannot avoid besides its codecs, on all cores
    (file reads and writes release the GIL): the source files read from the page cache into
    memory, in pieces of at most 8 MiB into a buffer per thread, and the target's chunk frames
    written to new files. Each run writes into a new directory; the last one is removed
    outside the clock, as ConvertRun removes its last target. The first run warms up."""
    import threading
    piece = 8 << 20
    pieces = [(p, off, min(piece, size - off)) for p in sources
              for size in [os.path.getsize(p)] for off in range(0, size, piece)]
    local = threading.local()

    def read(job):
        path, off, n = job
        if not hasattr(local, "view"):
            local.view = memoryview(bytearray(piece))
        fd = os.open(path, os.O_RDONLY)
        try:
            got = os.preadv(fd, [local.view[:n]], off)
        finally:
            os.close(fd)
        if got != n:
            raise IOError("%s: read %d of %d bytes at %d" % (path, got, n, off))

    def write(job):
        path, frame = job
        with open(path, "wb") as f:
            f.write(frame)

    secs = float("inf")
    for i in range(reps + 1):
        d = tempfile.mkdtemp(dir=parent)
        start = time.perf_counter()
        list(pool.map(read, pieces))
        list(pool.map(write, [(os.path.join(d, str(k)), b) for k, b in enumerate(frames)]))
        took = time.perf_counter() - start
        shutil.rmtree(d)
        secs = min(secs, took) if i > 0 else secs
    return secs


def limits(out, reps, name, path, tif=None, zarr_dir=None, chunks=None):
    if tif and zarr_dir and chunks:
        codec_limits(out, reps, name, path, tif, zarr_dir, chunks)
    n = os.path.getsize(path)
    src = np.fromfile(path, dtype=np.uint8)
    dst = np.empty_like(src)
    secs, _ = best(max(reps, 3), lambda: np.copyto(dst, src))
    add(out, area="limit", volume=name, impl="limit-memcpy", op="copy", seconds=secs,
        voxels=n, bytes=n, threads=1)
    del dst

    def read():
        # sequential read from the page cache (the warm-up run puts the file there)
        with open(path, "rb", buffering=0) as f:
            while f.readinto(view):
                pass
    buf = bytearray(8 << 20)
    view = memoryview(buf)
    secs, _ = best(max(reps, 3), read)
    add(out, area="limit", volume=name, impl="limit-read", op="read", seconds=secs,
        voxels=n, bytes=n, threads=1)
    tmp = tempfile.mkdtemp(dir=os.path.dirname(os.path.abspath(out)))
    try:
        # what cp does, without its process start: an in-kernel copy through the page cache,
        # to a new file each time as ours writes a new target (the last copy is removed
        # outside the clock, as ConvertRun removes its last output); the first is a warm-up
        secs = float("inf")
        for i in range(max(reps, 3) + 1):
            target = os.path.join(tmp, "copy%d" % i)
            start = time.perf_counter()
            shutil.copyfile(path, target)
            took = time.perf_counter() - start
            os.remove(target)
            secs = min(secs, took) if i > 0 else secs
        add(out, area="limit", volume=name, impl="limit-cp", op="cp", seconds=secs,
            voxels=n, bytes=n, threads=1)
    finally:
        shutil.rmtree(tmp)


def machine(out):
    import scipy
    import skimage
    cpu = platform.processor()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    with open("/proc/meminfo") as f:
        mem = int(f.readline().split()[1]) * 1024
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr
    versions = {"python": platform.python_version(), "numpy": np.__version__,
                "scipy": scipy.__version__, "skimage": skimage.__version__}
    for mod in ("zarr", "h5py", "tifffile", "blosc", "numcodecs"):
        try:
            versions[mod] = __import__(mod).__version__
        except ImportError:
            versions[mod] = "missing"
    load = os.getloadavg()
    with open(out, "w") as f:
        json.dump({"cores": os.cpu_count(), "memory_bytes": mem, "cpu": cpu,
                   "java": java.splitlines()[0] if java else "?", "os": platform.platform(),
                   "versions": versions, "load_before": load,
                   "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}, f, indent=1)


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "kernel":
        kernel(args[0], args[1], args[2], args[3], int(args[4]),
               int(args[5]) if len(args) > 5 else 0)
    elif cmd == "convert":
        convert(args[0], int(args[1]), args[2], args[3], args[4], args[5])
    elif cmd == "limits":
        # optional TIF ZARR CHUNKS (x,y,z): the codec limits of the conversions of that volume
        limits(args[0], int(args[1]), args[2], args[3], *args[4:6],
               *([tuple(int(c) for c in args[6].split(","))] if len(args) > 6 else []))
    elif cmd == "machine":
        machine(args[0])
    else:
        sys.exit(__doc__)
