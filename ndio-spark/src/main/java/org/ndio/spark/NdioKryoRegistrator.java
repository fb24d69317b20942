package org.ndio.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.apache.spark.serializer.KryoRegistrator;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/**
 * Registers ndio's value types with Kryo ({@code spark.kryo.registrator}), with serializers
 * that write a volume as its shape and contiguous bytes: compact, and independent of Kryo's
 * handling of records and final fields. Any other record (ndio's results and options, and the
 * caller's own) goes through Java serialization, which handles records, where Kryo 4's field
 * serializer cannot set their final fields.
 */
public final class NdioKryoRegistrator implements KryoRegistrator {

  @Override
  public void registerClasses(Kryo kryo) {
    kryo.register(BoundingBox.class, new BoxSerializer());
    kryo.register(Volume.class, new VolumeSerializer());
    kryo.register(Cuboid.class, new CuboidSerializer());
    kryo.addDefaultSerializer(Record.class, new JavaSerializer());
  }

  static final class BoxSerializer extends Serializer<BoundingBox> {
    @Override
    public void write(Kryo kryo, Output out, BoundingBox b) {
      out.writeLong(b.x0());
      out.writeLong(b.x1());
      out.writeLong(b.y0());
      out.writeLong(b.y1());
      out.writeLong(b.z0());
      out.writeLong(b.z1());
      out.writeInt(b.resolution(), true);
    }

    @Override
    public BoundingBox read(Kryo kryo, Input in, Class<BoundingBox> type) {
      return new BoundingBox(in.readLong(), in.readLong(), in.readLong(), in.readLong(),
          in.readLong(), in.readLong(), in.readInt(true));
    }
  }

  static final class VolumeSerializer extends Serializer<Volume> {
    @Override
    public void write(Kryo kryo, Output out, Volume v) {
      out.writeInt(v.dtype().ordinal(), true);
      out.writeInt(v.sizeX(), true);
      out.writeInt(v.sizeY(), true);
      out.writeInt(v.sizeZ(), true);
      byte[] bytes = v.array();
      out.writeInt(bytes.length, true);
      out.writeBytes(bytes);
    }

    @Override
    public Volume read(Kryo kryo, Input in, Class<Volume> type) {
      DataType dtype = DataType.values()[in.readInt(true)];
      int sx = in.readInt(true);
      int sy = in.readInt(true);
      int sz = in.readInt(true);
      byte[] bytes = in.readBytes(in.readInt(true));
      return Volume.wrap(dtype, sx, sy, sz, bytes);
    }
  }

  static final class CuboidSerializer extends Serializer<Cuboid> {
    @Override
    public void write(Kryo kryo, Output out, Cuboid c) {
      kryo.writeObject(out, c.box());
      kryo.writeObject(out, c.volume());
    }

    @Override
    public Cuboid read(Kryo kryo, Input in, Class<Cuboid> type) {
      return new Cuboid(kryo.readObject(in, BoundingBox.class), kryo.readObject(in, Volume.class));
    }
  }
}
