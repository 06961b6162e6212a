package io.caravan.hcl.functions;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * The bcrypt password hash (Provos and Mazières' EksBlowfish), in the {@code $2a$} modular-crypt
 * form Go's x/crypto/bcrypt produces. Blowfish's initial P-array and S-boxes are the hexadecimal
 * digits of π's fractional part; they are computed once, on first use, rather than tabulated.
 */
final class Bcrypt {
  /** bcrypt's own base-64 alphabet. */
  private static final String ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final byte[] MAGIC = "OrpheanBeholderScryDoubt".getBytes(StandardCharsets.US_ASCII);
  static final int MIN_COST = 4;
  static final int MAX_COST = 31;
  static final int SALT_BYTES = 16;

  private final int[] p = new int[18];
  private final int[][] s = new int[4][256];

  private Bcrypt() {
    System.arraycopy(Pi.WORDS, 0, p, 0, 18);
    for (int box = 0; box < 4; box++) System.arraycopy(Pi.WORDS, 18 + 256 * box, s[box], 0, 256);
  }

  /** The hash of {@code password} (at most 72 bytes are significant) with the given cost and 16-byte salt. */
  static String hash(byte[] password, int cost, byte[] salt) {
    if (cost < MIN_COST || cost > MAX_COST) throw new IllegalArgumentException("cost " + cost);
    if (salt.length != SALT_BYTES) throw new IllegalArgumentException("salt must be 16 bytes");
    byte[] key = new byte[Math.min(password.length + 1, 72)]; // NUL-terminated, as the $2a$ scheme keys it
    System.arraycopy(password, 0, key, 0, Math.min(password.length, 72));
    Bcrypt b = new Bcrypt();
    b.expand(key, salt);
    long rounds = 1L << cost;
    for (long i = 0; i < rounds; i++) {
      b.expand(key, null);
      b.expand(salt, null);
    }
    int[] text = new int[6];
    int[] pos = {0};
    for (int i = 0; i < 6; i++) text[i] = word(MAGIC, pos);
    int[] lr = new int[2];
    for (int j = 0; j < 6; j += 2) {
      lr[0] = text[j];
      lr[1] = text[j + 1];
      for (int i = 0; i < 64; i++) b.encipher(lr);
      text[j] = lr[0];
      text[j + 1] = lr[1];
    }
    byte[] digest = new byte[23];
    for (int i = 0; i < 23; i++) digest[i] = (byte) (text[i / 4] >>> (24 - 8 * (i % 4)));
    return "$2a$" + (cost < 10 ? "0" : "") + cost + "$" + encode(salt) + encode(digest);
  }

  /** The salt of a {@code $2a$}/{@code $2b$}/{@code $2y$} hash, or null when the text is not one. */
  static byte[] saltOf(String hash) {
    if (hash.length() != 60 || hash.charAt(0) != '$' || hash.charAt(1) != '2' || hash.charAt(3) != '$') return null;
    return decode(hash.substring(7, 29), SALT_BYTES);
  }

  /** The cost of such a hash. */
  static int costOf(String hash) {
    return Integer.parseInt(hash.substring(4, 6));
  }

  /**
   * Blowfish's key expansion. With a salt it is EksBlowfish's salted expansion (the salt is folded
   * into every block enciphered); without one it is the plain Blowfish key schedule.
   */
  private void expand(byte[] key, byte[] salt) {
    int[] kp = {0};
    for (int i = 0; i < 18; i++) p[i] ^= word(key, kp);
    int[] sp = {0};
    int[] lr = {0, 0};
    for (int i = 0; i < 18; i += 2) {
      mixSalt(lr, salt, sp);
      encipher(lr);
      p[i] = lr[0];
      p[i + 1] = lr[1];
    }
    for (int[] box : s) {
      for (int i = 0; i < 256; i += 2) {
        mixSalt(lr, salt, sp);
        encipher(lr);
        box[i] = lr[0];
        box[i + 1] = lr[1];
      }
    }
  }

  private static void mixSalt(int[] lr, byte[] salt, int[] sp) {
    if (salt == null) return;
    lr[0] ^= word(salt, sp);
    lr[1] ^= word(salt, sp);
  }

  private void encipher(int[] lr) {
    int l = lr[0], r = lr[1];
    l ^= p[0];
    for (int i = 1; i <= 16; i += 2) {
      r ^= f(l) ^ p[i];
      l ^= f(r) ^ p[i + 1];
    }
    lr[0] = r ^ p[17];
    lr[1] = l;
  }

  private int f(int x) {
    return ((s[0][x >>> 24] + s[1][(x >>> 16) & 0xff]) ^ s[2][(x >>> 8) & 0xff]) + s[3][x & 0xff];
  }

  /** The next big-endian 32-bit word of {@code data}, read cyclically from {@code pos[0]}. */
  private static int word(byte[] data, int[] pos) {
    int w = 0;
    for (int i = 0; i < 4; i++) {
      w = (w << 8) | (data[pos[0]] & 0xff);
      pos[0] = (pos[0] + 1) % data.length;
    }
    return w;
  }

  static String encode(byte[] data) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < data.length; i += 3) {
      int c1 = data[i] & 0xff;
      b.append(ALPHABET.charAt(c1 >> 2));
      if (i + 1 >= data.length) {
        b.append(ALPHABET.charAt((c1 & 0x03) << 4));
        break;
      }
      int c2 = data[i + 1] & 0xff;
      b.append(ALPHABET.charAt(((c1 & 0x03) << 4) | (c2 >> 4)));
      if (i + 2 >= data.length) {
        b.append(ALPHABET.charAt((c2 & 0x0f) << 2));
        break;
      }
      int c3 = data[i + 2] & 0xff;
      b.append(ALPHABET.charAt(((c2 & 0x0f) << 2) | (c3 >> 6)));
      b.append(ALPHABET.charAt(c3 & 0x3f));
    }
    return b.toString();
  }

  private static byte[] decode(String text, int bytes) {
    byte[] out = new byte[bytes];
    long acc = 0;
    int bits = 0, n = 0;
    for (int i = 0; i < text.length() && n < bytes; i++) {
      int v = ALPHABET.indexOf(text.charAt(i));
      if (v < 0) return null;
      acc = (acc << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out[n++] = (byte) (acc >>> bits);
      }
    }
    return n == bytes ? out : null;
  }

  /** π's fractional hex digits as 1042 words: 18 for the P-array, then four 256-word S-boxes. */
  static final class Pi {
    static final int[] WORDS = words(18 + 4 * 256);

    private Pi() {}

    /** floor(frac(π)·2^(32n)) split into n words, by Machin's formula in fixed point with 64 guard bits. */
    private static int[] words(int n) {
      int bits = 32 * n + 64;
      BigInteger one = BigInteger.ONE.shiftLeft(bits);
      BigInteger pi = arctanInverse(5, one).shiftLeft(4).subtract(arctanInverse(239, one).shiftLeft(2));
      BigInteger frac = pi.subtract(BigInteger.valueOf(3).shiftLeft(bits)).shiftRight(64);
      int[] out = new int[n];
      for (int i = 0; i < n; i++) out[i] = frac.shiftRight(32 * (n - 1 - i)).intValue();
      return out;
    }

    /** arctan(1/x)·one, summing the alternating series until its terms vanish. */
    private static BigInteger arctanInverse(int x, BigInteger one) {
      BigInteger x2 = BigInteger.valueOf((long) x * x);
      BigInteger power = one.divide(BigInteger.valueOf(x));
      BigInteger sum = power;
      for (int k = 1; power.signum() != 0; k++) {
        power = power.divide(x2);
        BigInteger term = power.divide(BigInteger.valueOf(2L * k + 1));
        sum = (k & 1) == 1 ? sum.subtract(term) : sum.add(term);
      }
      return sum;
    }
  }
}
