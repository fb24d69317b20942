package org.ndio.jobs.preview;

import java.awt.Color;

/**
 * A colour per label id: the same on every run and machine, and far apart for neighbouring
 * ids, which are often neighbouring objects. The id is mixed by a 64-bit hash (SplitMix64's
 * finaliser) and the hash picks hue, saturation and brightness, kept saturated and bright so
 * every colour stands out on grey EM. Id 0 is background and has no colour.
 */
public final class LabelColours {

  private LabelColours() {}

  /** The colour of {@code id} as 0xRRGGBB ({@code id} != 0). */
  public static int rgb(long id) {
    long h = mix(id);
    float hue = (h & 0xFFFFF) / (float) (1 << 20);
    float saturation = 0.55f + 0.45f * ((h >>> 20) & 0xFF) / 255f;
    float brightness = 0.8f + 0.2f * ((h >>> 28) & 0xFF) / 255f;
    return Color.HSBtoRGB(hue, saturation, brightness) & 0xFFFFFF;
  }

  /** SplitMix64's output function: every bit of the id moves about half the output bits. */
  static long mix(long id) {
    long z = id + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
