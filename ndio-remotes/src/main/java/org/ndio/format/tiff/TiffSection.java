package org.ndio.format.tiff;

import java.nio.file.Path;

/**
 * Where section z of a TIFF stack lives: a page of a file, how messages name it, and whether
 * the page is stored in tiles rather than strips.
 */
record TiffSection(Path file, int page, String where, boolean tiled) {}
