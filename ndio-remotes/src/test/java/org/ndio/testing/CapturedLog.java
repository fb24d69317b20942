package org.ndio.testing;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Everything log4j2 logs at WARN and above while it is open (the root logger's level is warn
 * in the tests), with stack traces, as lines of text.
 */
public final class CapturedLog extends AbstractAppender implements AutoCloseable {

  private final List<String> lines = new ArrayList<>();

  private CapturedLog(String name) {
    super(name, null, null, true, Property.EMPTY_ARRAY);
  }

  /** Starts capturing. */
  public static CapturedLog open() {
    CapturedLog log = new CapturedLog("captured-" + System.nanoTime());
    log.start0();
    return log;
  }

  private void start0() {
    start();
    LoggerContext ctx = (LoggerContext) org.apache.logging.log4j.LogManager.getContext(false);
    Configuration config = ctx.getConfiguration();
    config.getRootLogger().addAppender(this, Level.WARN, null);
    for (LoggerConfig c : config.getLoggers().values()) {
      c.addAppender(this, Level.WARN, null);
    }
    ctx.updateLoggers();
  }

  @Override
  public void append(LogEvent event) {
    StringBuilder b = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + ": "
        + event.getMessage().getFormattedMessage());
    for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
      b.append("\n  caused by ").append(t);
      for (StackTraceElement e : t.getStackTrace()) {
        b.append("\n    at ").append(e);
      }
    }
    synchronized (lines) {
      lines.add(b.toString());
    }
  }

  /** The lines logged so far. */
  public List<String> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  /** Whether a line contains every one of {@code parts}. */
  public boolean has(String... parts) {
    return lines().stream().anyMatch(l -> java.util.Arrays.stream(parts).allMatch(l::contains));
  }

  @Override
  public void close() {
    LoggerContext ctx = (LoggerContext) org.apache.logging.log4j.LogManager.getContext(false);
    Configuration config = ctx.getConfiguration();
    config.getRootLogger().removeAppender(getName());
    for (LoggerConfig c : config.getLoggers().values()) {
      c.removeAppender(getName());
    }
    ctx.updateLoggers();
    stop();
  }
}
