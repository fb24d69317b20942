/**
 * Surface meshes of objects in label or intensity volumes: marching cubes with a case table
 * that keeps every surface closed and 2-manifold (object voxels 18-connected, background
 * 6-connected), exact welding of pieces meshed apart, quadric-error simplification, and OBJ
 * and PLY files. Pure Java, no Spark, no I/O except {@link org.ndio.jobs.kernel.mesh.Meshes}.
 *
 * <p>Meshing a dataset in cuboids: for each cuboid of a grid that tiles the dataset (or the
 * {@code --box}), {@code CellBlock b = CellBlock.forCuboid(cuboid, dataset)}; read the voxels
 * {@code b.voxels()} (the cuboid and one voxel more on its high sides, within the dataset);
 * {@code MarchingCubes.mesh(volume, b, selection)} gives each object's piece by id. Gather the
 * pieces of each id and {@code KeyedMesh.weld} them: the result is the mesh one call over the
 * whole dataset would give, key for key. Then {@code toMesh(voxel size)}, optionally {@code
 * simplified(ratio)}, and {@code Meshes.write}.
 */
package org.ndio.jobs.kernel.mesh;
