package io.caravan.hcl.functions;

import io.caravan.hcl.FunctionException;
import io.caravan.hcl.Value;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** go-cty-funcs encoding functions: base64encode, base64decode, urlencode. */
public final class EncodingFunctions {
  private EncodingFunctions() {}

  /** {@code base64encode(str)}: standard alphabet with padding over the UTF-8 bytes. */
  public static Value base64encode(Value str) {
    return Value.string(Base64.getEncoder().encodeToString(str.asString().getBytes(StandardCharsets.UTF_8)));
  }

  /** {@code base64decode(str)}: the decoded bytes must be valid UTF-8. */
  public static Value base64decode(Value str) throws FunctionException {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(str.asString());
    } catch (IllegalArgumentException e) {
      throw new FunctionException("failed to decode base64 data '" + str.asString() + "'");
    }
    try {
      return StringFunctions.text(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString());
    } catch (CharacterCodingException e) {
      throw new FunctionException("the result of decoding the provided string is not valid UTF-8");
    }
  }

  /** {@code urlencode(str)}: Go's url.QueryEscape (space becomes {@code +}). */
  public static Value urlencode(Value str) {
    byte[] bytes = str.asString().getBytes(StandardCharsets.UTF_8);
    StringBuilder b = new StringBuilder(bytes.length);
    for (byte raw : bytes) {
      int c = raw & 0xFF;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~') {
        b.append((char) c);
      } else if (c == ' ') {
        b.append('+');
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return Value.string(b.toString());
  }
}
