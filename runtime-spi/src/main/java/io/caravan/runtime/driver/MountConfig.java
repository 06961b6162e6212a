package io.caravan.runtime.driver;

/**
 * A host path made visible inside an isolated task.
 *
 * @param hostPath the path on the host
 * @param taskPath where the task sees it
 * @param readOnly whether the task may only read it
 */
public record MountConfig(String hostPath, String taskPath, boolean readOnly) {

  public MountConfig {
    if (hostPath == null || hostPath.isEmpty() || taskPath == null || taskPath.isEmpty()) {
      throw new IllegalArgumentException("mount needs a host path and a task path");
    }
  }
}
