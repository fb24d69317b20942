package org.ndio.jobs.notebook;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import scala.Console$;
import scala.Function0;
import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.IMain;
import scala.tools.nsc.interpreter.Results;
import scala.tools.nsc.interpreter.shell.ReplReporterImpl;

/**
 * A Scala 2.13 interpreter on the test class path, as Zeppelin's {@code %spark} interpreter
 * runs paragraphs: definitions carry over from one paragraph to the next, and what a paragraph
 * prints (its values' echo, {@code println}, {@code show()}) is its output.
 */
final class ScalaRepl implements AutoCloseable {

  /** How a paragraph ended and what it printed. */
  record Outcome(boolean ok, String output) {}

  private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(sink, true, StandardCharsets.UTF_8);
  private final IMain intp;

  ScalaRepl() {
    Settings settings = new Settings();
    // Class-based wrappers, as Spark's shell and Zeppelin use, keep closures serialisable.
    settings.processArgumentString("-Yrepl-class-based -deprecation");
    settings.classpath().value_$eq(classPath());
    intp = new IMain(settings, new ReplReporterImpl(settings, new PrintWriter(out, true)));
    if (!intp.initializeCompiler()) {
      throw new IllegalStateException("the Scala compiler did not start: " + sink);
    }
  }

  /** Surefire runs tests from a manifest-only jar; the real class path is in this property. */
  private static String classPath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null ? cp : System.getProperty("java.class.path");
  }

  /** Runs {@code code} as one paragraph. */
  Outcome run(String code) {
    sink.reset();
    Function0<Results.Result> body = () -> intp.interpret(code);
    Results.Result r = Console$.MODULE$.withOut(out, body);
    out.flush();
    return new Outcome(r == Results.Success$.MODULE$,
        sink.toString(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    intp.close();
  }
}
