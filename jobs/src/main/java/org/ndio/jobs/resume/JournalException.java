package org.ndio.jobs.resume;

import org.ndio.NdioException;

/** A job's journal is in the way (an interrupted run) or does not fit the job asked for. */
public class JournalException extends NdioException {
  public JournalException(String message) {
    super(message);
  }
}
