package io.kit4j.log;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Floating-point numbers written as Go writes them: {@code fmt.Sprint} (the {@code %v} verb) for logfmt
 * and {@code encoding/json} for JSON. Both use the shortest decimal that reads back as the same
 * {@code float64} (or {@code float32} for a Java {@code float}); they differ only in when they switch
 * to an exponent and in how they write it.
 */
final class GoFloats {

    private GoFloats() {
    }

    /** As {@code fmt.Sprint}: {@code 1e+06}, {@code 123456}, {@code 0.0001}, {@code 1e-05}, {@code +Inf}. */
    static String print(double v, boolean float32) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return zero(v);
        }
        Decimal d = Decimal.of(v, float32);
        int exp = d.point - 1;
        return exp < -4 || exp >= 6 ? d.scientific(false) : d.plain();
    }

    /** As {@code encoding/json} for a finite value: {@code 1000000}, {@code 1e+21}, {@code 1e-7}. */
    static String json(double v, boolean float32) {
        if (v == 0) {
            return zero(v);
        }
        double abs = Math.abs(v);
        boolean exponent = float32
                ? (float) abs < 1e-6f || (float) abs >= 1e21f
                : abs < 1e-6 || abs >= 1e21;
        Decimal d = Decimal.of(v, float32);
        return exponent ? d.scientific(true) : d.plain();
    }

    private static String zero(double v) {
        return Double.doubleToRawLongBits(v) < 0 ? "-0" : "0";
    }

    /** {@code ±0.digits × 10^point}, with the shortest digits and no trailing zero. */
    private record Decimal(boolean negative, String digits, int point) {

        static Decimal of(double v, boolean float32) {
            BigDecimal java = new BigDecimal(float32 ? Float.toString((float) v) : Double.toString(v));
            BigDecimal shortest = java.stripTrailingZeros();
            if (shortest.precision() == 2) {
                shortest = oneDigit(shortest, v, float32);
            }
            String digits = shortest.unscaledValue().abs().toString();
            return new Decimal(v < 0, digits, digits.length() - shortest.scale());
        }

        /**
         * Java prints two digits when a closer two-digit decimal exists even though one digit reads
         * back correctly ({@code 4.9E-324}); Go keeps the shortest ({@code 5e-324}). This is the
         * closest one-digit decimal that reads back as {@code v}, if any, else {@code twoDigits}.
         */
        private static BigDecimal oneDigit(BigDecimal twoDigits, double v, boolean float32) {
            BigDecimal exact = new BigDecimal(v);
            BigDecimal best = twoDigits;
            for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
                BigDecimal candidate = twoDigits.round(new MathContext(1, mode)).stripTrailingZeros();
                boolean readsBack = float32
                        ? candidate.floatValue() == (float) v
                        : candidate.doubleValue() == v;
                if (readsBack && (best == twoDigits
                        || candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
                    best = candidate;
                }
            }
            return best;
        }

        String plain() {
            StringBuilder b = new StringBuilder(digits.length() + 8);
            if (negative) {
                b.append('-');
            }
            if (point <= 0) {
                b.append("0.").repeat('0', -point).append(digits);
            } else if (point >= digits.length()) {
                b.append(digits).repeat('0', point - digits.length());
            } else {
                b.append(digits, 0, point).append('.').append(digits, point, digits.length());
            }
            return b.toString();
        }

        /** {@code d.ddde±XX}; {@code jsonExponent} drops the padding zero of a negative exponent. */
        String scientific(boolean jsonExponent) {
            StringBuilder b = new StringBuilder(digits.length() + 8);
            if (negative) {
                b.append('-');
            }
            b.append(digits.charAt(0));
            if (digits.length() > 1) {
                b.append('.').append(digits, 1, digits.length());
            }
            int exp = point - 1;
            b.append('e').append(exp < 0 ? '-' : '+');
            int abs = Math.abs(exp);
            if (abs < 10 && !(jsonExponent && exp < 0)) {
                b.append('0');
            }
            return b.append(abs).toString();
        }
    }
}
