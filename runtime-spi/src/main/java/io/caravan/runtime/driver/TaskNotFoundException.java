package io.caravan.runtime.driver;

/** The driver does not know a task with that id (never started, destroyed, or not recovered). */
public class TaskNotFoundException extends DriverException {

  private static final long serialVersionUID = 1L;

  /** For the given task id. */
  public TaskNotFoundException(String taskId) {
    super("task " + taskId + " not found", false, null);
  }
}
