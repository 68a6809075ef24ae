package io.kit4j.auth.jwt;

import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The claims of a token, immutable: the registered ones of RFC 7519 typed ({@code iss}, {@code sub},
 * {@code aud}, {@code exp}, {@code nbf}, {@code iat}, {@code jti}) and every other claim by name.
 * Times are whole seconds since the epoch on the wire (NumericDate); {@code aud} is written as a string
 * when it has one value and as an array otherwise, and read in both forms.
 *
 * <pre>{@code
 * Claims c = Claims.builder().subject("alice").audience("usersvc").claim("roles", List.of("admin")).build();
 * }</pre>
 */
public final class Claims {
    private final JWTClaimsSet set;

    private Claims(JWTClaimsSet set) {
        this.set = set;
    }

    /** A builder of claims. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code iss}, or null. */
    public String issuer() {
        return set.getIssuer();
    }

    /** {@code sub}, or null. */
    public String subject() {
        return set.getSubject();
    }

    /** {@code aud}: empty when absent. */
    public List<String> audience() {
        List<String> aud = set.getAudience();
        return aud == null ? List.of() : Collections.unmodifiableList(aud);
    }

    /** {@code exp}, or null. */
    public Instant expiresAt() {
        return instant(set.getExpirationTime());
    }

    /** {@code nbf}, or null. */
    public Instant notBefore() {
        return instant(set.getNotBeforeTime());
    }

    /** {@code iat}, or null. */
    public Instant issuedAt() {
        return instant(set.getIssueTime());
    }

    /** {@code jti}, or null. */
    public String id() {
        return set.getJWTID();
    }

    /** Claim {@code name} as a string; null when absent or not a string. */
    public String string(String name) {
        Object v = set.getClaim(name);
        return v instanceof String s ? s : null;
    }

    /**
     * Claim {@code name} as a list of strings: an array of strings, or a single string as a list of one
     * (so {@code "roles": "admin"} and {@code "roles": ["admin"]} read alike); empty when absent or of
     * another type.
     */
    public List<String> strings(String name) {
        Object v = set.getClaim(name);
        if (v instanceof String s) {
            return List.of(s);
        }
        if (v instanceof List<?> l) {
            List<String> out = new ArrayList<>(l.size());
            for (Object o : l) {
                if (!(o instanceof String s)) {
                    return List.of();
                }
                out.add(s);
            }
            return List.copyOf(out);
        }
        return List.of();
    }

    /** The OAuth 2.0 {@code scope} claim (RFC 8693 §4.2): space-separated scopes, as a list. */
    public List<String> scopes() {
        String s = string("scope");
        if (s == null || s.isBlank()) {
            return strings("scp");
        }
        return Arrays.stream(s.trim().split(" +")).toList();
    }

    /** Claim {@code name} as it was parsed from JSON (String, Number, Boolean, List, Map), or null. */
    public Object get(String name) {
        return set.getClaim(name);
    }

    /** Every claim by name, as parsed from JSON (dates as {@link Date}). */
    public Map<String, Object> asMap() {
        return set.getClaims();
    }

    /** The claims as the JSON object a token carries. */
    public String toJson() {
        return set.toString();
    }

    /** A builder starting from these claims. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.b = new JWTClaimsSet.Builder(set);
        return b;
    }

    JWTClaimsSet nimbus() {
        return set;
    }

    static Claims of(JWTClaimsSet set) {
        return new Claims(set);
    }

    /** The latest NumericDate accepted: 9999-12-31T23:59:59Z. */
    private static final double MAX_NUMERIC_DATE = 253402300799d;

    /**
     * Parses the JSON payload of a token. A registered claim of the wrong type (RFC 7519 §4.1) is a
     * {@link ParseException}, never silently dropped: a string {@code exp} must not read as "no expiry".
     */
    static Claims parse(Map<String, Object> json) throws ParseException {
        for (String name : List.of("iss", "sub", "jti")) {
            Object v = json.get(name);
            if (v != null && !(v instanceof String)) {
                throw new ParseException("claim " + name + " must be a string", 0);
            }
        }
        for (String name : List.of("exp", "nbf", "iat")) {
            Object v = json.get(name);
            if (v != null && !(v instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= MAX_NUMERIC_DATE)) {
                throw new ParseException("claim " + name + " must be a NumericDate", 0);
            }
        }
        Object aud = json.get("aud");
        if (aud != null && !(aud instanceof String)
                && !(aud instanceof List<?> l && l.stream().allMatch(String.class::isInstance))) {
            throw new ParseException("claim aud must be a string or an array of strings", 0);
        }
        return new Claims(JWTClaimsSet.parse(json));
    }

    private static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Claims c && c.set.toJSONObject().equals(set.toJSONObject());
    }

    @Override
    public int hashCode() {
        return set.toJSONObject().hashCode();
    }

    @Override
    public String toString() {
        return "Claims" + toJson();
    }

    /** Builds {@link Claims}. Times are truncated to whole seconds, as NumericDate holds them. */
    public static final class Builder {
        private JWTClaimsSet.Builder b = new JWTClaimsSet.Builder();

        private Builder() {
        }

        /** {@code iss}. */
        public Builder issuer(String iss) {
            b.issuer(iss);
            return this;
        }

        /** {@code sub}. */
        public Builder subject(String sub) {
            b.subject(sub);
            return this;
        }

        /** {@code aud}. */
        public Builder audience(String... aud) {
            b.audience(aud.length == 0 ? null : List.of(aud));
            return this;
        }

        /** {@code exp}. */
        public Builder expiresAt(Instant t) {
            b.expirationTime(date(t));
            return this;
        }

        /** {@code nbf}. */
        public Builder notBefore(Instant t) {
            b.notBeforeTime(date(t));
            return this;
        }

        /** {@code iat}. */
        public Builder issuedAt(Instant t) {
            b.issueTime(date(t));
            return this;
        }

        /** {@code jti}. */
        public Builder id(String jti) {
            b.jwtID(jti);
            return this;
        }

        /**
         * Any other claim: a String, Number, Boolean, List or Map of those (JSON values); null removes it.
         * Registered claim names are better set through their own methods.
         */
        public Builder claim(String name, Object value) {
            Objects.requireNonNull(name, "name");
            b.claim(name, value instanceof Map<?, ?> m ? new LinkedHashMap<>(m) : value);
            return this;
        }

        /** The claims. */
        public Claims build() {
            return new Claims(b.build());
        }

        private static Date date(Instant t) {
            return t == null ? null : Date.from(Instant.ofEpochSecond(t.getEpochSecond()));
        }
    }
}
