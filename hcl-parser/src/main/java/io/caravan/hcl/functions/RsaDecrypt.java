package io.caravan.hcl.functions;

import io.caravan.hcl.FunctionException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Base64;
import javax.crypto.Cipher;

/**
 * go-cty-funcs' {@code rsadecrypt}: PKCS #1 v1.5 decryption of base64 ciphertext with an
 * unencrypted PKCS #1 ({@code RSA PRIVATE KEY}) PEM key, using the JDK's RSA cipher.
 */
final class RsaDecrypt {
  private RsaDecrypt() {}

  static String decrypt(String ciphertext, String pem) throws FunctionException {
    byte[] cipherBytes;
    try {
      cipherBytes = Base64.getDecoder().decode(ciphertext);
      if (ciphertext.length() % 4 != 0) throw new IllegalArgumentException("unpadded");
    } catch (IllegalArgumentException e) {
      throw new FunctionException("failed to decode input " + YamlScalars.goQuote(ciphertext)
          + ": cipher text must be base64-encoded");
    }
    Pem block = Pem.first(pem);
    if (block == null) throw new FunctionException("failed to parse key: no key found");
    if (block.encrypted) {
      throw new FunctionException(
          "failed to parse key: password protected keys are not supported. Please decrypt the key prior to use");
    }
    PrivateKey key = pkcs1PrivateKey(block.der);
    try {
      Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
      rsa.init(Cipher.DECRYPT_MODE, key);
      return new String(rsa.doFinal(cipherBytes), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new FunctionException("crypto/rsa: decryption error");
    }
  }

  /** RSAPrivateKey ::= SEQUENCE { version, n, e, d, p, q, dP, dQ, qInv } (RFC 8017 A.1.2). */
  private static PrivateKey pkcs1PrivateKey(byte[] der) throws FunctionException {
    try {
      Der seq = new Der(der, 0, der.length).enter(0x30);
      BigInteger version = seq.integer();
      if (version.signum() != 0) throw new IllegalArgumentException("multi-prime keys are not supported");
      BigInteger n = seq.integer(), e = seq.integer(), d = seq.integer(), p = seq.integer(), q = seq.integer();
      BigInteger dp = seq.integer(), dq = seq.integer(), qinv = seq.integer();
      return KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(n, e, d, p, q, dp, dq, qinv));
    } catch (IllegalArgumentException | IndexOutOfBoundsException | GeneralSecurityException ex) {
      throw new FunctionException("x509: failed to parse private key (use ParsePKCS8PrivateKey instead for this key format)");
    }
  }

  /** The first PEM block of a text: its type's encryption header and its DER bytes. */
  private record Pem(boolean encrypted, byte[] der) {
    static Pem first(String text) {
      int begin = text.indexOf("-----BEGIN ");
      while (begin >= 0) {
        int typeEnd = text.indexOf("-----", begin + 11);
        if (typeEnd < 0) return null;
        String type = text.substring(begin + 11, typeEnd);
        int bodyStart = typeEnd + 5;
        int end = text.indexOf("-----END " + type + "-----", bodyStart);
        if (end < 0) return null;
        String body = text.substring(bodyStart, end);
        boolean encrypted = false;
        StringBuilder b64 = new StringBuilder();
        for (String line : body.split("\r?\n")) {
          String l = line.strip();
          if (l.contains(":")) {
            if (l.replace(" ", "").equals("Proc-Type:4,ENCRYPTED")) encrypted = true;
            continue;
          }
          b64.append(l);
        }
        try {
          return new Pem(encrypted, Base64.getDecoder().decode(b64.toString()));
        } catch (IllegalArgumentException e) {
          begin = text.indexOf("-----BEGIN ", end); // Go's pem.Decode skips a malformed block
        }
      }
      return null;
    }
  }

  /** A minimal DER reader over a byte range. */
  private static final class Der {
    private final byte[] b;
    private int pos;
    private final int end;

    Der(byte[] b, int from, int end) {
      this.b = b;
      this.pos = from;
      this.end = end;
    }

    /** The contents of the next element, which must have tag {@code tag}. */
    Der enter(int tag) {
      if ((b[pos] & 0xff) != tag) throw new IllegalArgumentException("unexpected DER tag");
      pos++;
      int len = length();
      if (pos + len > end) throw new IllegalArgumentException("truncated DER");
      Der inner = new Der(b, pos, pos + len);
      pos += len;
      return inner;
    }

    BigInteger integer() {
      Der i = enter(0x02);
      if (i.end == i.pos) throw new IllegalArgumentException("empty INTEGER");
      byte[] v = new byte[i.end - i.pos];
      System.arraycopy(b, i.pos, v, 0, v.length);
      return new BigInteger(v);
    }

    private int length() {
      int first = b[pos++] & 0xff;
      if (first < 0x80) return first;
      int count = first & 0x7f;
      if (count == 0 || count > 4) throw new IllegalArgumentException("bad DER length");
      int len = 0;
      for (int i = 0; i < count; i++) len = (len << 8) | (b[pos++] & 0xff);
      if (len < 0) throw new IllegalArgumentException("bad DER length");
      return len;
    }
  }
}
