package org.ndio.jobs.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A Zeppelin note ({@code .zpln}, Zeppelin 0.10+ JSON) as its name and paragraphs in order. */
record ZeppelinNote(String name, List<Paragraph> paragraphs) {

  /**
   * One paragraph: its id, title and text. The text's first token names the interpreter
   * ({@code %md}, {@code %spark}); a paragraph without one runs in the note's default group.
   */
  record Paragraph(String id, String title, String text) {

    String interpreter() {
      String t = text.stripLeading();
      return t.startsWith("%") ? t.split("\\s", 2)[0] : "%spark";
    }

    String body() {
      String t = text.stripLeading();
      return t.startsWith("%") ? (t.split("\\s", 2).length > 1 ? t.split("\\s", 2)[1] : "") : t;
    }

    String label() {
      return id + (title.isEmpty() ? "" : " (" + title + ")");
    }
  }

  static ZeppelinNote read(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    List<Paragraph> ps = new ArrayList<>();
    for (JsonNode p : root.path("paragraphs")) {
      ps.add(new Paragraph(p.path("id").asText(), p.path("title").asText(""),
          p.path("text").asText("")));
    }
    return new ZeppelinNote(root.path("name").asText(file.getFileName().toString()), ps);
  }
}
