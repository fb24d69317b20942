package org.ndio.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.NdioException;
import org.ndio.PathEscapeException;
import org.ndio.format.npy.NpyHeader;
import org.ndio.storage.LocalStorage;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * Names that come from files or URLs (store keys, chunk files, multiscales dataset paths, npz
 * array and entry names, HDF5 dataset paths) cannot reach outside their root: {@code ..}
 * segments, absolute paths and symbolic links leading out are refused with a {@link
 * PathEscapeException} naming the path, and nothing outside is read or written.
 */
class PathEscapeTest {

  @TempDir
  Path dir;

  private static void refused(String offending, Runnable r) {
    PathEscapeException e = assertThrows(PathEscapeException.class, r::run);
    assertTrue(e.getMessage().contains(offending), e.getMessage());
  }

  @Test
  void storeKeysWithDotDotOrAbsolutePathsAreRefused() throws Exception {
    Path root = Files.createDirectories(dir.resolve("store"));
    Files.writeString(dir.resolve("secret"), "outside");
    LocalStorage s = new LocalStorage(root);
    for (String key : List.of("../secret", "a/../../secret", "/etc/passwd",
        dir.resolve("secret").toString(), "..\\secret", "x/..")) {
      refused(key, () -> s.read(key));
      refused(key, () -> s.write(key, new byte[1]));
      refused(key, () -> s.exists(key));
      refused(key, () -> s.delete(key));
    }
    assertEquals("outside", Files.readString(dir.resolve("secret")));
    s.write("a/b", new byte[] {7});
    assertArrayEquals(new byte[] {7}, s.read("a/b").orElseThrow());
  }

  @Test
  void aSymbolicLinkLeadingOutOfTheStoreIsNotFollowed() throws Exception {
    Path root = Files.createDirectories(dir.resolve("store"));
    Path secret = Files.writeString(dir.resolve("secret"), "outside");
    Files.createSymbolicLink(root.resolve("leak"), secret);
    Files.createSymbolicLink(root.resolve("outdir"), dir);
    Files.writeString(root.resolve("inside"), "in");
    Files.createSymbolicLink(root.resolve("alias"), root.resolve("inside"));
    LocalStorage s = new LocalStorage(root);
    refused("leak", () -> s.read("leak"));
    refused("outdir", () -> s.read("outdir/secret"));
    refused("outdir", () -> s.list("outdir"));
    assertEquals("in", new String(s.read("alias").orElseThrow(), StandardCharsets.UTF_8));
  }

  @Test
  void aZarrChunkThatIsALinkToAFileOutsideIsRefused() throws Exception {
    Path z = dir.resolve("a.zarr");
    Volume v = TestVolumes.random(DataType.UINT8, 8, 8, 2, 1);
    TestVolumes.write("zarr:" + z, v, new Size3(8, 8, 2), "none");
    Path outside = Files.write(dir.resolve("other-chunk"), new byte[128]);
    Files.delete(z.resolve("0.0.0"));
    Files.createSymbolicLink(z.resolve("0.0.0"), outside);
    try (VolumeReader r = Volumes.open("zarr:" + z)) {
      refused("0.0.0", r::readAll);
    }
  }

  @Test
  void zarrDimensionSeparatorsOtherThanDotAndSlashAreRefused() throws Exception {
    Path z = dir.resolve("b.zarr");
    TestVolumes.write("zarr:" + z, TestVolumes.random(DataType.UINT8, 8, 8, 2, 1), null, null);
    String meta = Files.readString(z.resolve(".zarray"));
    Files.writeString(z.resolve(".zarray"),
        meta.replace("\"dimension_separator\" : \".\"", "\"dimension_separator\" : \"/../\""));
    NdioException e = assertThrows(NdioException.class, () -> Volumes.open("zarr:" + z));
    assertTrue(e.getMessage().contains("dimension_separator"), e.getMessage());
  }

  @Test
  void multiscalesDatasetPathsCannotLeaveTheGroup() throws Exception {
    Path outside = dir.resolve("elsewhere");
    TestVolumes.write("zarr:" + outside, TestVolumes.random(DataType.UINT8, 8, 8, 2, 1), null,
        null);
    Path g = Files.createDirectories(dir.resolve("group"));
    Files.writeString(g.resolve(".zgroup"), "{\"zarr_format\": 2}");
    for (String path : List.of("../elsewhere", "/" + outside, "a/../../elsewhere")) {
      Files.writeString(g.resolve(".zattrs"), """
          {"multiscales": [{"version": "0.4", "axes": ["z", "y", "x"],
            "datasets": [{"path": "%s"}]}]}""".formatted(path));
      refused(path, () -> Volumes.open("zarr:" + g).close());
    }
  }

  @Test
  void npzArrayAndEntryNamesCannotClimbOut() throws Exception {
    Path f = dir.resolve("sub/a.npz");
    Files.createDirectories(f.getParent());
    Volume v = TestVolumes.random(DataType.UINT8, 4, 4, 1, 2);
    refused("../evil", () -> TestVolumes.write("npz:" + f + "#../evil", v, null, null));
    assertFalse(Files.exists(f));
    TestVolumes.write("npz:" + f + "#ok", v, null, null);
    refused("../../ok", () -> Volumes.open("npz:" + f + "#../../ok").close());

    byte[] npy = NpyHeader.encode(DataType.UINT8, List.of(1L, 1L));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      z.putNextEntry(new ZipEntry("../../evil.npy"));
      z.write(npy);
      z.write(0);
      z.closeEntry();
    }
    Path climbing = Files.write(dir.resolve("climbing.npz"), out.toByteArray());
    refused("../../evil.npy", () -> Volumes.open("npz:" + climbing).close());
  }

  @Test
  void hdf5DatasetPathsWithDotDotAreRefused() throws Exception {
    Path f = dir.resolve("a.h5");
    TestVolumes.write("hdf5:" + f + "#/g/vol", TestVolumes.random(DataType.UINT8, 4, 4, 2, 3),
        null, null);
    refused("/g/../g/vol", () -> Volumes.open("hdf5:" + f + "#/g/../g/vol").close());
    refused("/../x", () -> TestVolumes.write("hdf5:" + f + "#/../x",
        TestVolumes.random(DataType.UINT8, 4, 4, 2, 3), null, null));
  }
}
