package io.caravan.model.json;

/**
 * Thrown when Nomad API JSON cannot be read into (or written from) the model; {@link #path()} names
 * the offending place, e.g. {@code TaskGroups[0].Tasks[1].Resources.MemoryMB}.
 */
public final class ModelJsonException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String path;

  /** Creates an exception for {@code path} (empty for the document root) with a reason. */
  public ModelJsonException(String path, String reason, Throwable cause) {
    super((path.isEmpty() ? "<root>" : path) + ": " + reason, cause);
    this.path = path;
  }

  /** JSON path of the problem in Go field names, empty for the document root. */
  public String path() {
    return path;
  }
}
