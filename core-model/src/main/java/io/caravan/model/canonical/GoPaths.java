package io.caravan.model.canonical;

import java.util.ArrayDeque;
import java.util.Deque;

/** Go's {@code path.Base} and {@code path.Join} for slash-separated paths, used for artifact defaults. */
final class GoPaths {
  private GoPaths() {}

  /** The last element of {@code path}, trailing slashes removed; "." for empty, "/" for all slashes. */
  static String base(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    String p = path;
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.equals("/")) {
      return "/";
    }
    int slash = p.lastIndexOf('/');
    return slash >= 0 ? p.substring(slash + 1) : p;
  }

  /** Joins two elements with a slash and cleans the result like Go's {@code path.Clean}. */
  static String join(String a, String b) {
    if (a.isEmpty()) {
      return b.isEmpty() ? "" : clean(b);
    }
    return clean(b.isEmpty() ? a : a + "/" + b);
  }

  /** Lexically cleans a path: collapses slashes, removes "." and resolves ".." elements. */
  static String clean(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    boolean rooted = path.startsWith("/");
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
          parts.removeLast();
        } else if (!rooted) {
          parts.addLast("..");
        }
        continue;
      }
      parts.addLast(part);
    }
    String joined = String.join("/", parts);
    if (rooted) {
      return "/" + joined;
    }
    return joined.isEmpty() ? "." : joined;
  }
}
