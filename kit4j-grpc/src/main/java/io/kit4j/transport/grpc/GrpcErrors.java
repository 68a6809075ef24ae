package io.kit4j.transport.grpc;

import io.grpc.Metadata;
import io.grpc.Status;
import io.kit4j.context.ContextCanceledException;
import io.kit4j.context.DeadlineExceededException;
import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.ErrorInfo;
import io.kit4j.errors.KitError;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * kit4j's one error model on gRPC, both ways.
 *
 * <p>Server: {@link #status(ErrorInfo)} answers a failure with the gRPC code of its {@link ErrorCode}
 * (decided by {@link ErrorInfo#of}: declared errors keep their message, undeclared ones are
 * {@code INTERNAL} "internal server error"), and {@link #trailers(ErrorInfo)} adds the exact kit4j code
 * as {@code kit4j-error-code} plus the error's {@link io.kit4j.errors.HasHeaders headers}.
 *
 * <p>Client: {@link #fromStatus} turns a status back into the same typed error: the
 * {@code kit4j-error-code} trailer when a kit4j server sent one (so 405 or 413 survive a trip although
 * gRPC has no such codes), else the gRPC code's counterpart; {@code DEADLINE_EXCEEDED} becomes
 * {@link DeadlineExceededException} and {@code CANCELLED} {@link ContextCanceledException}.
 */
public final class GrpcErrors {
    /** The trailer carrying the exact {@link ErrorCode#id()} of a failure answered by kit4j. */
    public static final Metadata.Key<String> ERROR_CODE = Metadata.Key.of("kit4j-error-code",
            Metadata.ASCII_STRING_MARSHALLER);

    private GrpcErrors() {
    }

    /** The gRPC code a kit4j error code is answered with. */
    public static Status.Code toGrpc(ErrorCode code) {
        return switch (code) {
            case INVALID_ARGUMENT, NOT_ACCEPTABLE, URI_TOO_LONG, UNSUPPORTED_MEDIA_TYPE -> Status.Code.INVALID_ARGUMENT;
            case UNAUTHENTICATED -> Status.Code.UNAUTHENTICATED;
            case PERMISSION_DENIED -> Status.Code.PERMISSION_DENIED;
            case NOT_FOUND -> Status.Code.NOT_FOUND;
            case METHOD_NOT_ALLOWED, NOT_IMPLEMENTED -> Status.Code.UNIMPLEMENTED;
            case REQUEST_TIMEOUT, DEADLINE_EXCEEDED -> Status.Code.DEADLINE_EXCEEDED;
            case ALREADY_EXISTS -> Status.Code.ALREADY_EXISTS;
            case FAILED_PRECONDITION -> Status.Code.FAILED_PRECONDITION;
            case PAYLOAD_TOO_LARGE, HEADERS_TOO_LARGE, RESOURCE_EXHAUSTED -> Status.Code.RESOURCE_EXHAUSTED;
            case CANCELED -> Status.Code.CANCELLED;
            case INTERNAL -> Status.Code.INTERNAL;
            case BAD_GATEWAY, UNAVAILABLE -> Status.Code.UNAVAILABLE;
            // a code added to ErrorCode later: its class decides until it is mapped here
            default -> code.status() < 500 ? Status.Code.INVALID_ARGUMENT : Status.Code.INTERNAL;
        };
    }

    /** The kit4j code of a gRPC code (Google's HTTP mapping: ABORTED is a conflict, OUT_OF_RANGE bad input). */
    public static ErrorCode fromGrpc(Status.Code code) {
        return switch (code) {
            case INVALID_ARGUMENT, OUT_OF_RANGE -> ErrorCode.INVALID_ARGUMENT;
            case UNAUTHENTICATED -> ErrorCode.UNAUTHENTICATED;
            case PERMISSION_DENIED -> ErrorCode.PERMISSION_DENIED;
            case NOT_FOUND -> ErrorCode.NOT_FOUND;
            case ALREADY_EXISTS, ABORTED -> ErrorCode.ALREADY_EXISTS;
            case FAILED_PRECONDITION -> ErrorCode.FAILED_PRECONDITION;
            case RESOURCE_EXHAUSTED -> ErrorCode.RESOURCE_EXHAUSTED;
            case CANCELLED -> ErrorCode.CANCELED;
            case DEADLINE_EXCEEDED -> ErrorCode.DEADLINE_EXCEEDED;
            case UNIMPLEMENTED -> ErrorCode.NOT_IMPLEMENTED;
            case UNAVAILABLE -> ErrorCode.UNAVAILABLE;
            case OK, UNKNOWN, INTERNAL, DATA_LOSS -> ErrorCode.INTERNAL;
        };
    }

    /** The status a failure is answered with: its code and caller-facing message, nothing internal. */
    public static Status status(ErrorInfo info) {
        return Status.fromCode(toGrpc(info.code())).withDescription(info.message());
    }

    /** The trailers a failure is answered with: {@link #ERROR_CODE} and the error's headers. */
    public static Metadata trailers(ErrorInfo info) {
        Metadata md = new Metadata();
        md.put(ERROR_CODE, info.code().id());
        for (Map.Entry<String, List<String>> e : info.headers().entrySet()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX) || name.equals(ERROR_CODE.name())) {
                continue;
            }
            try {
                Metadata.Key<String> key = Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
                for (String v : e.getValue()) {
                    md.put(key, v);
                }
            } catch (IllegalArgumentException notAValidName) {
                // HTTP allows names gRPC does not (upper case is lowered above); such a header is dropped.
            }
        }
        return md;
    }

    /**
     * The typed error a failed call stands for on the client. {@code trailers} may be null. Transport
     * failures (a status with a local cause, such as a refused connection) read "upstream unavailable".
     */
    public static KitError fromStatus(Status status, Metadata trailers) {
        ErrorCode code = null;
        String sent = trailers == null ? null : trailers.get(ERROR_CODE);
        if (sent != null) {
            for (ErrorCode c : ErrorCode.values()) {
                if (c.id().equals(sent)) {
                    code = c;
                    break;
                }
            }
        }
        if (code == null) {
            code = fromGrpc(status.getCode());
        }
        String message = status.getDescription();
        if (message == null || message.isBlank()) {
            message = code.id().replace('_', ' ');
        }
        if (sent == null && status.getCause() != null && code == ErrorCode.UNAVAILABLE) {
            message = "upstream unavailable: " + message;
        }
        return switch (code) {
            case DEADLINE_EXCEEDED -> new DeadlineExceededException(message);
            case CANCELED -> new ContextCanceledException();
            default -> new KitError(code, message);
        };
    }
}
