package io.caravan.runtime.client;

import io.caravan.model.job.Template;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a task's {@code template} blocks to files in its directory. Supports the subset of
 * consul-template a client needs without a Consul or Vault: plain data and {@code {{ env "NAME" }}}
 * (an unknown variable renders empty, as in consul-template), with custom delimiters. Any other
 * action is an error naming the template, since silently dropping it would produce a wrong file.
 */
public final class TemplateRenderer {

  private static final Pattern ENV_CALL = Pattern.compile("^\\s*env\\s+\"([^\"]*)\"\\s*$");

  private final Map<String, String> env;

  /** Creates a renderer over the task's environment. */
  public TemplateRenderer(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** Renders text with the given delimiters; {@code where} names the template in errors. */
  public String render(String text, String left, String right, String where) {
    StringBuilder out = new StringBuilder(text.length());
    int pos = 0;
    while (true) {
      int open = text.indexOf(left, pos);
      if (open < 0) {
        out.append(text, pos, text.length());
        return out.toString();
      }
      int close = text.indexOf(right, open + left.length());
      if (close < 0) {
        throw new TaskSetupException(where + ": unclosed action starting at offset " + open);
      }
      out.append(text, pos, open);
      String action = text.substring(open + left.length(), close);
      String trimmed = action;
      if (trimmed.startsWith("-")) {
        trimmed = trimmed.substring(1);
      }
      if (trimmed.endsWith("-")) {
        trimmed = trimmed.substring(0, trimmed.length() - 1);
      }
      Matcher m = ENV_CALL.matcher(trimmed);
      if (!m.matches()) {
        throw new TaskSetupException(where + ": unsupported template action {{" + action
            + "}} (supported: env \"NAME\")");
      }
      out.append(env.getOrDefault(m.group(1), ""));
      pos = close + right.length();
    }
  }

  /**
   * Renders one template block into the task directory.
   *
   * @param template the block; {@code destination} is relative to the task directory
   * @param taskDir the task's directory
   * @param where names the task and template in errors
   * @return the written file
   */
  public Path renderTo(Template template, Path taskDir, String where) {
    Objects.requireNonNull(template, "template");
    String dest = template.destPath();
    if (dest == null || dest.isEmpty()) {
      throw new TaskSetupException(where + ": destination is required");
    }
    Path target = within(taskDir, dest, where + " > destination");
    String source;
    if (template.embeddedTmpl() != null && !template.embeddedTmpl().isEmpty()) {
      source = template.embeddedTmpl();
    } else if (template.sourcePath() != null && !template.sourcePath().isEmpty()) {
      Path src = within(taskDir, template.sourcePath(), where + " > source");
      try {
        source = Files.readString(src, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new TaskSetupException(where + " > source: cannot read " + src + ": " + e.getMessage(), e);
      }
    } else {
      throw new TaskSetupException(where + ": needs data or source");
    }
    String left = template.leftDelim() == null || template.leftDelim().isEmpty()
        ? "{{" : template.leftDelim();
    String right = template.rightDelim() == null || template.rightDelim().isEmpty()
        ? "}}" : template.rightDelim();
    String rendered = render(source, left, right, where);
    try {
      Files.createDirectories(target.getParent());
      Files.writeString(target, rendered, StandardCharsets.UTF_8);
      String perms = template.perms() == null || template.perms().isEmpty() ? "644" : template.perms();
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(modeString(perms, where)));
    } catch (IOException e) {
      throw new TaskSetupException(where + ": cannot write " + target + ": " + e.getMessage(), e);
    }
    return target;
  }

  /** Resolves a relative path inside {@code base}, refusing escapes such as {@code ../x}. */
  static Path within(Path base, String relative, String where) {
    Path resolved = base.resolve(relative).normalize();
    if (!resolved.startsWith(base.normalize())) {
      throw new TaskSetupException(where + ": path \"" + relative + "\" escapes the task directory");
    }
    return resolved;
  }

  private static String modeString(String octal, String where) {
    int mode;
    try {
      mode = Integer.parseInt(octal, 8);
    } catch (NumberFormatException e) {
      throw new TaskSetupException(where + " > perms: \"" + octal + "\" is not an octal mode");
    }
    if (mode < 0 || mode > 0777) {
      throw new TaskSetupException(where + " > perms: \"" + octal + "\" is out of range");
    }
    String rwx = "rwxrwxrwx";
    StringBuilder s = new StringBuilder(9);
    for (int i = 0; i < 9; i++) {
      s.append((mode & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
    }
    return s.toString();
  }
}
