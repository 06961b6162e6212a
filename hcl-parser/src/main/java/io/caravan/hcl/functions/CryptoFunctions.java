package io.caravan.hcl.functions;

import io.caravan.hcl.Value;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** go-cty-funcs hash functions over a string's UTF-8 bytes, as lowercase hex: md5, sha1, sha256, sha512. */
public final class CryptoFunctions {
  private CryptoFunctions() {}

  /** {@code md5(str)}. */
  public static Value md5(Value str) {
    return digest("MD5", str);
  }

  /** {@code sha1(str)}. */
  public static Value sha1(Value str) {
    return digest("SHA-1", str);
  }

  /** {@code sha256(str)}. */
  public static Value sha256(Value str) {
    return digest("SHA-256", str);
  }

  /** {@code sha512(str)}. */
  public static Value sha512(Value str) {
    return digest("SHA-512", str);
  }

  private static Value digest(String algorithm, Value str) {
    try {
      byte[] hash = MessageDigest.getInstance(algorithm).digest(str.asString().getBytes(StandardCharsets.UTF_8));
      return Value.string(HexFormat.of().formatHex(hash));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides " + algorithm, e);
    }
  }
}
