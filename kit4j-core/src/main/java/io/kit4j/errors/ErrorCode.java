package io.kit4j.errors;

/**
 * The kinds of failure every kit4j transport understands, each with its HTTP status and a stable
 * machine-readable name (the {@code "code"} field of an error body). The names follow gRPC's status
 * codes so that an error keeps its meaning across HTTP and gRPC.
 */
public enum ErrorCode {
    INVALID_ARGUMENT(400, "invalid_argument"),
    UNAUTHENTICATED(401, "unauthenticated"),
    PERMISSION_DENIED(403, "permission_denied"),
    NOT_FOUND(404, "not_found"),
    METHOD_NOT_ALLOWED(405, "method_not_allowed"),
    NOT_ACCEPTABLE(406, "not_acceptable"),
    REQUEST_TIMEOUT(408, "request_timeout"),
    ALREADY_EXISTS(409, "already_exists"),
    FAILED_PRECONDITION(412, "failed_precondition"),
    PAYLOAD_TOO_LARGE(413, "payload_too_large"),
    URI_TOO_LONG(414, "uri_too_long"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type"),
    RESOURCE_EXHAUSTED(429, "resource_exhausted"),
    HEADERS_TOO_LARGE(431, "headers_too_large"),
    CANCELED(499, "canceled"),
    INTERNAL(500, "internal"),
    NOT_IMPLEMENTED(501, "not_implemented"),
    BAD_GATEWAY(502, "bad_gateway"),
    UNAVAILABLE(503, "unavailable"),
    DEADLINE_EXCEEDED(504, "deadline_exceeded"),
    HTTP_VERSION_NOT_SUPPORTED(505, "http_version_not_supported");

    private final int status;
    private final String id;

    ErrorCode(int status, String id) {
        this.status = status;
        this.id = id;
    }

    /** The HTTP status this kind of failure is answered with. */
    public int status() {
        return status;
    }

    /** The stable name written in error bodies, for example {@code "not_found"}. */
    public String id() {
        return id;
    }

    /** The code for an HTTP status: an exact match, else the generic 400 or 500 code of its class. */
    public static ErrorCode forStatus(int status) {
        for (ErrorCode c : values()) {
            if (c.status == status) {
                return c;
            }
        }
        return status >= 400 && status < 500 ? INVALID_ARGUMENT : INTERNAL;
    }
}
