package org.ndio.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ndio.NdioException;
import org.ndio.UnsupportedFeatureException;

/** Specs and numcodecs configurations in, codecs out, and back. */
class CodecsTest {

  private static Map<String, Object> json(String text) throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = new ObjectMapper().readValue(text, LinkedHashMap.class);
    return m;
  }

  @Test
  void parsesEveryForm() {
    assertEquals(new NoneCodec(), Codecs.parse("none"));
    assertEquals(new GzipCodec(1), Codecs.parse("gzip"));
    assertEquals(new GzipCodec(9), Codecs.parse("gzip:9"));
    assertEquals(new ZlibCodec(1), Codecs.parse("zlib"));
    assertEquals(new ZlibCodec(0), Codecs.parse("ZLIB:0"));
    assertEquals(new ZstdCodec(1, false), Codecs.parse("zstd"));
    assertEquals(new ZstdCodec(-5, false), Codecs.parse("zstd:-5"));
    assertEquals(new ZstdCodec(19, true), Codecs.parse("zstd:19:checksum"));
    assertEquals(new Lz4Codec(1), Codecs.parse("lz4"));
    assertEquals(new Lz4Codec(8), Codecs.parse("lz4:8"));
    assertEquals(Blosc.DEFAULT, Codecs.parse("blosc"));
    assertEquals(new Blosc(BloscCompressor.LZ4, 5, BloscShuffle.BYTE, 0),
        Codecs.parse(" blosc "));
    assertEquals(new Blosc(BloscCompressor.ZSTD, 5, BloscShuffle.BYTE, 0),
        Codecs.parse("blosc:zstd"));
    assertEquals(new Blosc(BloscCompressor.BLOSCLZ, 9, BloscShuffle.BYTE, 0),
        Codecs.parse("blosc:blosclz:9"));
    assertEquals(new Blosc(BloscCompressor.LZ4HC, 3, BloscShuffle.BIT, 0),
        Codecs.parse("blosc:lz4hc:3:bit"));
    assertEquals(new Blosc(BloscCompressor.ZLIB, 1, BloscShuffle.NONE, 65536),
        Codecs.parse("blosc:zlib:1:0:65536"));
    assertEquals(new Blosc(BloscCompressor.LZ4, 5, BloscShuffle.BIT, 0),
        Codecs.parse("blosc:lz4:5:2"));
    assertEquals(new Blosc(BloscCompressor.LZ4, 5, BloscShuffle.AUTO, 0),
        Codecs.parse("blosc:lz4:5:auto"));
    assertEquals(new Blosc(BloscCompressor.LZ4, 5, BloscShuffle.AUTO, 0),
        Codecs.parse("blosc:lz4:5:-1"));
  }

  @Test
  void toStringParsesBack() {
    List<Codec> codecs = List.of(new NoneCodec(), new GzipCodec(6), new ZlibCodec(0),
        new ZstdCodec(22, true), new ZstdCodec(-3, false), new Lz4Codec(3), Blosc.DEFAULT,
        new Blosc(BloscCompressor.ZSTD, 9, BloscShuffle.BIT, 1 << 20),
        new Blosc(BloscCompressor.BLOSCLZ, 0, BloscShuffle.NONE, 0),
        new Blosc(BloscCompressor.LZ4HC, 4, BloscShuffle.AUTO, 0));
    for (Codec c : codecs) {
      assertEquals(c, Codecs.parse(c.toString()), c.toString());
      assertEquals(c, Codecs.fromConfig(c.config()), c.toString());
    }
    assertEquals("blosc:lz4:5:byte", Blosc.DEFAULT.toString());
    assertEquals("blosc:zstd:9:bit:1048576",
        new Blosc(BloscCompressor.ZSTD, 9, BloscShuffle.BIT, 1 << 20).toString());
  }

  @Test
  void readsNumcodecsConfigurations() throws Exception {
    assertEquals(new NoneCodec(), Codecs.fromConfig(null));
    assertEquals(new NoneCodec(), Codecs.fromConfig(Map.of()));
    assertEquals(Blosc.DEFAULT, Codecs.fromConfig(json("{\"id\": \"blosc\", \"cname\": \"lz4\","
        + " \"clevel\": 5, \"shuffle\": 1, \"blocksize\": 0}")));
    assertEquals(new Blosc(BloscCompressor.ZSTD, 3, BloscShuffle.AUTO, 0),
        Codecs.fromConfig(json("{\"id\": \"blosc\", \"cname\": \"zstd\", \"clevel\": 3,"
            + " \"shuffle\": -1}")));
    assertEquals(Blosc.DEFAULT, Codecs.fromConfig(json("{\"id\": \"blosc\"}")));
    assertEquals(new ZstdCodec(3, false),
        Codecs.fromConfig(json("{\"id\": \"zstd\", \"level\": 3, \"checksum\": false}")));
    assertEquals(new ZstdCodec(3, true),
        Codecs.fromConfig(json("{\"id\": \"zstd\", \"level\": 3.0, \"checksum\": true}")));
    assertEquals(new Lz4Codec(1), Codecs.fromConfig(json("{\"id\": \"lz4\"}")));
    assertEquals(new GzipCodec(5), Codecs.fromConfig(json("{\"id\": \"gzip\", \"level\": 5}")));
    assertEquals(new ZlibCodec(1), Codecs.fromConfig(json("{\"id\": \"zlib\"}")));
    assertEquals(Map.of("id", "blosc", "cname", "lz4", "clevel", 5, "shuffle", 1,
        "blocksize", 0), Blosc.DEFAULT.config());
    assertEquals(Map.of(), new NoneCodec().config());
    assertEquals(Map.of("id", "lz4", "acceleration", 1), new Lz4Codec(1).config());
  }

  @Test
  void badSpecsNameTheBadValue() throws Exception {
    assertNames(UnsupportedFeatureException.class, "bzip2", () -> Codecs.parse("bzip2:5"));
    assertNames(UnsupportedFeatureException.class, "snappy", () -> Codecs.parse("blosc:snappy"));
    assertNames(UnsupportedFeatureException.class, "lzma", () -> Codecs.parse("blosc:lzma"));
    assertNames(InvalidCodecException.class, "10", () -> Codecs.parse("blosc:lz4:10"));
    assertNames(InvalidCodecException.class, "sideways",
        () -> Codecs.parse("blosc:lz4:5:sideways"));
    assertNames(InvalidCodecException.class, "x", () -> Codecs.parse("gzip:x"));
    assertNames(InvalidCodecException.class, "12", () -> Codecs.parse("zlib:12"));
    assertNames(InvalidCodecException.class, "99", () -> Codecs.parse("zstd:99"));
    assertNames(InvalidCodecException.class, "0", () -> Codecs.parse("lz4:0"));
    assertNames(InvalidCodecException.class, "-5", () -> Codecs.parse("blosc:lz4:5:byte:-5"));
    assertNames(InvalidCodecException.class, "gzip:1:2", () -> Codecs.parse("gzip:1:2"));
    assertNames(InvalidCodecException.class, "fast", () -> Codecs.parse("zstd:3:fast"));
    assertNames(UnsupportedFeatureException.class, "'bz2'",
        () -> Codecs.fromConfig(json("{\"id\": \"bz2\", \"level\": 9}")));
    assertNames(InvalidCodecException.class, "clevel",
        () -> Codecs.fromConfig(json("{\"id\": \"blosc\", \"clevel\": \"high\"}")));
    assertNames(InvalidCodecException.class, "2.5",
        () -> Codecs.fromConfig(json("{\"id\": \"gzip\", \"level\": 2.5}")));
    assertNames(InvalidCodecException.class, "shuffle 3",
        () -> Codecs.fromConfig(json("{\"id\": \"blosc\", \"shuffle\": 3}")));
    assertNames(InvalidCodecException.class, "id",
        () -> Codecs.fromConfig(json("{\"level\": 3}")));
  }

  private static void assertNames(Class<? extends NdioException> type, String bad,
      org.junit.jupiter.api.function.Executable call) {
    NdioException e = assertThrows(type, call);
    assertTrue(e.getMessage().contains(bad), e.getMessage());
  }
}
