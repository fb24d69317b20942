package org.ndio.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.holdenkarau.spark.testing.JavaRDDComparisons;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;
import scala.reflect.ClassTag$;

@ExtendWith(SparkExtension.class)
class NdioApiTest {

  @TempDir
  Path dir;

  @Test
  void typedCuboidsRoundTripAndCanBeProcessed(SparkSession spark) {
    Volume v = TestVolumes.random(DataType.UINT8, 50, 40, 12, 1);
    String in = "zarr:" + dir.resolve("in");
    TestVolumes.write(in, v, new Size3(16, 16, 4), "none");
    JavaRDD<Cuboid> cuboids = Ndio.cuboids(spark, in, Map.of("cuboid", "32,32,4"));
    // Invert every voxel: a real per-cuboid computation, checked voxel by voxel below.
    JavaRDD<Cuboid> inverted = cuboids.map(c -> {
      Volume out = c.volume().copy();
      byte[] b = out.array();
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) (255 - (b[i] & 0xff));
      }
      return new Cuboid(c.box(), out);
    });
    String out = "zarr:" + dir.resolve("out");
    Ndio.write(inverted, out, SaveMode.ErrorIfExists, Map.of());
    Volume expected = v.copy();
    for (int i = 0; i < expected.array().length; i++) {
      expected.array()[i] = (byte) (255 - (expected.array()[i] & 0xff));
    }
    try (VolumeReader r = Volumes.open(out)) {
      assertEquals(expected, r.readAll());
    }
    // The typed Dataset holds the same cuboids as the RDD.
    JavaRDDComparisons.assertRDDEquals(cuboids.map(c -> c.box().toString()),
        Ndio.dataset(spark, in, Map.of("cuboid", "32,32,4")).javaRDD()
            .map(c -> c.box().toString()));
    assertEquals(cuboids.map(c -> c.volume().checksum()).collect(),
        Ndio.dataset(spark, in, Map.of("cuboid", "32,32,4")).javaRDD()
            .map(c -> c.volume().checksum()).collect());
  }

  @Test
  void kryoCarriesCuboidsWithTheRegistrator() {
    SparkConf conf = new SparkConf().set("spark.kryo.registrator",
        NdioKryoRegistrator.class.getName()).set("spark.kryo.registrationRequired", "true");
    SerializerInstance kryo = new KryoSerializer(conf).newInstance();
    Volume v = TestVolumes.random(DataType.FLOAT64, 9, 7, 5, 2).view(1, 2, 1, 6, 4, 3);
    Cuboid c = new Cuboid(BoundingBox.at(10, 20, 30, 6, 4, 3).atResolution(0), v);
    var tag = ClassTag$.MODULE$.<Cuboid>apply(Cuboid.class);
    ByteBuffer bytes = kryo.serialize(c, tag);
    Cuboid back = kryo.deserialize(bytes, tag);
    assertEquals(c, back);
    assertEquals(List.of(c.box()), List.of(back.box()));
    // A view travels as its own voxels only, not its parent's.
    assertEquals(true, bytes.remaining() < 6 * 4 * 3 * 8 + 100);
  }
}
