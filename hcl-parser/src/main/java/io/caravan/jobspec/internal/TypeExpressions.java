package io.caravan.jobspec.internal;

import com.google.common.collect.ImmutableList;
import io.caravan.hcl.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Parses HCL type constraints ({@code string}, {@code list(number)}, {@code object({a=string})}) from source text. */
public final class TypeExpressions {
  private final String s;
  private int i;

  private TypeExpressions(String s) {
    this.s = s;
  }

  /** The type written in {@code source}, or null when it is not a valid type expression. */
  public static Type parse(String source) {
    TypeExpressions p = new TypeExpressions(source);
    Type t = p.type();
    p.space();
    return t != null && p.i == p.s.length() ? t : null;
  }

  private void space() {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
  }

  private String word() {
    space();
    int start = i;
    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '-')) {
      i++;
    }
    return s.substring(start, i);
  }

  private boolean eat(char c) {
    space();
    if (i < s.length() && s.charAt(i) == c) {
      i++;
      return true;
    }
    return false;
  }

  private Type type() {
    String w = word();
    switch (w) {
      case "string":
        return Type.STRING;
      case "number":
        return Type.NUMBER;
      case "bool":
        return Type.BOOL;
      case "any":
        return Type.DYNAMIC;
      case "list", "set", "map": {
        if (!eat('(')) {
          return null;
        }
        Type e = type();
        if (e == null || !eat(')')) {
          return null;
        }
        return w.equals("list") ? new Type.ListType(e) : w.equals("set") ? new Type.SetType(e) : new Type.MapType(e);
      }
      case "tuple": {
        if (!eat('(') || !eat('[')) {
          return null;
        }
        List<Type> elems = new ArrayList<>();
        while (!eat(']')) {
          Type e = type();
          if (e == null) {
            return null;
          }
          elems.add(e);
          eat(',');
        }
        return eat(')') ? new Type.TupleType(ImmutableList.copyOf(elems)) : null;
      }
      case "object": {
        if (!eat('(') || !eat('{')) {
          return null;
        }
        Map<String, Type> attrs = new TreeMap<>();
        while (!eat('}')) {
          String name = word();
          if (name.isEmpty() || !(eat('=') || eat(':'))) {
            return null;
          }
          Type e = type();
          if (e == null) {
            return null;
          }
          attrs.put(name, e);
          if (!eat(',')) {
            space();
          }
        }
        return eat(')') ? Type.ObjectType.of(attrs) : null;
      }
      default:
        return null;
    }
  }
}
