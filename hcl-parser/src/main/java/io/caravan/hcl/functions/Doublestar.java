package io.caravan.hcl.functions;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Filesystem globbing with doublestar's rules, as {@code fileset} uses it: a pattern is split on
 * {@code /}; a component {@code **} matches zero or more directories (symbolic links to directories
 * are not descended); other components match one name with {@code *} (any run of characters, dot
 * files included), {@code ?} (one character), {@code [a-z]} / {@code [^a-z]} / {@code [!a-z]}
 * classes, {@code {alt1,alt2}} alternatives and {@code \} escapes.
 */
final class Doublestar {
  /** A malformed pattern (unclosed class or alternative, dangling escape): Go's path.ErrBadPattern text. */
  static final class BadPatternException extends Exception {
    BadPatternException() {
      super("syntax error in pattern", null, false, false);
    }
  }

  private Doublestar() {}

  /** The existing paths matching the absolute, cleaned {@code pattern}, as strings, in walk order. */
  static List<String> glob(String pattern) throws BadPatternException {
    List<String> comps = new ArrayList<>();
    for (String c : pattern.split("/")) {
      if (!c.isEmpty()) comps.add(c);
    }
    for (String c : comps) validate(c);
    List<String> out = new ArrayList<>();
    walk(pattern.startsWith("/") ? "/" : ".", comps, 0, out);
    return out;
  }

  private static void walk(String dir, List<String> comps, int i, List<String> out) throws BadPatternException {
    if (i == comps.size()) {
      out.add(dir);
      return;
    }
    String c = comps.get(i);
    if (c.equals("**")) {
      walk(dir, comps, i + 1, out); // zero directories
      for (String name : list(dir)) {
        String child = join(dir, name);
        if (Files.isDirectory(Path.of(child), LinkOption.NOFOLLOW_LINKS)) {
          walk(child, comps, i, out);
        } else if (i + 1 == comps.size()) {
          out.add(child); // a trailing ** also matches the files it reaches
        }
      }
      return;
    }
    if (!hasMeta(c)) {
      String child = join(dir, unescape(c));
      Path p = Path.of(child);
      if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) walk(child, comps, i + 1, out);
      return;
    }
    for (String name : list(dir)) {
      if (matches(c, 0, name, 0)) walk(join(dir, name), comps, i + 1, out);
    }
  }

  private static List<String> list(String dir) {
    List<String> names = new ArrayList<>();
    Path p = Path.of(dir);
    if (!Files.isDirectory(p)) return names;
    try (DirectoryStream<Path> s = Files.newDirectoryStream(p)) {
      for (Path e : s) names.add(e.getFileName().toString());
    } catch (IOException e) {
      return names; // an unreadable directory contributes nothing
    }
    names.sort(null);
    return names;
  }

  private static String join(String dir, String name) {
    return dir.equals("/") ? "/" + name : dir + "/" + name;
  }

  private static boolean hasMeta(String c) {
    for (int i = 0; i < c.length(); i++) {
      if ("*?[{\\".indexOf(c.charAt(i)) >= 0) return true;
    }
    return false;
  }

  private static String unescape(String c) {
    return c.replaceAll("\\\\(.)", "$1");
  }

  /** Rejects components whose classes, alternatives or escapes are not closed. */
  private static void validate(String p) throws BadPatternException {
    int depth = 0;
    for (int i = 0; i < p.length(); i++) {
      char ch = p.charAt(i);
      if (ch == '\\') {
        if (++i >= p.length()) throw new BadPatternException();
      } else if (ch == '[') {
        i = classEnd(p, i);
      } else if (ch == '{') {
        depth++;
      } else if (ch == '}' && depth > 0) {
        depth--;
      }
    }
    if (depth != 0) throw new BadPatternException();
  }

  /** The index of the {@code ]} closing the class opened at {@code open}. */
  private static int classEnd(String p, int open) throws BadPatternException {
    int i = open + 1;
    if (i < p.length() && (p.charAt(i) == '^' || p.charAt(i) == '!')) i++;
    boolean first = true;
    while (i < p.length()) {
      char ch = p.charAt(i);
      if (ch == ']' && !first) return i;
      if (ch == ']' || ch == '-') throw new BadPatternException();
      if (ch == '\\') i++;
      i++;
      if (i < p.length() && p.charAt(i) == '-') {
        i++;
        if (i >= p.length() || p.charAt(i) == ']') throw new BadPatternException();
        if (p.charAt(i) == '\\') i++;
        i++;
      }
      first = false;
    }
    throw new BadPatternException();
  }

  /** Whether {@code name} from {@code ni} matches the pattern component from {@code pi}. */
  static boolean matches(String p, int pi, String name, int ni) throws BadPatternException {
    while (pi < p.length()) {
      char ch = p.charAt(pi);
      switch (ch) {
        case '*' -> {
          while (pi < p.length() && p.charAt(pi) == '*') pi++;
          for (int k = ni; k <= name.length(); k = next(name, k)) {
            if (matches(p, pi, name, k)) return true;
            if (k == name.length()) break;
          }
          return false;
        }
        case '?' -> {
          if (ni >= name.length()) return false;
          ni = next(name, ni);
          pi++;
        }
        case '[' -> {
          if (ni >= name.length()) return false;
          int end = classEnd(p, pi);
          if (!inClass(p, pi + 1, end, name.codePointAt(ni))) return false;
          ni = next(name, ni);
          pi = end + 1;
        }
        case '{' -> {
          int close = braceEnd(p, pi);
          String rest = p.substring(close + 1);
          for (String alt : alternatives(p.substring(pi + 1, close))) {
            if (matches(alt + rest, 0, name, ni)) return true;
          }
          return false;
        }
        case '\\' -> {
          if (pi + 1 >= p.length()) throw new BadPatternException();
          if (ni >= name.length() || name.charAt(ni) != p.charAt(pi + 1)) return false;
          ni++;
          pi += 2;
        }
        default -> {
          if (ni >= name.length() || name.charAt(ni) != ch) return false;
          ni++;
          pi++;
        }
      }
    }
    return ni == name.length();
  }

  private static int next(String s, int i) {
    return i + Character.charCount(s.codePointAt(i));
  }

  private static boolean inClass(String p, int from, int end, int cp) {
    boolean negate = p.charAt(from) == '^' || p.charAt(from) == '!';
    int i = negate ? from + 1 : from;
    boolean hit = false;
    while (i < end) {
      if (p.charAt(i) == '\\') i++;
      int lo = p.codePointAt(i);
      i += Character.charCount(lo);
      int hi = lo;
      if (i < end && p.charAt(i) == '-') {
        i++;
        if (p.charAt(i) == '\\') i++;
        hi = p.codePointAt(i);
        i += Character.charCount(hi);
      }
      if (lo <= cp && cp <= hi) hit = true;
    }
    return hit != negate;
  }

  private static int braceEnd(String p, int open) throws BadPatternException {
    int depth = 0;
    for (int i = open; i < p.length(); i++) {
      char ch = p.charAt(i);
      if (ch == '\\') {
        i++;
      } else if (ch == '{') {
        depth++;
      } else if (ch == '}' && --depth == 0) {
        return i;
      }
    }
    throw new BadPatternException();
  }

  /** The comma-separated alternatives of a brace body, commas inside nested braces excluded. */
  private static List<String> alternatives(String body) {
    List<String> out = new ArrayList<>();
    int depth = 0, start = 0;
    for (int i = 0; i < body.length(); i++) {
      char ch = body.charAt(i);
      if (ch == '\\') {
        i++;
      } else if (ch == '{') {
        depth++;
      } else if (ch == '}') {
        depth--;
      } else if (ch == ',' && depth == 0) {
        out.add(body.substring(start, i));
        start = i + 1;
      }
    }
    out.add(body.substring(start));
    return out;
  }
}
