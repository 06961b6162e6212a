package io.caravan.runtime.client;

import java.util.Objects;

/**
 * A port allocated to an allocation, as the task environment needs it.
 *
 * @param label the port's label in the jobspec ({@code port "http" {}})
 * @param value the port number on the host
 * @param to the port inside the task's network namespace, or 0 when it is not mapped
 * @param hostIp the host address the port is bound on
 */
public record PortMapping(String label, int value, int to, String hostIp) {

  /** Validates the mapping. */
  public PortMapping {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(hostIp, "hostIp");
    if (label.isEmpty()) {
      throw new IllegalArgumentException("port label must not be empty");
    }
    if (value < 0 || value > 65535 || to < 0 || to > 65535) {
      throw new IllegalArgumentException("port \"" + label + "\" out of range: " + value + "/" + to);
    }
  }

  /** The port the task should listen on: {@code to} when mapped, else the host port. */
  public int taskPort() {
    return to > 0 ? to : value;
  }
}
