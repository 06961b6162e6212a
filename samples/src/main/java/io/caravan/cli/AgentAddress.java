package io.caravan.cli;

import picocli.CommandLine.Option;

/** The {@code -address} option of commands that talk to a running agent ({@code CARAVAN_ADDR} by default). */
final class AgentAddress {
  /** The address used when neither {@code -address} nor {@code CARAVAN_ADDR} is set. */
  static final String DEFAULT = "http://127.0.0.1:4646";

  @Option(names = "-address", paramLabel = "URL",
      description = "The agent's HTTP address (default: $CARAVAN_ADDR or " + DEFAULT + ").")
  String address;

  @Option(names = "-json", description = "Print the API's JSON instead of a table.")
  boolean json;

  /** The address to use: the option, else the environment, else the default. */
  String resolve() {
    if (address != null && !address.isBlank()) {
      return address;
    }
    String env = System.getenv("CARAVAN_ADDR");
    return env != null && !env.isBlank() ? env : DEFAULT;
  }

  ApiClient client() {
    return new ApiClient(resolve());
  }
}
