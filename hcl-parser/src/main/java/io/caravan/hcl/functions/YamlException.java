package io.caravan.hcl.functions;

/** A YAML decoding failure; its message is go-cty-yaml's wording, with "on line L, column C: " when positioned. */
final class YamlException extends Exception {
  YamlException(String message) {
    super(message, null, false, false);
  }

  /** The message prefixed with a position, as go-cty-yaml's Error type prints it. */
  static YamlException at(int line, int column, String message) {
    return new YamlException("on line " + line + ", column " + column + ": " + message);
  }
}
