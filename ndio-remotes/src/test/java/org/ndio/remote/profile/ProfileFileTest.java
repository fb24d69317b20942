package org.ndio.remote.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.InvalidUrlException;
import org.ndio.ProfileException;
import org.ndio.remote.boss.BossOptions;
import org.ndio.remote.dvid.DvidOptions;
import org.ndio.remote.http.RetryPolicy;
import org.ndio.remote.neurodata.NeuroDataOptions;
import org.ndio.store.VolumeUrl;
import org.ndio.testing.CapturedLog;

class ProfileFileTest {

  private static final String TOKEN = "pr0file-t0ken-5ecret-77";

  @TempDir
  Path dir;

  private Path write(String name, String text, String mode) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    return p;
  }

  private static String url(String base, Path profiles, String more) {
    return base + "?profiles=" + profiles + more;
  }

  @Test
  void theShippedExampleHasAProfilePerRemoteWithTheDefaultsItShows() {
    Path conf = Path.of(System.getProperty("ndio.project.root", "."), "conf", "ndio.yaml");
    ProfileFile f = ProfileFile.read(conf);
    assertEquals(EnumSet.allOf(RemoteKind.class),
        f.profiles().stream().map(RemoteProfile::kind).collect(Collectors.toSet()));
    RemoteProfile boss = f.named("bossdb").orElseThrow();
    assertEquals("api.bossdb.io", boss.host());
    assertEquals(32L << 20, boss.maxRequestBytes().getAsLong());
    // The example documents the defaults: applying it changes nothing.
    assertEquals(RetryPolicy.DEFAULT, boss.retry().orElseThrow());
    RemoteTarget t = new RemoteTarget(VolumeUrl.parse("boss://api.bossdb.io/a/b/c"),
        java.util.Optional.of(boss), java.util.Optional.empty(), true);
    assertEquals(BossOptions.DEFAULT, t.apply(BossOptions.DEFAULT));
    assertTrue(f.profiles().stream().allMatch(p -> p.token().inline().isEmpty()));
  }

  @Test
  void aUrlTakesTheFirstProfileForItsRemoteHostPortAndScheme() throws Exception {
    Path p = write("p.yaml", """
        profiles:
          other-host:
            remote: boss
            host: boss.example.org
            concurrency: 2
          dvid-same-host:
            remote: dvid
            host: data.example.org
            concurrency: 3
          plain:
            remote: boss
            host: Data.Example.org
            scheme: http
            concurrency: 4
          port-9:
            remote: boss
            host: data.example.org
            port: 9
            concurrency: 5
          tls:
            remote: boss
            host: data.example.org
            concurrency: 6
            max_request_bytes: 1KiB
            retry: {max_tries: 2, backoff_base: 5ms, backoff_cap: 1s}
            timeout: 30s
        """, "rw-------");
    assertEquals("tls", target("boss://data.example.org/a/b/c", p).profile().orElseThrow()
        .name());
    assertEquals("plain", target("boss+http://data.example.org/a/b/c", p).profile()
        .orElseThrow().name());
    assertEquals("port-9", target("boss://data.example.org:9/a/b/c", p).profile()
        .orElseThrow().name());
    assertEquals("dvid-same-host", RemoteTarget.resolve(VolumeUrl.parse(
        url("dvid://data.example.org:8000/ab12/grey", p, "")), RemoteKind.DVID).profile()
        .orElseThrow().name());
    assertTrue(target("boss://nowhere.example.org/a/b/c", p).profile().isEmpty());

    BossOptions o = target("boss://data.example.org/a/b/c", p).apply(BossOptions.DEFAULT);
    assertEquals(6, o.concurrency());
    assertEquals(1024, o.maxRequestBytes());
    assertEquals(new RetryPolicy(2, Duration.ofMillis(5), Duration.ofSeconds(1)),
        o.retryPolicy());
    assertEquals(Duration.ofSeconds(30), o.timeout());
    DvidOptions d = RemoteTarget.resolve(VolumeUrl.parse(url(
        "dvid://data.example.org:8000/ab12/grey", p, "")), RemoteKind.DVID)
        .apply(DvidOptions.DEFAULT);
    assertEquals(3, d.concurrency());
    assertEquals(DvidOptions.DEFAULT.maxRequestBytes(), d.maxRequestBytes());
    NeuroDataOptions n = RemoteTarget.resolve(VolumeUrl.parse(
        "neurodata://neurodata.io/kasthuri11/image"), RemoteKind.NEURODATA)
        .apply(NeuroDataOptions.DEFAULT);
    assertEquals(NeuroDataOptions.DEFAULT, n); // no file named, none beside the tests
  }

  private static RemoteTarget target(String u, Path profiles) {
    return RemoteTarget.resolve(VolumeUrl.parse(url(u, profiles, "")), RemoteKind.BOSS);
  }

  @Test
  void aNamedProfileMustBeForTheUrlsHostSoItsTokenGoesNowhereElse() throws Exception {
    Path p = write("p.yaml", """
        profiles:
          lab:
            remote: boss
            host: boss.lab.org
            token_env: LAB_TOKEN
        """, "rw-------");
    assertEquals("lab", RemoteTarget.resolve(VolumeUrl.parse(url(
        "boss://boss.lab.org/a/b/c", p, "&profile=lab")), RemoteKind.BOSS).profile()
        .orElseThrow().name());
    ProfileException other = assertThrows(ProfileException.class, () -> RemoteTarget.resolve(
        VolumeUrl.parse(url("boss://evil.org/a/b/c", p, "&profile=lab")), RemoteKind.BOSS));
    assertTrue(other.getMessage().contains("'lab' is for boss at boss.lab.org"),
        other.getMessage());
    ProfileException missing = assertThrows(ProfileException.class, () -> RemoteTarget
        .resolve(VolumeUrl.parse(url("boss://boss.lab.org/a/b/c", p, "&profile=nope")),
            RemoteKind.BOSS));
    assertTrue(missing.getMessage().contains("no profile 'nope'"), missing.getMessage());
    assertThrows(ProfileException.class, () -> RemoteTarget.resolve(VolumeUrl.parse(
        "boss://boss.lab.org/a/b/c?profiles=" + dir.resolve("absent.yaml")), RemoteKind.BOSS));
    InvalidUrlException unknown = assertThrows(InvalidUrlException.class, () -> RemoteTarget
        .resolve(VolumeUrl.parse("boss://boss.lab.org/a/b/c?token=" + TOKEN), RemoteKind.BOSS));
    assertFalse(unknown.getMessage().contains(TOKEN), unknown.getMessage());
  }

  @Test
  void tokensComeFromAFileOrInlineWithAWarningAndNeverShow() throws Exception {
    Path tokenFile = write("boss.token", TOKEN + "\n", "rw-------");
    Path p = write("p.yaml", """
        profiles:
          from-file:
            remote: boss
            host: a.org
            token_file: boss.token
          inline:
            remote: boss
            host: b.org
            token: %s
        """.formatted(TOKEN), "rw-------");
    try (CapturedLog log = CapturedLog.open()) {
      RemoteTarget a = target("boss://a.org/x/y/z", p);
      RemoteTarget b = target("boss://b.org/x/y/z", p);
      assertEquals(TOKEN, a.token().orElseThrow().reveal());
      assertEquals(TOKEN, b.token().orElseThrow().reveal());
      assertTrue(log.has("profile 'inline'", "holds its token inline"), log.lines().toString());
      for (Object shown : new Object[] {a, b, a.profile().orElseThrow(), b.profile()
          .orElseThrow(), ProfileFile.read(p), log.lines()}) {
        assertFalse(shown.toString().contains(TOKEN), shown.toString());
      }
      assertTrue(tokenFile.isAbsolute() || Files.exists(tokenFile));
    }
  }

  @Test
  void filesHoldingTokensThatOthersMayReadAreWarnedAboutOnce() throws Exception {
    String inline = """
        profiles:
          x:
            remote: dvid
            host: h.org
            token: %s
        """.formatted(TOKEN);
    Path shared = write("shared.yaml", inline, "rw-r--r--");
    Path own = write("own.yaml", inline, "rw-------");
    Path sharedToken = write("shared.token", TOKEN, "rw-r-----");
    Path fileRef = write("ref.yaml", """
        profiles:
          y:
            remote: dvid
            host: h.org
            token_file: shared.token
        """, "rw-r--r--");
    try (CapturedLog log = CapturedLog.open()) {
      ProfileFile.read(own);
      assertFalse(log.has(own.toString(), "readable by group or others"));
      ProfileFile.read(shared);
      ProfileFile.read(shared);
      assertEquals(1, log.lines().stream().filter(l -> l.contains(shared.toString())
          && l.contains("readable by group or others")).count(), log.lines().toString());
      RemoteTarget.resolve(VolumeUrl.parse("dvid://h.org:8000/ab/grey?profiles=" + fileRef),
          RemoteKind.DVID);
      assertTrue(log.has("token file " + sharedToken, "readable by group or others"),
          log.lines().toString());
      // A file that only names where tokens are is no secret: no warning for ref.yaml itself.
      assertFalse(log.has("profile file " + fileRef));
      assertFalse(log.lines().toString().contains(TOKEN));
    }
  }

  @Test
  void mistakesAreNamedByFileProfileAndFieldWithoutQuotingTokens() throws Exception {
    record Case(String yaml, String expected) {}
    for (Case c : new Case[] {
        new Case("profiles:\n  a:\n    remote: boss\n    host: h\n    tls_verfy: false\n",
            "unknown field 'tls_verfy'"),
        new Case("profiles:\n  a:\n    remote: s3\n    host: h\n", "remote 's3'"),
        new Case("profiles:\n  a:\n    remote: boss\n", "needs a 'host'"),
        new Case("profiles:\n  a:\n    remote: boss\n    host: h\n    concurrency: 0\n",
            "concurrency must be a whole number"),
        new Case("profiles:\n  a:\n    remote: boss\n    host: h\n    retry: {tries: 3}\n",
            "unknown field 'tries'"),
        new Case("profiles:\n  a:\n    remote: boss\n    host: h\n    timeout: soon\n",
            "timeout must be a duration"),
        new Case("profiles:\n  a:\n    remote: boss\n    host: h\n    token_env: X\n"
            + "    token: " + TOKEN + "\n", "give one of token_env"),
        new Case("profiles:\n  a:\n    remote: boss\n    host: h\n    token: " + TOKEN
            + "\n     bad: [\n", "not valid YAML at line"),
        new Case("profiles:\n  a:\n    remote: boss\n    host: h\n    token: [" + TOKEN
            + "]\n", "token must be a non-empty string"),
    }) {
      Path p = write("bad.yaml", c.yaml(), "rw-------");
      ProfileException e = assertThrows(ProfileException.class, () -> ProfileFile.read(p));
      assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
      assertTrue(e.getMessage().contains(c.expected()), e.getMessage());
      assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
      assertEquals(null, e.getCause());
    }
  }

  @Test
  void theFileIsFoundWhereTheDocumentationSays() throws Exception {
    Path named = write("named.yaml", "profiles: {}\n", "rw-------");
    assertEquals(named, ProfileLocation.find(java.util.Optional.of(named.toString()))
        .orElseThrow());
    assertThrows(ProfileException.class,
        () -> ProfileLocation.find(java.util.Optional.of(dir.resolve("no.yaml").toString())));
    // ndio.home: conf/ndio.yaml beside the launcher, used when present.
    Files.createDirectories(dir.resolve("home/conf"));
    Path beside = write("home/conf/ndio.yaml", "profiles: {}\n", "rw-------");
    String before = System.getProperty("ndio.home");
    System.setProperty("ndio.home", dir.resolve("home").toString());
    try {
      assertEquals(Set.of(beside), Set.copyOf(ProfileLocation.find(java.util.Optional.empty())
          .stream().toList()));
      assertEquals(named, ProfileLocation.find(java.util.Optional.of(named.toString()))
          .orElseThrow());
    } finally {
      if (before == null) {
        System.clearProperty("ndio.home");
      } else {
        System.setProperty("ndio.home", before);
      }
    }
  }
}
