package org.ndio.format.tiff;

import java.nio.file.Path;

/** Where section z of a TIFF stack lives: a page of a file, and how messages name it. */
record TiffSection(Path file, int page, String where) {}
