package io.caravan.benchmarks.parse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Builds the parser benchmark inputs from a name: {@code corpus} (every file in the conformance
 * data's {@code jobspecs/cases}, in file-name order) or {@code synthetic-BYTES} (one generated
 * jobspec of at least BYTES bytes, e.g. {@code synthetic-1048576}).
 */
public final class ParseInputs {
  /** Environment variable naming the conformance directory; otherwise it is looked up. */
  public static final String CONFORMANCE_ENV = "CARAVAN_CONFORMANCE";
  /** Seed of the synthetic jobspecs. */
  public static final long SYNTHETIC_SEED = 20_261_123L;

  private ParseInputs() {}

  /** The input a benchmark parameter names. */
  public static ParseInput load(String name) {
    if (name.equals("corpus")) {
      Path cases = conformanceDir()
          .orElseThrow(() -> new IllegalStateException("conformance data not found: set "
              + CONFORMANCE_ENV + " or run from the repository root (it is looked up as"
              + " ../shared/conformance from the working directory and its parents)"))
          .resolve("jobspecs").resolve("cases");
      return new ParseInput(name, corpus(cases));
    }
    if (name.startsWith("synthetic-")) {
      int bytes;
      try {
        bytes = Integer.parseInt(name.substring("synthetic-".length()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("input \"" + name + "\": expected synthetic-BYTES", e);
      }
      return new ParseInput(name, List.of(new ParseInput.Source(name + ".nomad.hcl",
          syntheticJobspec(bytes, SYNTHETIC_SEED))));
    }
    throw new IllegalArgumentException("input \"" + name + "\": expected corpus or synthetic-BYTES");
  }

  /** The conformance directory: {@value #CONFORMANCE_ENV}, else {@code ../shared/conformance} above the working directory. */
  public static Optional<Path> conformanceDir() {
    String env = System.getenv(CONFORMANCE_ENV);
    if (env != null && !env.isBlank()) {
      return Optional.of(Paths.get(env)).filter(Files::isDirectory);
    }
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolveSibling("shared").resolve("conformance");
      if (dir.getParent() != null && Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Every {@code *.hcl} file directly in {@code cases}, sorted by name. */
  public static List<ParseInput.Source> corpus(Path cases) {
    try (Stream<Path> files = Files.list(cases)) {
      List<Path> sorted = files.filter(p -> p.getFileName().toString().endsWith(".hcl"))
          .sorted().toList();
      List<ParseInput.Source> sources = new ArrayList<>(sorted.size());
      for (Path p : sorted) {
        sources.add(new ParseInput.Source(p.getFileName().toString(),
            Files.readString(p, StandardCharsets.UTF_8)));
      }
      return sources;
    } catch (IOException e) {
      throw new UncheckedIOException("reading the jobspec corpus in " + cases, e);
    }
  }

  /**
   * A valid Nomad jobspec of at least {@code minBytes} bytes: one job with as many groups as it
   * takes, each with a constraint, a port, a task with config, env and resources, and runtime
   * interpolations ({@code ${attr...}}, {@code ${NOMAD_PORT_http}}) that stay literal. No
   * functions or {@code for} expressions, so every HCL parser can read it.
   */
  public static String syntheticJobspec(int minBytes, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder out = new StringBuilder(minBytes + 1024);
    out.append("# Synthetic jobspec generated for the parser benchmarks (seed ").append(seed)
        .append(")\njob \"synthetic\" {\n  datacenters = [\"dc-1\", \"dc-2\"]\n  type        = \"service\"\n\n");
    for (int g = 0; out.length() < minBytes; g++) {
      out.append("  group \"g").append(g).append("\" {\n")
          .append("    count = ").append(1 + random.nextInt(5)).append("\n\n")
          .append("    constraint {\n      attribute = \"${attr.kernel.name}\"\n      value     = \"linux\"\n    }\n\n")
          .append("    network {\n      port \"http\" {\n        to = ").append(8000 + random.nextInt(1000))
          .append("\n      }\n    }\n\n")
          .append("    task \"t").append(g).append("\" {\n      driver = \"docker\"\n\n")
          .append("      config {\n        image = \"registry.example/app-").append(g).append(":1.")
          .append(random.nextInt(10)).append(".").append(random.nextInt(10)).append("\"\n")
          .append("        ports = [\"http\"]\n")
          .append("        args  = [\"--port\", \"${NOMAD_PORT_http}\", \"--index\", \"").append(g).append("\"]\n")
          .append("      }\n\n")
          .append("      env {\n        INDEX = \"").append(g).append("\"\n        MODE  = \"synthetic\"\n      }\n\n")
          .append("      resources {\n        cpu    = ").append(100 * (1 + random.nextInt(20)))
          .append("\n        memory = ").append(64 * (1 + random.nextInt(32))).append("\n      }\n")
          .append("    }\n  }\n\n");
    }
    out.append("}\n");
    return out.toString();
  }
}
