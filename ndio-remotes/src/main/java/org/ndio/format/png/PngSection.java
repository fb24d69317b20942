package org.ndio.format.png;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import javax.imageio.metadata.IIOMetadata;
import org.ndio.CorruptDataException;
import org.ndio.UnsupportedFeatureException;
import org.ndio.format.image.GreyImages;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;
import org.w3c.dom.Node;

/**
 * Turns a decoded PNG into one greyscale section. Grey PNGs give their samples. Palette images
 * (which is also how the JDK decodes 1-, 2- and 4-bit grey, as a grey ramp) give the grey level
 * of each pixel's palette entry, so a 1-bit mask reads 0/255 as imageio and libpng's expansion
 * give it. RGB(A) and grey+alpha images are read where every pixel is grey and opaque; any other
 * pixel is an error naming it. Transparency from a tRNS chunk (which the JDK decodes as an alpha
 * band) is ignored, as PIL and imageio ignore it for grey images: it marks a value for display
 * and changes no sample.
 */
final class PngSection {

  private static final String PNG_FORMAT = "javax_imageio_png_1.0";

  private PngSection() {}

  /**
   * The section of {@code image}, decoded from the region at {@code (x0, y0)} of the file
   * {@code where} names (used for pixel coordinates in messages).
   */
  static Volume decode(BufferedImage image, IIOMetadata metadata, DataType dtype, String where,
      int x0, int y0) {
    Raster r = image.getRaster();
    if (image.getColorModel() instanceof IndexColorModel icm) {
      return fromPalette(r, icm, where, x0, y0);
    }
    int bands = r.getNumBands();
    if ((bands == 2 || bands == 4) && hasAlphaChannel(metadata)) {
      requireOpaque(r, bands - 1, where, x0, y0);
    }
    if (bands >= 3) {
      requireGrey(r, where, x0, y0);
    }
    return GreyImages.section(r, 0, dtype);
  }

  private static Volume fromPalette(Raster r, IndexColorModel icm, String where, int x0,
      int y0) {
    int entries = icm.getMapSize();
    int[] grey = new int[entries];
    for (int i = 0; i < entries; i++) {
      int argb = icm.getRGB(i);
      int red = (argb >> 16) & 0xff;
      int green = (argb >> 8) & 0xff;
      int blue = argb & 0xff;
      grey[i] = red == green && green == blue ? red : -1;
    }
    int w = r.getWidth();
    int h = r.getHeight();
    byte[] out = new byte[w * h];
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      r.getSamples(r.getMinX(), r.getMinY() + y, w, 1, 0, row);
      for (int x = 0; x < w; x++) {
        int index = row[x];
        if (index < 0 || index >= entries) {
          throw new CorruptDataException(
              where + ": pixel (" + (x0 + x) + ", " + (y0 + y) + ") uses palette entry " + index
                  + " of " + entries);
        }
        if (grey[index] < 0) {
          throw new UnsupportedFeatureException(
              where + ": pixel (" + (x0 + x) + ", " + (y0 + y) + ") is the colour #"
                  + String.format("%06x", icm.getRGB(index) & 0xffffff) + " from the palette;"
                  + " only greyscale PNGs are read (palette or RGB images whose pixels are all"
                  + " grey included)");
        }
        out[y * w + x] = (byte) grey[index];
      }
    }
    return Volume.wrap(DataType.UINT8, w, h, 1, out);
  }

  /** Whether the file stores an alpha channel (colour type grey+alpha or RGBA). */
  private static boolean hasAlphaChannel(IIOMetadata metadata) {
    Node root = metadata.getAsTree(PNG_FORMAT);
    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n.getNodeName().equals("IHDR") && n.getAttributes() != null) {
        Node type = n.getAttributes().getNamedItem("colorType");
        return type != null && type.getNodeValue().endsWith("Alpha");
      }
    }
    return true;
  }

  private static void requireOpaque(Raster r, int band, String where, int x0, int y0) {
    int max = (1 << r.getSampleModel().getSampleSize(band)) - 1;
    int w = r.getWidth();
    int[] row = new int[w];
    for (int y = 0; y < r.getHeight(); y++) {
      r.getSamples(r.getMinX(), r.getMinY() + y, w, 1, band, row);
      for (int x = 0; x < w; x++) {
        if (row[x] != max) {
          throw new UnsupportedFeatureException(
              where + ": pixel (" + (x0 + x) + ", " + (y0 + y) + ") has alpha " + row[x] + " of "
                  + max + "; only opaque PNGs are read as greyscale");
        }
      }
    }
  }

  private static void requireGrey(Raster r, String where, int x0, int y0) {
    int w = r.getWidth();
    int[] red = new int[w];
    int[] green = new int[w];
    int[] blue = new int[w];
    for (int y = 0; y < r.getHeight(); y++) {
      int ry = r.getMinY() + y;
      r.getSamples(r.getMinX(), ry, w, 1, 0, red);
      r.getSamples(r.getMinX(), ry, w, 1, 1, green);
      r.getSamples(r.getMinX(), ry, w, 1, 2, blue);
      for (int x = 0; x < w; x++) {
        if (red[x] != green[x] || green[x] != blue[x]) {
          throw new UnsupportedFeatureException(
              where + ": pixel (" + (x0 + x) + ", " + (y0 + y) + ") has colour (" + red[x] + ", "
                  + green[x] + ", " + blue[x] + "); only greyscale PNGs are read (RGB images"
                  + " whose pixels are all grey included)");
        }
      }
    }
  }
}
