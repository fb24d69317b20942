package org.ndio.remote.dvid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ndio.InvalidUrlException;

class DvidUrlTest {

  @Test
  void dvidMeansPlainHttpOnPort8000() {
    DvidUrl u = DvidUrl.parse("dvid://emdata3/a1b2/grayscale");
    assertEquals("emdata3", u.host());
    assertEquals(8000, u.port());
    assertEquals("a1b2", u.uuid());
    assertEquals("grayscale", u.instance());
    assertEquals(URI.create("http://emdata3:8000"), u.base());
    assertFalse(u.hasFullUuid());
    assertEquals("dvid://emdata3:8000/a1b2/grayscale", u.toString());
  }

  @Test
  void portsSchemesAndBranchesAreKept() {
    DvidUrl h = DvidUrl.parse("dvid+http://127.0.0.1:9000/0123456789abcdef0123456789abcdef/seg/");
    assertEquals(9000, h.port());
    assertTrue(h.hasFullUuid());
    assertEquals(URI.create("http://127.0.0.1:9000"), h.base());
    DvidUrl s = DvidUrl.parse("dvid+https://dvid.example.org/abc:master/seg");
    assertEquals(URI.create("https://dvid.example.org:443"), s.base());
    assertEquals("abc:master", s.uuid());
    assertEquals("seg_meta", s.withInstance("seg_meta").instance());
    assertEquals(DvidUrl.parse("dvid:host:1/ab/x"), DvidUrl.parse("dvid://host:1/ab/x"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dvid://host/abc", "dvid://host/abc/x/y", "dvid:///abc/x",
      "dvid://host:port/abc/x", "dvid://host:70000/abc/x", "dvid://host/xyz!/x",
      "zarr://host/abc/x", "dvid://host//x"})
  void malformedUrlsAreRefusedWithTheExpectedForm(String url) {
    InvalidUrlException e = assertThrows(InvalidUrlException.class, () -> DvidUrl.parse(url));
    assertTrue(e.getMessage().contains(url), e.getMessage());
  }
}
