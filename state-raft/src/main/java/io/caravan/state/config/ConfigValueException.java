package io.caravan.state.config;

/** A configuration value that is present but unusable; names the HOCON path. */
public final class ConfigValueException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String path;

  public ConfigValueException(String path, String problem) {
    super(path + ": " + problem);
    this.path = path;
  }

  /** The HOCON path of the bad value, e.g. {@code caravan.server.raft.purge_gap}. */
  public String path() {
    return path;
  }
}
