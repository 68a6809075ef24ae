package io.kit4j.auth.jwt;

import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.KitError;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A token that cannot be accepted: a 401 {@link KitError} that says which of go-kit's error kinds it is
 * ({@link #kind()}) and carries the {@code WWW-Authenticate} header of RFC 6750, so kit4j's error encoder
 * answers it as {@code 401} with {@code WWW-Authenticate: Bearer error="invalid_token",
 * error_description="..."} and a JSON body {@code {"error": "...", "code": "unauthenticated"}}.
 *
 * <p>Messages are kit4j's own words; no part of the token is ever echoed back.
 */
public final class JwtException extends KitError {
    private static final long serialVersionUID = 1L;

    /** The ways a token fails, after go-kit's {@code auth/jwt} errors. */
    public enum Kind {
        /** No token reached the parser (go-kit {@code ErrTokenContextMissing}). */
        MISSING("no bearer token"),
        /** Not three base64url segments, or a header or payload that is not the JSON it must be ({@code ErrTokenMalformed}). */
        MALFORMED("JWT is malformed"),
        /** {@code exp} is past, beyond the leeway ({@code ErrTokenExpired}). */
        EXPIRED("JWT is expired"),
        /** {@code nbf} (or {@code iat}) is in the future, beyond the leeway ({@code ErrTokenNotActive}). */
        NOT_YET_VALID("token is not valid yet"),
        /** No trusted key verifies the signature ({@code jwt.ErrSignatureInvalid}). */
        BAD_SIGNATURE("signature is invalid"),
        /** The header names another algorithm than the one the parser is pinned to, {@code none} included ({@code ErrUnexpectedSigningMethod}). */
        UNEXPECTED_SIGNING_METHOD("unexpected signing method"),
        /** The token names a key ({@code kid}) that the key source does not have, even after a refetch. */
        UNKNOWN_KEY("no trusted key for this token"),
        /** Signed and current, but the issuer, audience or a required claim is not what this service accepts. */
        INVALID_CLAIMS("token claims are invalid");

        private final String message;

        Kind(String message) {
            this.message = message;
        }

        /** The fixed part of the message. */
        public String message() {
            return message;
        }
    }

    private final Kind kind;

    private JwtException(Kind kind, String message) {
        super(ErrorCode.UNAUTHENTICATED, message, Map.of("WWW-Authenticate", List.of(challenge(kind, message))), null);
        this.kind = kind;
    }

    /** An error of {@code kind} with its fixed message. */
    public static JwtException of(Kind kind) {
        return new JwtException(Objects.requireNonNull(kind), kind.message());
    }

    /** An error of {@code kind} whose message adds {@code detail} (kit4j's words, never token text). */
    public static JwtException of(Kind kind, String detail) {
        return new JwtException(Objects.requireNonNull(kind), kind.message() + ": " + detail);
    }

    /** Which kind of failure this is. */
    public Kind kind() {
        return kind;
    }

    /**
     * The RFC 6750 challenge: no error attributes when the request carried no token (§3.1), else
     * {@code invalid_token} with the message as description.
     */
    static String challenge(Kind kind, String message) {
        if (kind == Kind.MISSING) {
            return "Bearer";
        }
        return "Bearer error=\"invalid_token\", error_description=\"" + headerSafe(message) + "\"";
    }

    /** Keeps printable ASCII other than quote and backslash, as RFC 6750 allows in error_description. */
    static String headerSafe(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c <= 0x7e && c != '"' && c != '\\' ? c : '?');
        }
        return b.toString();
    }
}
