package io.kit4j.errors;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An error that says what went wrong in words fit for the caller, with the status and code a transport
 * answers it with, and optional headers (for example {@code Retry-After}).
 *
 * <p>Endpoints throw it; the default error encoders write {@code {"error": message, "code": code}} with
 * {@link #status()}. Its message is shown to clients, so it must never hold internal details; put
 * those in the cause, which is logged but never written to the wire.
 */
public class KitError extends RuntimeException implements HasStatus, HasHeaders {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final transient Map<String, List<String>> headers;

    /** An error of the given kind with a caller-facing message. */
    public KitError(ErrorCode code, String message) {
        this(code, message, Map.of(), null);
    }

    /** An error of the given kind with a caller-facing message and the internal cause. */
    public KitError(ErrorCode code, String message, Throwable cause) {
        this(code, message, Map.of(), cause);
    }

    /** An error with headers to add to the response. */
    public KitError(ErrorCode code, String message, Map<String, List<String>> headers, Throwable cause) {
        super(message, cause, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.headers = Map.copyOf(headers);
    }

    /** The kind of failure. */
    public ErrorCode code() {
        return code;
    }

    @Override
    public int status() {
        return code.status();
    }

    @Override
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** 400: the request is malformed or a value is out of range. */
    public static KitError invalidArgument(String message) {
        return new KitError(ErrorCode.INVALID_ARGUMENT, message);
    }

    /** 404: the thing asked for does not exist. */
    public static KitError notFound(String message) {
        return new KitError(ErrorCode.NOT_FOUND, message);
    }

    /** 409: the thing to create exists already, or the change conflicts with another. */
    public static KitError alreadyExists(String message) {
        return new KitError(ErrorCode.ALREADY_EXISTS, message);
    }

    /** 401: the caller is not authenticated. */
    public static KitError unauthenticated(String message) {
        return new KitError(ErrorCode.UNAUTHENTICATED, message);
    }

    /** 403: the caller is authenticated but may not do this. */
    public static KitError permissionDenied(String message) {
        return new KitError(ErrorCode.PERMISSION_DENIED, message);
    }

    /** 429: a limit refused the call. */
    public static KitError resourceExhausted(String message) {
        return new KitError(ErrorCode.RESOURCE_EXHAUSTED, message);
    }

    /** 503: the service cannot take the call now. */
    public static KitError unavailable(String message) {
        return new KitError(ErrorCode.UNAVAILABLE, message);
    }

    /** 500: something failed inside; the message is generic, the cause is for the logs. */
    public static KitError internal(Throwable cause) {
        return new KitError(ErrorCode.INTERNAL, "internal server error", cause);
    }
}
