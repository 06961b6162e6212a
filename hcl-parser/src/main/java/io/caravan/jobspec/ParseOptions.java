package io.caravan.jobspec;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a jobspec is parsed, as Nomad's {@code jobspec2.ParseConfig}: {@code -var} values, var files,
 * the environment ({@code NOMAD_VAR_*} entries are used), whether filesystem functions are allowed
 * and against which base directory, strictness (undefined {@code -var}s are errors), the seed of the
 * random functions, and the syntax ({@link JobspecSyntax#AUTO} tells HCL from HCL's JSON syntax as Nomad does).
 */
public record ParseOptions(
    Map<String, String> argVars, List<Path> varFiles, Map<String, String> env, Optional<Path> fileSystemBaseDir,
    boolean strict, long randomSeed, JobspecSyntax syntax) {

  /** Copies the collections. */
  public ParseOptions {
    argVars = ImmutableMap.copyOf(argVars);
    varFiles = ImmutableList.copyOf(varFiles);
    env = ImmutableMap.copyOf(env);
    java.util.Objects.requireNonNull(syntax, "syntax");
  }

  /** Nomad's HTTP parse endpoint: no variables, no filesystem access, strict. */
  public static ParseOptions defaults() {
    return new ParseOptions(Map.of(), List.of(), Map.of(), Optional.empty(), true, 0L, JobspecSyntax.AUTO);
  }

  /** These options with {@code -var} values. */
  public ParseOptions withArgVars(Map<String, String> vars) {
    return new ParseOptions(vars, varFiles, env, fileSystemBaseDir, strict, randomSeed, syntax);
  }

  /** These options with var files. */
  public ParseOptions withVarFiles(List<Path> files) {
    return new ParseOptions(argVars, files, env, fileSystemBaseDir, strict, randomSeed, syntax);
  }

  /** These options with an environment ({@code NOMAD_VAR_<name>} entries set variables). */
  public ParseOptions withEnv(Map<String, String> environment) {
    return new ParseOptions(argVars, varFiles, environment, fileSystemBaseDir, strict, randomSeed, syntax);
  }

  /** These options with filesystem functions enabled relative to {@code baseDir}. */
  public ParseOptions withFileSystem(Path baseDir) {
    return new ParseOptions(argVars, varFiles, env, Optional.of(baseDir), strict, randomSeed, syntax);
  }

  /** These options with the jobspec's syntax given instead of detected. */
  public ParseOptions withSyntax(JobspecSyntax jobspecSyntax) {
    return new ParseOptions(argVars, varFiles, env, fileSystemBaseDir, strict, randomSeed, jobspecSyntax);
  }

  /**
   * These options with the seed of the random functions ({@code uuidv4}, {@code bcrypt}'s salt).
   * {@link #defaults()} uses 0, so a parse is reproducible; a program that parses a user's job
   * passes a fresh seed, so {@code uuidv4()} differs between runs as in Nomad.
   */
  public ParseOptions withRandomSeed(long seed) {
    return new ParseOptions(argVars, varFiles, env, fileSystemBaseDir, strict, seed, syntax);
  }
}
