package org.ndio.remote.profile;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The remote services a profile can describe, with the URL schemes each answers to. */
public enum RemoteKind {
  BOSS("boss", "NDIO_BOSS_TOKEN", Map.of("boss", true, "boss+http", false)),
  DVID("dvid", "NDIO_DVID_TOKEN", Map.of("dvid", false, "dvid+http", false, "dvid+https", true)),
  NEURODATA("neurodata", "NDIO_NEURODATA_TOKEN",
      Map.of("neurodata", true, "neurodata+http", false));

  private final String word;
  private final String tokenVariable;
  private final Map<String, Boolean> schemes;

  RemoteKind(String word, String tokenVariable, Map<String, Boolean> schemes) {
    this.word = word;
    this.tokenVariable = tokenVariable;
    this.schemes = schemes;
  }

  /** The name a profile file uses: {@code boss}, {@code dvid}, {@code neurodata}. */
  public String word() {
    return word;
  }

  /** Where the token comes from when no profile says otherwise. */
  public String tokenVariable() {
    return tokenVariable;
  }

  /** Whether {@code scheme} (one of this kind's) speaks https. */
  public boolean https(String scheme) {
    return schemes.getOrDefault(scheme, false);
  }

  /** The kind whose URLs use {@code scheme}, e.g. {@code boss+http}. */
  public static Optional<RemoteKind> ofScheme(String scheme) {
    String s = scheme.toLowerCase(Locale.ROOT);
    for (RemoteKind k : values()) {
      if (k.schemes.containsKey(s)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /** The kind a profile file names, e.g. {@code boss}. */
  public static Optional<RemoteKind> ofWord(String word) {
    for (RemoteKind k : values()) {
      if (k.word.equalsIgnoreCase(word)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
