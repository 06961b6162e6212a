package io.caravan.jobspec.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/** Locates the shared conformance corpus ({@code <repo root>/../shared/conformance}) for tests. */
final class ConformanceCorpus {
  private ConformanceCorpus() {}

  /** The jobspecs folder of the corpus, when it exists on this machine. */
  static Optional<Path> jobspecs() {
    String root = System.getProperty("caravan.repo.root");
    Path start = root != null ? Paths.get(root) : Paths.get("").toAbsolutePath();
    for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolveSibling("shared").resolve("conformance").resolve("jobspecs");
      if (Files.isDirectory(candidate.resolve("golden-hcl2"))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
