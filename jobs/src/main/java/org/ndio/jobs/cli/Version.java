package org.ndio.jobs.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest (absent when running from classes). */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Ndio.class.getPackage().getImplementationVersion();
    return new String[] {"ndio " + (v == null ? "(development build)" : v)};
  }
}
