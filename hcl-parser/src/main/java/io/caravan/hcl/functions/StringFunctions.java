package io.caravan.hcl.functions;

import io.caravan.hcl.FunctionException;
import io.caravan.hcl.Type;
import io.caravan.hcl.Value;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * cty's string functions as Nomad exposes them: upper, lower, title, trim family, chomp, indent,
 * strlen, reverse/strrev (string reverse), substr, split, join, replace (plain text, no regex form),
 * regex_replace. Arguments arrive already converted to their parameter types.
 */
public final class StringFunctions {
  private StringFunctions() {}

  /** {@code upper(str)}. */
  public static Value upper(Value str) {
    return text(str.asString().toUpperCase(java.util.Locale.ROOT));
  }

  /** {@code lower(str)}. */
  public static Value lower(Value str) {
    return text(str.asString().toLowerCase(java.util.Locale.ROOT));
  }

  /** {@code title(str)}: upper-cases the first letter of each word (Go's deprecated strings.Title). */
  public static Value title(Value str) {
    String s = str.asString();
    StringBuilder b = new StringBuilder(s.length());
    int prev = ' ';
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      b.appendCodePoint(isTitleSeparator(prev) ? Character.toTitleCase(cp) : cp);
      prev = cp;
      i += Character.charCount(cp);
    }
    return text(b.toString());
  }

  private static boolean isTitleSeparator(int cp) {
    if (cp <= 0x7F) {
      return !(Character.isLetterOrDigit(cp) || cp == '_');
    }
    if (Character.isLetter(cp) || Character.isDigit(cp)) {
      return false;
    }
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
  }

  /** {@code strlen(str)}: the number of grapheme clusters. */
  public static Value strlen(Value str) {
    return Value.number(Graphemes.split(str.asString()).size());
  }

  /** {@code reverse(str)} and {@code strrev(str)}: reverses grapheme clusters. */
  public static Value reverse(Value str) {
    List<String> parts = new ArrayList<>(Graphemes.split(str.asString()));
    Collections.reverse(parts);
    return text(String.join("", parts));
  }

  /**
   * {@code substr(str, offset, length)} over grapheme clusters; a negative offset counts from the
   * end, a negative length means "to the end".
   */
  public static Value substr(Value str, Value offsetValue, Value lengthValue) throws FunctionException {
    List<String> parts = Graphemes.split(str.asString());
    int offset = wholeNumber(offsetValue, 1);
    int length = wholeNumber(lengthValue, 2);
    int n = parts.size();
    if (offset < 0) {
      offset = Math.max(n + offset, 0);
    }
    if (offset > n) {
      throw new FunctionException(1, "offset is greater than the length of the string");
    }
    int end = length < 0 ? n : Math.min(offset + length, n);
    return text(String.join("", parts.subList(offset, Math.max(end, offset))));
  }

  /** {@code chomp(str)}: removes all trailing newlines ({@code \n}, {@code \r\n}, {@code \r}). */
  public static Value chomp(Value str) {
    String s = str.asString();
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
      end--;
    }
    return text(s.substring(0, end));
  }

  /** {@code trimspace(str)}: removes leading and trailing Unicode white space. */
  public static Value trimspace(Value str) {
    return text(str.asString().strip());
  }

  /** {@code trim(str, cutset)}: removes any of the cutset's characters from both ends. */
  public static Value trim(Value str, Value cutset) {
    String s = str.asString();
    String cut = cutset.asString();
    int start = 0;
    int end = s.length();
    while (start < end && cut.indexOf(s.codePointAt(start)) >= 0) {
      start += Character.charCount(s.codePointAt(start));
    }
    while (end > start && cut.indexOf(s.codePointBefore(end)) >= 0) {
      end -= Character.charCount(s.codePointBefore(end));
    }
    return text(s.substring(start, end));
  }

  /** {@code trimprefix(str, prefix)}. */
  public static Value trimprefix(Value str, Value prefix) {
    String s = str.asString();
    String p = prefix.asString();
    return text(s.startsWith(p) ? s.substring(p.length()) : s);
  }

  /** {@code trimsuffix(str, suffix)}. */
  public static Value trimsuffix(Value str, Value suffix) {
    String s = str.asString();
    String p = suffix.asString();
    return text(s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s);
  }

  /** {@code indent(spaces, str)}: indents every line but the first. */
  public static Value indent(Value spaces, Value str) throws FunctionException {
    String pad = " ".repeat(Math.max(wholeNumber(spaces, 0), 0));
    return text(str.asString().replace("\n", "\n" + pad));
  }

  /** {@code split(separator, str)}: a list of strings (an empty separator splits into characters). */
  public static Value split(Value separator, Value str) {
    String sep = separator.asString();
    String s = str.asString();
    List<Value> out = new ArrayList<>();
    if (sep.isEmpty()) {
      s.codePoints().forEach(cp -> out.add(Value.string(new String(Character.toChars(cp)))));
    } else {
      int from = 0;
      for (int at = s.indexOf(sep); at >= 0; at = s.indexOf(sep, from)) {
        out.add(Value.string(s.substring(from, at)));
        from = at + sep.length();
      }
      out.add(Value.string(s.substring(from)));
    }
    return Value.list(Type.STRING, out);
  }

  /**
   * {@code join(separator, lists...)}: joins the elements of one or more lists of strings; null
   * elements are an error naming their position.
   */
  public static Value join(Value separator, List<Value> lists) throws FunctionException {
    if (lists.isEmpty()) {
      throw new FunctionException("at least one list is required");
    }
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < lists.size(); i++) {
      int j = 0;
      for (Value element : lists.get(i).elements()) {
        if (element.isNull()) {
          throw new FunctionException(i + 1, "element " + j + " is null");
        }
        parts.add(element.asString());
        j++;
      }
    }
    return text(String.join(separator.asString(), parts));
  }

  /** {@code replace(str, substr, replace)}: replaces every occurrence; no regex form in cty's version. */
  public static Value replace(Value str, Value substr, Value replacement) {
    return text(str.asString().replace(substr.asString(), replacement.asString()));
  }

  /**
   * {@code regex_replace(str, pattern, replace)}: Go RE2 syntax and Go's {@code $1}/{@code ${name}}
   * expansion.
   */
  public static Value regexReplace(Value str, Value pattern, Value replacement) throws FunctionException {
    Pattern re;
    try {
      re = Pattern.compile(pattern.asString());
    } catch (PatternSyntaxException e) {
      throw new FunctionException(1, "invalid regex: " + e.getDescription());
    }
    Matcher m = re.matcher(str.asString());
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(expandGo(replacement.asString(), m)));
    }
    m.appendTail(out);
    return text(out.toString());
  }

  /** Go's Regexp.Expand: {@code $n}, {@code ${n}}, {@code ${name}}, {@code $$}; unknown groups expand to "". */
  private static String expandGo(String template, Matcher m) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c != '$' || i + 1 >= template.length()) {
        b.append(c);
        continue;
      }
      char next = template.charAt(i + 1);
      if (next == '$') {
        b.append('$');
        i++;
        continue;
      }
      String name;
      int end;
      if (next == '{') {
        int close = template.indexOf('}', i + 2);
        if (close < 0) {
          b.append(c);
          continue;
        }
        name = template.substring(i + 2, close);
        end = close;
      } else {
        int j = i + 1;
        while (j < template.length() && (Character.isLetterOrDigit(template.charAt(j)) || template.charAt(j) == '_')) {
          j++;
        }
        if (j == i + 1) {
          b.append(c);
          continue;
        }
        name = template.substring(i + 1, j);
        end = j - 1;
      }
      b.append(group(m, name));
      i = end;
    }
    return b.toString();
  }

  private static String group(Matcher m, String name) {
    try {
      String g = name.chars().allMatch(Character::isDigit) ? m.group(Integer.parseInt(name)) : m.group(name);
      return g == null ? "" : g;
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return "";
    }
  }

  /** A string result, NFC-normalized as cty normalizes every string value. */
  static Value text(String s) {
    return Value.string(Normalizer.normalize(s, Normalizer.Form.NFC));
  }

  /** The argument as a whole int, or an argument error in cty's words. */
  static int wholeNumber(Value number, int argIndex) throws FunctionException {
    BigDecimal n = number.asNumber();
    try {
      return n.intValueExact();
    } catch (ArithmeticException e) {
      throw new FunctionException(argIndex, "value must be a whole number");
    }
  }
}
