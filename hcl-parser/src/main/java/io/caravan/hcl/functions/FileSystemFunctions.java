package io.caravan.hcl.functions;

import io.caravan.hcl.FunctionException;
import io.caravan.hcl.Type;
import io.caravan.hcl.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.TreeSet;

/**
 * go-cty-funcs filesystem functions, resolved against a base directory. Nomad only enables them when
 * the caller allows file system access (the CLI does, the HTTP parse endpoint does not).
 */
public final class FileSystemFunctions {
  private final Path baseDir;
  private final Path homeDir;

  /** Functions reading files relative to {@code baseDir}; {@code ~} expands to {@code homeDir}. */
  public FileSystemFunctions(Path baseDir, Path homeDir) {
    this.baseDir = baseDir.toAbsolutePath().normalize();
    this.homeDir = homeDir;
  }

  /** {@code file(path)}: the file's contents, which must be UTF-8. */
  public Value file(Value path) throws FunctionException {
    byte[] bytes = read(path);
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (!java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), bytes)) {
      throw new FunctionException(0, "contents of " + path.asString() + " are not valid UTF-8; use the filebase64 "
          + "function to obtain the Base64 encoded contents or the other file functions (e.g. filemd5, filesha256) "
          + "to obtain file hashing results instead");
    }
    return StringFunctions.text(text);
  }

  /** {@code filebase64(path)}: the file's bytes in standard Base64. */
  public Value filebase64(Value path) throws FunctionException {
    return Value.string(Base64.getEncoder().encodeToString(read(path)));
  }

  /** {@code fileexists(path)}: true for a regular file, false when nothing is there. */
  public Value fileexists(Value path) throws FunctionException {
    Path p = resolve(path);
    if (!Files.exists(p)) {
      return Value.FALSE;
    }
    if (!Files.isRegularFile(p)) {
      throw new FunctionException(0, "\"" + path.asString() + "\" is not a regular file, but \"" + kind(p) + "\"");
    }
    return Value.TRUE;
  }

  /**
   * {@code fileset(path, pattern)}: the regular files under {@code path} (relative to the base
   * directory) matching the doublestar {@code pattern}, as {@code /}-separated paths relative to
   * {@code path}, in a set of strings.
   */
  public Value fileset(Value path, Value pattern) throws FunctionException {
    String dir = path.asString();
    if (!dir.startsWith("/")) dir = cleanJoin(baseDir.toString(), dir);
    dir = clean(dir);
    String full = cleanJoin(dir, pattern.asString());
    List<String> matches;
    try {
      matches = Doublestar.glob(full);
    } catch (Doublestar.BadPatternException e) {
      throw new FunctionException("failed to glob pattern (" + full + "): " + e.getMessage());
    }
    Path root = Path.of(dir);
    TreeSet<String> files = new TreeSet<>(FileSystemFunctions::byCodePoint);
    for (String m : matches) {
      Path p = Path.of(m);
      if (!Files.exists(p)) {
        throw new FunctionException("failed to stat (" + m + "): stat " + m + ": no such file or directory");
      }
      if (!Files.isRegularFile(p)) continue;
      files.add(root.relativize(p).toString().replace(java.io.File.separatorChar, '/'));
    }
    List<Value> vals = new ArrayList<>();
    for (String f : files) vals.add(StringFunctions.text(f));
    return Value.set(Type.STRING, vals);
  }

  /** Go's string order (UTF-8 bytes, that is code points). */
  private static int byCodePoint(String a, String b) {
    return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
  }

  /** Go's filepath.Join on slash-separated paths: joined, then cleaned. */
  static String cleanJoin(String a, String b) {
    if (a.isEmpty()) return clean(b);
    if (b.isEmpty()) return clean(a);
    return clean(a + "/" + b);
  }

  /** Go's filepath.Clean: no empty, "." or resolvable ".." elements; "." for an empty result. */
  static String clean(String p) {
    boolean rooted = p.startsWith("/");
    Deque<String> out = new ArrayDeque<>();
    for (String e : p.split("/")) {
      if (e.isEmpty() || e.equals(".")) continue;
      if (e.equals("..")) {
        if (!out.isEmpty() && !out.peekLast().equals("..")) {
          out.removeLast();
        } else if (!rooted) {
          out.addLast("..");
        }
        continue;
      }
      out.addLast(e);
    }
    String joined = String.join("/", out);
    if (rooted) return "/" + joined;
    return joined.isEmpty() ? "." : joined;
  }

  /** {@code abspath(path)}: the absolute form of a path relative to the process's directory. */
  public static Value abspath(Value path) {
    return Value.string(Path.of(path.asString()).toAbsolutePath().normalize().toString());
  }

  /** {@code basename(path)}: the last element of the path. */
  public static Value basename(Value path) {
    String p = path.asString();
    if (p.isEmpty()) {
      return Value.string(".");
    }
    String trimmed = p.replaceAll("/+$", "");
    if (trimmed.isEmpty()) {
      return Value.string("/");
    }
    return Value.string(trimmed.substring(trimmed.lastIndexOf('/') + 1));
  }

  /** {@code dirname(path)}: the path without its last element (Go's filepath.Dir). */
  public static Value dirname(Value path) {
    String p = path.asString();
    int slash = p.lastIndexOf('/');
    if (slash < 0) {
      return Value.string(".");
    }
    String dir = p.substring(0, slash + 1);
    String cleaned = Path.of(dir.isEmpty() ? "/" : dir).normalize().toString();
    return Value.string(cleaned.isEmpty() ? "." : cleaned);
  }

  /** {@code pathexpand(path)}: replaces a leading {@code ~} by the home directory. */
  public Value pathexpand(Value path) {
    String p = path.asString();
    if (p.equals("~")) {
      return Value.string(homeDir.toString());
    }
    if (p.startsWith("~/")) {
      return Value.string(homeDir.resolve(p.substring(2)).toString());
    }
    return path;
  }

  private byte[] read(Value path) throws FunctionException {
    Path p = resolve(path);
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new FunctionException(0, "no file exists at " + path.asString()
          + "; this function works only with files that are distributed as part of the configuration source code, "
          + "so if this file will be created by a resource in this configuration you must instead obtain this "
          + "result from an attribute of that resource");
    }
  }

  private Path resolve(Value path) throws FunctionException {
    try {
      String expanded = pathexpand(path).asString();
      Path p = Path.of(expanded);
      return p.isAbsolute() ? p : baseDir.resolve(p);
    } catch (InvalidPathException e) {
      throw new FunctionException(0, "invalid path " + path.asString() + ": " + e.getReason());
    }
  }

  private static String kind(Path p) {
    return Files.isDirectory(p) ? "directory" : Files.isSymbolicLink(p) ? "symlink" : "other";
  }

  /** The type of every filesystem function's result but fileexists. */
  static Type resultType() {
    return Type.STRING;
  }
}
