package io.caravan.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the program version from the jar manifest (or "dev" when run from classes). */
final class CaravanVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = CaravanMain.class.getPackage().getImplementationVersion();
    return new String[] {"caravan " + (version == null ? "dev" : version)};
  }
}
