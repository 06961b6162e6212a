package io.caravan.agent;

/** An agent configuration value that cannot be used, naming its key. */
public final class AgentConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AgentConfigException(String key, String problem) {
    super(key + ": " + problem);
  }
}
