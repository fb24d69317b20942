package org.ndio.format.tiff;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where section z of a TIFF stack lives: a page of a file, how messages name it, and whether
 * the page is stored in tiles rather than strips; its strips where ndio decodes them itself.
 */
record TiffSection(Path file, int page, String where, boolean tiled,
    Optional<TiffStrips> strips) {}
