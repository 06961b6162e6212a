package io.caravan.model.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/**
 * Locates the shared conformance corpus ({@code <repo root>/../shared/conformance}) for tests.
 *
 * <p>The repo root comes from the {@code caravan.repo.root} system property that surefire sets; if
 * it is missing, the working directory and its parents are searched for a directory holding
 * {@code ../shared/conformance}.
 */
public final class Conformance {
  private Conformance() {}

  /** The conformance directory, or empty when it is not present on this machine. */
  public static Optional<Path> directory() {
    String root = System.getProperty("caravan.repo.root");
    if (root != null && !root.isBlank()) {
      Path candidate = Paths.get(root).toAbsolutePath().normalize().resolveSibling("shared").resolve("conformance");
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolveSibling("shared").resolve("conformance");
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The message tests give when skipping because the corpus is absent. */
  public static String absentReason() {
    return "shared conformance corpus not found at <repo root>/../shared/conformance; skipping";
  }
}
