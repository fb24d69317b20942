package org.ndio.remote.boss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ndio.InvalidUrlException;

class BossUrlTest {

  @Test
  void readsHostPortAndNames() {
    BossUrl u = BossUrl.parse("boss://api.bossdb.io/kasthuri2015/em/cc");
    assertTrue(u.https());
    assertEquals("api.bossdb.io", u.host());
    assertEquals(-1, u.port());
    assertEquals("kasthuri2015/em/cc", u.channelPath());
    assertEquals("https://api.bossdb.io/v1/", u.api().toString());
    assertEquals("boss://api.bossdb.io/kasthuri2015/em/cc", u.toString());

    BossUrl h = BossUrl.parse("boss+http://127.0.0.1:8123/c_1/e-2/ch/");
    assertFalse(h.https());
    assertEquals(8123, h.port());
    assertEquals("http://127.0.0.1:8123/v1/", h.api().toString());
    assertEquals("c_1/e-2/ch", h.channelPath());
  }

  @Test
  void aHostAloneNamesTheService() {
    BossUrl u = BossUrl.parse("boss://api.bossdb.io");
    assertFalse(u.namesChannel());
    InvalidUrlException e = assertThrows(InvalidUrlException.class, u::requireChannel);
    assertTrue(e.getMessage().contains("names no channel"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"boss:/c/e/ch", "boss://h/c/e/ch/extra", "boss://h/c/e/ch#x",
      "boss://h/c/e/ch?token=abc", "boss://h/c/e%20x/ch", "zarr://h/c/e/ch"})
  void malformedUrlsAreRefusedWithTheReason(String url) {
    InvalidUrlException e = assertThrows(InvalidUrlException.class, () -> BossUrl.parse(url));
    assertTrue(e.getMessage().contains(url.substring(0, 8)), e.getMessage());
  }
}
