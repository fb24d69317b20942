package org.ndio.format.tiff;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.plugins.tiff.TIFFTag;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageOutputStream;
import org.ndio.NdioException;
import org.ndio.format.image.GreyImages;
import org.ndio.volume.Volume;
import org.ndio.volume.VoxelSize;

/**
 * Writes sections of a volume as the pages of one little-endian TIFF file with the JDK's own
 * ImageIO TIFF writer ({@code javax.imageio.plugins.tiff}). TwelveMonkeys 3.14's writer is not
 * used: it cannot write float samples and writes 16- and 32-bit samples big-endian whatever the
 * header says.
 */
final class TiffPagesWriter {

  private static final String JDK_WRITER_PACKAGE = "com.sun.imageio.plugins.tiff.";

  private TiffPagesWriter() {}

  /** Writes sections {@code [z0, z1)} of {@code v} to {@code file}, one page each. */
  static void write(Path file, Volume v, int z0, int z1, Optional<VoxelSize> voxel,
      TiffCompression compression) throws IOException {
    ImageWriter w = jdkWriter();
    try (ImageOutputStream out = new FileImageOutputStream(file.toFile())) {
      w.setOutput(out);
      ImageWriteParam param = w.getDefaultWriteParam();
      compression.configure(param);
      w.prepareWriteSequence(littleEndian(w, param));
      for (int z = z0; z < z1; z++) {
        BufferedImage image = GreyImages.image(v, z);
        IIOMetadata meta = pageMetadata(w, image, param, z1 - z0, voxel);
        w.writeToSequence(new IIOImage(image, null, meta), param);
      }
      w.endWriteSequence();
    } finally {
      w.dispose();
    }
  }

  private static ImageWriter jdkWriter() {
    for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("tiff"); it.hasNext();) {
      ImageWriter w = it.next();
      if (w.getClass().getName().startsWith(JDK_WRITER_PACKAGE)) {
        return w;
      }
      w.dispose();
    }
    throw new NdioException("this Java runtime has no built-in ImageIO TIFF writer (Java 9+)");
  }

  private static IIOMetadata littleEndian(ImageWriter w, ImageWriteParam param)
      throws IOException {
    IIOMetadata stream = w.getDefaultStreamMetadata(param);
    String format = stream.getNativeMetadataFormatName();
    IIOMetadataNode root = new IIOMetadataNode(format);
    IIOMetadataNode order = new IIOMetadataNode("ByteOrder");
    order.setAttribute("value", "LITTLE_ENDIAN");
    root.appendChild(order);
    stream.setFromTree(format, root);
    return stream;
  }

  private static IIOMetadata pageMetadata(ImageWriter w, BufferedImage image,
      ImageWriteParam param, int pages, Optional<VoxelSize> voxel) throws IOException {
    TIFFDirectory dir = TIFFDirectory.createFromMetadata(
        w.getDefaultImageMetadata(new ImageTypeSpecifier(image), param));
    BaselineTIFFTagSet base = BaselineTIFFTagSet.getInstance();
    boolean isFloat = image.getRaster().getDataBuffer().getDataType() == DataBuffer.TYPE_FLOAT;
    dir.addTIFFField(new TIFFField(base.getTag(BaselineTIFFTagSet.TAG_SAMPLE_FORMAT),
        isFloat ? BaselineTIFFTagSet.SAMPLE_FORMAT_FLOATING_POINT
            : BaselineTIFFTagSet.SAMPLE_FORMAT_UNSIGNED_INTEGER));
    if (voxel.isPresent()) {
      VoxelSize v = voxel.get();
      dir.addTIFFField(new TIFFField(base.getTag(BaselineTIFFTagSet.TAG_IMAGE_DESCRIPTION),
          TIFFTag.TIFF_ASCII, 1, new String[] {ImageJMetadata.description(pages, v)}));
      dir.addTIFFField(rational(base, BaselineTIFFTagSet.TAG_X_RESOLUTION, v.x()));
      dir.addTIFFField(rational(base, BaselineTIFFTagSet.TAG_Y_RESOLUTION, v.y()));
      dir.addTIFFField(new TIFFField(base.getTag(BaselineTIFFTagSet.TAG_RESOLUTION_UNIT),
          BaselineTIFFTagSet.RESOLUTION_UNIT_NONE));
    }
    return dir.getAsMetadata();
  }

  private static TIFFField rational(BaselineTIFFTagSet base, int tag, double size) {
    return new TIFFField(base.getTag(tag), TIFFTag.TIFF_RATIONAL, 1,
        new long[][] {ImageJMetadata.resolution(size)});
  }
}
