package io.caravan.cli;

import io.caravan.jobspec.ParseOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The jobspec options shared by {@code job parse} and {@code job validate}, as Nomad's CLI spells them. */
final class JobspecOptions {
  @Parameters(index = "0", paramLabel = "FILE", description = "The jobspec file (HCL2, native or JSON syntax).")
  Path file;

  @Option(names = "-var", paramLabel = "KEY=VALUE", description = "Sets a variable (repeatable).")
  List<String> vars = new ArrayList<>();

  @Option(names = "-var-file", paramLabel = "FILE", description = "Reads variable values from a file (repeatable).")
  List<Path> varFiles = new ArrayList<>();

  /**
   * The parse options: as Nomad's CLI, filesystem functions are on (relative to the file), NOMAD_VAR_*
   * is read, and {@code uuidv4()} differs from run to run.
   */
  ParseOptions toParseOptions(Map<String, String> env) {
    Map<String, String> argVars = new LinkedHashMap<>();
    for (String v : vars) {
      int eq = v.indexOf('=');
      if (eq > 0) {
        argVars.put(v.substring(0, eq), v.substring(eq + 1));
      }
    }
    Path base = file.toAbsolutePath().getParent();
    return ParseOptions.defaults().withArgVars(argVars).withVarFiles(varFiles).withEnv(env).withFileSystem(base)
        .withRandomSeed(new java.security.SecureRandom().nextLong());
  }
}
