package io.caravan.hcl.functions;

import io.caravan.hcl.FunctionException;
import io.caravan.hcl.Value;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * go-cty-funcs crypto functions: md5, sha1, sha256 and sha512 over a string's UTF-8 bytes as
 * lowercase hex; bcrypt; rsadecrypt.
 */
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

  /**
   * {@code bcrypt(str, cost...)}: a {@code $2a$} hash with a 16-byte salt drawn from {@code random}.
   * The cost defaults to 10, a cost below 4 also means 10 (Go's bcrypt), above 31 is an error.
   */
  public static Value bcrypt(Value str, List<Value> cost, RandomGenerator random) throws FunctionException {
    int c = 10;
    if (!cost.isEmpty()) {
      BigDecimal n = cost.get(0).asNumber();
      try {
        c = n.intValueExact();
      } catch (ArithmeticException e) {
        throw new FunctionException("value must be a whole number");
      }
    }
    if (cost.size() > 1) {
      throw new FunctionException("bcrypt() takes no more than two arguments");
    }
    if (c < Bcrypt.MIN_COST) {
      c = 10;
    }
    if (c > Bcrypt.MAX_COST) {
      throw new FunctionException("error occured generating password crypto/bcrypt: cost " + c
          + " is outside allowed range (" + Bcrypt.MIN_COST + "," + Bcrypt.MAX_COST + ")");
    }
    byte[] password = str.asString().getBytes(StandardCharsets.UTF_8);
    if (password.length > 72) {
      throw new FunctionException("error occured generating password bcrypt: password length exceeds 72 bytes");
    }
    byte[] salt = new byte[Bcrypt.SALT_BYTES];
    random.nextBytes(salt);
    return Value.string(Bcrypt.hash(password, c, salt));
  }

  /** {@code rsadecrypt(ciphertext, privatekey)}: PKCS #1 v1.5 with a PKCS #1 PEM key. */
  public static Value rsadecrypt(Value ciphertext, Value privateKey) throws FunctionException {
    return StringFunctions.text(RsaDecrypt.decrypt(ciphertext.asString(), privateKey.asString()));
  }
}
