package org.ndio.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.ndio.codec.Blosc;
import org.ndio.codec.Codec;
import org.ndio.codec.Codecs;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Our blosc encode and decode on whole payloads, single-threaded, to hold against c-blosc
 * (python-blosc with one thread) on the same bytes and settings; {@code ./blosc} runs both and
 * prints the table. Payloads are raw files in {@code -Dndio.bench.data} (the script writes
 * them): {@code sstem.raw}, the 20-section ssTEM stack as uint8, and {@code labels.raw}, a
 * uint64 segmentation of it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BloscBenchmark {

  /** The payload: {@code sstem} (uint8, typesize 1) or {@code labels} (uint64, typesize 8). */
  @Param({"sstem", "labels"})
  public String payload;

  /** A blosc spec for {@link Codecs#parse}. */
  @Param({"blosc:lz4:5:byte", "blosc:zstd:5:byte", "blosc:blosclz:5:byte", "blosc:lz4:5:bit"})
  public String codec;

  private Codec blosc;
  private byte[] raw;
  private byte[] frame;
  private byte[] out;
  private int typeSize;

  @Setup
  public void load() {
    Path dir = Path.of(System.getProperty("ndio.bench.data", "benchmarks/results/data"));
    try {
      raw = Files.readAllBytes(dir.resolve(payload + ".raw"));
    } catch (IOException e) {
      throw new UncheckedIOException("benchmark payloads not found (run benchmarks/blosc)", e);
    }
    typeSize = payload.equals("labels") ? 8 : 1;
    blosc = Codecs.parse(codec);
    frame = blosc.encode(raw, typeSize);
    out = new byte[raw.length];
    System.out.printf("%n%s %s: %d -> %d bytes (ratio %.2f)%n", payload, codec, raw.length,
        frame.length, (double) raw.length / frame.length);
    if (!Arrays.equals(raw, blosc.decode(frame, raw.length))) {
      throw new IllegalStateException("round trip failed");
    }
    if (!(blosc instanceof Blosc)) {
      throw new IllegalArgumentException("not a blosc spec: " + codec);
    }
  }

  @Benchmark
  public byte[] encode() {
    return blosc.encode(raw, typeSize);
  }

  /** {@link Codec#decode}: allocates the output, as every chunk read does. */
  @Benchmark
  public byte[] decode() {
    return blosc.decode(frame, raw.length);
  }

  /** {@link Blosc#decodeInto} a reused buffer: the codec alone, like c-blosc's API. */
  @Benchmark
  public byte[] decodeInto() {
    Blosc.decodeInto(frame, out, 0);
    return out;
  }
}
