package org.ndio.jobs.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ndio.spark.SparkExtension;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/**
 * Runs every paragraph of every Zeppelin note under {@code notebooks/} in order, as Zeppelin's
 * Spark interpreter would, with {@code spark} and {@code sc} bound to the tests' local session.
 * A paragraph fails the test where Zeppelin would show ERROR (a compile error or an exception);
 * {@code %md} paragraphs must say something, and {@code %html} output must hold pictures that
 * decode (and only them: an echo of a definition after the pictures would show as stray text).
 */
@ExtendWith(SparkExtension.class)
class NotebookTest {

  private static final Pattern PNG = Pattern.compile("data:image/png;base64,([A-Za-z0-9+/=]+)");

  static Stream<Path> notes() throws IOException {
    Path dir = Path.of(System.getProperty("ndio.project.root", ".."), "notebooks");
    if (!Files.isDirectory(dir)) {
      dir = Path.of("..", "notebooks");
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> zpln = files.filter(f -> f.toString().endsWith(".zpln")).sorted().toList();
      assertFalse(zpln.isEmpty(), "no .zpln notes in " + dir.toAbsolutePath());
      return zpln.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notes")
  void everyParagraphRuns(Path file) throws IOException {
    ZeppelinNote note = ZeppelinNote.read(file);
    assertFalse(note.paragraphs().isEmpty(), file + " has no paragraphs");
    // What each paragraph printed, pictures elided, for a reader to compare with the text.
    StringBuilder transcript = new StringBuilder();
    try (ScalaRepl repl = new ScalaRepl()) {
      bind(repl);
      for (ZeppelinNote.Paragraph p : note.paragraphs()) {
        String where = "note '" + note.name() + "', paragraph " + p.label();
        switch (p.interpreter()) {
          case "%md" -> assertFalse(p.body().isBlank(), where + ": empty markdown");
          case "%spark", "%spark.spark" -> {
            ScalaRepl.Outcome o = repl.run(p.body());
            String text = PNG.matcher(o.output()).replaceAll("data:image/png;base64,...");
            transcript.append("== ").append(p.label()).append('\n').append(text).append('\n');
            write(file, transcript);
            if (!o.ok()) {
              fail(where + " failed:\n" + o.output());
            }
            int pictures = checkPictures(where, o.output());
            if (p.body().contains("%html") || p.body().contains("Pictures.html")) {
              assertTrue(pictures > 0, where + ": shows no picture:\n" + o.output());
            }
          }
          default -> fail(where + ": interpreter " + p.interpreter() + " is not run by this test");
        }
      }
    }
  }

  /** The runner itself notices the two ways a paragraph fails. */
  @Test
  void compileErrorsAndExceptionsFailAParagraph() {
    try (ScalaRepl repl = new ScalaRepl()) {
      assertTrue(repl.run("val answer = 6 * 7").ok());
      ScalaRepl.Outcome echo = repl.run("println(s\"answer $answer\")");
      assertTrue(echo.ok());
      assertTrue(echo.output().contains("answer 42"), echo.output());
      assertFalse(repl.run("val s: Int = \"not a number\"").ok());
      ScalaRepl.Outcome thrown = repl.run("throw new IllegalStateException(\"boom\")");
      assertFalse(thrown.ok());
      assertTrue(thrown.output().contains("boom"), thrown.output());
      byte[] png = Pictures.section(Volume.allocate(DataType.UINT8, 1, 1, 1), 0);
      assertEquals(2, checkPictures("self-check", "text\n" + Pictures.html(1, 1, png, png)));
    }
  }

  private static void write(Path note, CharSequence transcript) throws IOException {
    Path dir = Path.of("target", "notebook-output");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(note.getFileName().toString().replace(".zpln", ".txt")),
        transcript);
  }

  /** Zeppelin's own {@code spark} and {@code sc}, here the tests' shared session. */
  private static void bind(ScalaRepl repl) {
    SparkExtension.spark();
    ScalaRepl.Outcome o = repl.run("val spark = org.ndio.spark.SparkExtension.spark()\n"
        + "val sc = spark.sparkContext");
    assertTrue(o.ok(), "binding spark failed:\n" + o.output());
  }

  /** Checks every inline PNG of an {@code %html} output decodes; returns how many there are. */
  private static int checkPictures(String where, String output) {
    int at = output.indexOf("%html");
    if (at < 0) {
      return 0;
    }
    String html = output.substring(at).strip();
    assertTrue(html.endsWith(">"), where + ": text after the %html result: "
        + html.substring(html.lastIndexOf('>') + 1));
    Matcher m = PNG.matcher(html);
    int n = 0;
    while (m.find()) {
      try {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(
            Base64.getDecoder().decode(m.group(1))));
        assertNotNull(img, where + ": picture " + n + " is no PNG");
        assertTrue(img.getWidth() > 0 && img.getHeight() > 0, where + ": empty picture");
      } catch (IOException | IllegalArgumentException e) {
        fail(where + ": picture " + n + " does not decode: " + e);
      }
      n++;
    }
    assertTrue(n > 0, where + ": %html output without a picture");
    return n;
  }
}
