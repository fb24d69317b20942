/**
 * RAMON annotation objects: one immutable record per type ndstore defines ({@link
 * org.ndio.ramon.Generic}, {@link org.ndio.ramon.Synapse}, {@link org.ndio.ramon.Seed}, {@link
 * org.ndio.ramon.Segment}, {@link org.ndio.ramon.Neuron}, {@link org.ndio.ramon.Organelle},
 * {@link org.ndio.ramon.Node}, {@link org.ndio.ramon.Skeleton}, {@link org.ndio.ramon.Roi}) and
 * the two only the original ndio and CAJAL had ({@link org.ndio.ramon.AttributedRegion}, {@link
 * org.ndio.ramon.RamonVolume}), with their enumerations and voxels.
 */
package org.ndio.ramon;
