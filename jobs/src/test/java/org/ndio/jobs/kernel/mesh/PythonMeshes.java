package org.ndio.jobs.kernel.mesh;

/** Python snippets shared by the tests that check meshes against skimage and numpy. */
final class PythonMeshes {

  private PythonMeshes() {}

  /**
   * Defines {@code skimage_mesh(mask, spacing)}: skimage's marching cubes at level 0.5 on the
   * 0/1 mask padded by background (so objects on the array's faces close as ours do), and
   * {@code measures(v, f)}: enclosed volume and area of a closed mesh.
   */
  static final String SKIMAGE = """
      import numpy as np
      from skimage import measure

      def measures(v, f):
          t = v[f].astype(np.float64)
          t = t - t[0, 0]
          vol = np.einsum('ij,ij->i', t[:, 0], np.cross(t[:, 1], t[:, 2])).sum() / 6
          area = np.linalg.norm(np.cross(t[:, 1] - t[:, 0], t[:, 2] - t[:, 0]), axis=1).sum() / 2
          return float(vol), float(area)

      def skimage_mesh(mask, spacing=(1.0, 1.0, 1.0)):
          p = np.pad(mask.astype(np.float32), 1)
          v, f, _, _ = measure.marching_cubes(p, 0.5, spacing=spacing)
          vol, area = measures(v, f)
          # skimage gives (z, y, x) coordinates: the axis swap flips the sign of the volume.
          return abs(vol), float(measure.mesh_surface_area(v, f))
      """;

  /**
   * Defines {@code read_mesh(path)}, a reader of OBJ and PLY (text and little-endian binary)
   * written with numpy alone, independent of ours, and {@code closed(f)}: whether every edge is
   * in exactly two triangles that run it in opposite directions.
   */
  static final String READER = """
      import numpy as np

      def read_ply(path):
          data = open(path, 'rb').read()
          end = data.index(b'end_header\\n') + len(b'end_header\\n')
          header = data[:end].decode('ascii').splitlines()
          fmt = header[1].split()[1]
          count = {l.split()[1]: int(l.split()[2]) for l in header if l.startswith('element')}
          nv, nf = count['vertex'], count['face']
          if fmt == 'ascii':
              tok = data[end:].split()
              v = np.array(tok[:3 * nv], dtype=np.float32).reshape(-1, 3)
              f = np.array(tok[3 * nv:], dtype=np.int64).reshape(-1, 4)
              assert (f[:, 0] == 3).all()
              return v, f[:, 1:]
          assert fmt == 'binary_little_endian', fmt
          v = np.frombuffer(data, '<f4', 3 * nv, end).reshape(-1, 3)
          rec = np.dtype([('n', 'u1'), ('i', '<i4', (3,))])
          f = np.frombuffer(data, rec, nf, end + 12 * nv)
          assert end + 12 * nv + 13 * nf == len(data), 'trailing or missing bytes'
          assert (f['n'] == 3).all()
          return v, f['i'].astype(np.int64)

      def read_obj(path):
          vs, fs = [], []
          for line in open(path):
              p = line.split()
              if p and p[0] == 'v':
                  vs.append([float(x) for x in p[1:4]])
              elif p and p[0] == 'f':
                  fs.append([int(x) - 1 for x in p[1:4]])
          return np.array(vs, dtype=np.float32), np.array(fs, dtype=np.int64)

      def read_mesh(path):
          return read_obj(path) if path.endswith('.obj') else read_ply(path)

      def closed(f):
          e = np.concatenate([f[:, [0, 1]], f[:, [1, 2]], f[:, [2, 0]]]).astype(np.int64)
          n = int(f.max()) + 1
          fwd = np.sort(e[:, 0] * n + e[:, 1])
          rev = np.sort(e[:, 1] * n + e[:, 0])
          return bool(len(np.unique(fwd)) == len(fwd) and np.array_equal(fwd, rev))
      """;
}
