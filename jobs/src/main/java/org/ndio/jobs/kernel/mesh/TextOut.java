package org.ndio.jobs.kernel.mesh;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** ASCII text into a stream through one reused buffer (mesh files run to millions of lines). */
final class TextOut {

  private final OutputStream out;
  private final StringBuilder sb = new StringBuilder(1 << 16);

  TextOut(OutputStream out) {
    this.out = out;
  }

  TextOut append(String s) throws IOException {
    sb.append(s);
    return spill();
  }

  TextOut append(char c) throws IOException {
    sb.append(c);
    return spill();
  }

  TextOut append(int i) throws IOException {
    sb.append(i);
    return spill();
  }

  TextOut append(float f) throws IOException {
    sb.append(f);
    return spill();
  }

  private TextOut spill() throws IOException {
    if (sb.length() >= 1 << 16) {
      flush();
    }
    return this;
  }

  void flush() throws IOException {
    out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
    sb.setLength(0);
  }
}
