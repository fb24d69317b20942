package org.ndio.jobs.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.ndio.DataTypeException;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/** Every voxel survives a trip through every pair of formats. */
class FormatPairsTest {

  /** A format as a test names it: how to build a URL in a directory, and what it can write. */
  record Format(String name, Function<Path, String> url, Set<DataType> writes) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final Set<DataType> ALL = EnumSet.allOf(DataType.class);

  static final List<Format> FORMATS = List.of(
      new Format("zarr", d -> "zarr:" + d.resolve("v.zarr"), ALL),
      new Format("hdf5", d -> "hdf5:" + d.resolve("v.h5") + "#/volumes/v", ALL),
      new Format("npy", d -> "npy:" + d.resolve("v.npy"), ALL),
      new Format("npz", d -> "npz:" + d.resolve("v.npz") + "#v", ALL),
      new Format("nii", d -> "nifti:" + d.resolve("v.nii"), ALL),
      new Format("nii.gz", d -> "nifti:" + d.resolve("v.nii.gz"), ALL),
      new Format("tiff", d -> "tiff:" + d.resolve("v.tif"),
          EnumSet.of(DataType.UINT8, DataType.UINT16, DataType.UINT32, DataType.FLOAT32)),
      new Format("tiff-dir", d -> "tiff:" + d.resolve("v-sections"),
          EnumSet.of(DataType.UINT8, DataType.UINT16, DataType.UINT32, DataType.FLOAT32)),
      new Format("png", d -> "png:" + d.resolve("v-png"),
          EnumSet.of(DataType.UINT8, DataType.UINT16)));

  @TempDir
  Path dir;

  static Stream<Arguments> pairs() {
    return FORMATS.stream().flatMap(a -> FORMATS.stream().flatMap(b ->
        Stream.of(DataType.UINT8, DataType.UINT16).map(t -> Arguments.of(a, b, t))));
  }

  private Path sub(String name) throws Exception {
    return Files.createDirectories(dir.resolve(name));
  }

  private static Volume read(String url) {
    try (VolumeReader r = Volumes.open(url)) {
      return r.readAll();
    }
  }

  @ParameterizedTest(name = "{0} -> {1} -> {0}, {2}")
  @MethodSource("pairs")
  void everyPairKeepsEveryVoxel(Format a, Format b, DataType t) throws Exception {
    Volume v = TestVolumes.random(t, 23, 17, 5, a.hashCode() ^ b.hashCode());
    String first = a.url().apply(sub("a"));
    String middle = b.url().apply(sub("b"));
    String back = a.url().apply(sub("c"));
    TestVolumes.write(first, v, null, null);
    Convert.run(first, middle, Convert.Options.defaults(), Convert.Progress.NONE);
    Convert.run(middle, back, Convert.Options.defaults(), Convert.Progress.NONE);
    assertEquals(v, read(middle), middle);
    assertEquals(v, read(back), back);
  }

  static Stream<Arguments> formatsAndTypes() {
    return FORMATS.stream().flatMap(f -> ALL.stream().map(t -> Arguments.of(f, t)));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("formatsAndTypes")
  void everyTypeAFormatHoldsRoundTripsAndTheOthersAreRefused(Format f, DataType t)
      throws Exception {
    Volume v = TestVolumes.random(t, 19, 11, 3, t.ordinal());
    String source = "zarr:" + dir.resolve("src.zarr");
    TestVolumes.write(source, v, null, null);
    String target = f.url().apply(sub("t"));
    String back = "zarr:" + dir.resolve("back.zarr");
    if (f.writes().contains(t)) {
      Convert.run(source, target, Convert.Options.defaults(), Convert.Progress.NONE);
      Convert.run(target, back, Convert.Options.defaults(), Convert.Progress.NONE);
      assertEquals(v, read(back));
    } else {
      DataTypeException e = assertThrows(DataTypeException.class, () -> Convert.run(source,
          target, Convert.Options.defaults(), Convert.Progress.NONE));
      assertTrue(e.getMessage().contains(t.numpyName()), e.getMessage());
      try (Stream<Path> s = Files.list(dir.resolve("t"))) {
        assertEquals(0, s.count(), "a refused conversion writes nothing");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = DataType.class, names = {"UINT8", "FLOAT64"})
  void aBoxIsCopiedWithItsCornerAtTheOrigin(DataType t) {
    Volume v = TestVolumes.random(t, 30, 20, 10, 7);
    String source = "zarr:" + dir.resolve("s");
    TestVolumes.write(source, v, null, null);
    String target = "npy:" + dir.resolve("box.npy");
    Convert.Result r = Convert.run(source, target, new Convert.Options(
        Optional.of(BoundingBox.parse("3:29,4:5,2:10")), Optional.empty(), Optional.empty(),
        WriteMode.ERROR_IF_EXISTS), Convert.Progress.NONE);
    assertEquals(26 * 8, r.voxels());
    assertEquals(v.view(3, 4, 2, 26, 1, 8), read(target));
    assertFalse(Files.exists(dir.resolve(".box.npy")));
  }
}
