package io.caravan.hcl;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/** Number helpers emulating cty's 512-bit binary floating point on top of exact decimals. */
public final class Numbers {
  /** Mantissa precision of cty numbers in bits. */
  public static final int PRECISION_BITS = 512;

  private Numbers() {}

  /** Canonical form of an exact decimal: trailing zeros stripped, zero as plain 0. */
  public static BigDecimal normalize(BigDecimal n) {
    if (n.signum() == 0) return BigDecimal.ZERO;
    BigDecimal s = n.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }

  /**
   * Rounds an exact decimal to the nearest 512-bit binary float (ties to even) and returns the
   * shortest decimal that rounds back to the same float, as Go's big.Float Text('f', -1) does.
   */
  public static BigDecimal roundToFloat(BigDecimal x) {
    if (x.signum() == 0) return BigDecimal.ZERO;
    // Decimals this short are spaced wider than 512-bit floats, so they are already the shortest form.
    if (x.precision() <= 153) return normalize(x);
    if (Math.abs((long) x.scale()) > 100_000) return normalize(x.round(new MathContext(155, RoundingMode.HALF_EVEN)));
    BigDecimal ax = x.abs();
    // exact value = unscaled * 10^-scale. Compute binary exponent e such that 2^(P-1) <= ax*2^-e < 2^P.
    BigInteger unscaled = ax.unscaledValue();
    int scale = ax.scale();
    // approximate log2
    long approx = (long) Math.floor((unscaled.bitLength() - 1) - scale * (Math.log(10) / Math.log(2)));
    long e = approx - (PRECISION_BITS - 1);
    BigInteger mant = scaledFloor(unscaled, scale, e);
    while (mant.bitLength() > PRECISION_BITS) { e++; mant = scaledFloor(unscaled, scale, e); }
    while (mant.bitLength() < PRECISION_BITS) { e--; mant = scaledFloor(unscaled, scale, e); }
    // remainder check for rounding: compare ax with (mant + 0.5) * 2^e
    BigDecimal lo = pow2(mant, e);
    BigDecimal half = pow2(BigInteger.ONE, e - 1);
    int cmp = ax.subtract(lo).compareTo(half);
    if (cmp > 0 || (cmp == 0 && mant.testBit(0))) {
      mant = mant.add(BigInteger.ONE);
      if (mant.bitLength() > PRECISION_BITS) { mant = mant.shiftRight(1); e++; }
    }
    if (ax.compareTo(pow2(mant, e)) == 0) return normalize(x);
    BigDecimal exact = pow2(mant, e);
    BigDecimal ulpHalf = pow2(BigInteger.ONE, e - 1);
    BigDecimal low = exact.subtract(ulpHalf), high = exact.add(ulpHalf);
    // shortest decimal strictly inside (low, high) (ties excluded for simplicity): try increasing digits
    BigDecimal r = shortestBetween(exact, low, high);
    return normalize(x.signum() < 0 ? r.negate() : r);
  }

  private static BigDecimal shortestBetween(BigDecimal exact, BigDecimal low, BigDecimal high) {
    int digits = exact.precision();
    for (int p = 1; p <= digits; p++) {
      BigDecimal c = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (c.compareTo(low) > 0 && c.compareTo(high) < 0) return c;
    }
    return exact;
  }

  private static BigInteger scaledFloor(BigInteger unscaled, int scale, long e) {
    // floor(unscaled * 10^-scale * 2^-e)
    BigInteger num = unscaled, den = BigInteger.ONE;
    if (scale > 0) den = den.multiply(BigInteger.TEN.pow(scale)); else if (scale < 0) num = num.multiply(BigInteger.TEN.pow(-scale));
    if (e > 0) den = den.shiftLeft((int) e); else if (e < 0) num = num.shiftLeft((int) -e);
    return num.divide(den);
  }

  private static BigDecimal pow2(BigInteger m, long e) {
    if (e >= 0) return new BigDecimal(m.shiftLeft((int) e));
    return new BigDecimal(m).multiply(BigDecimal.ONE.divide(new BigDecimal(BigInteger.ONE.shiftLeft((int) -e)))) ;
  }
}
