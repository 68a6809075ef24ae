package io.kit4j.errors;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What a transport tells a caller about a failure: status, code, caller-facing message and headers.
 *
 * <p>{@link #of(Throwable)} is the one place where kit4j decides what an exception may reveal: a
 * {@link KitError} or any {@link HasStatus} exception declares its status and its message is shown; any
 * other exception is an undeclared failure, answered as 500 with a generic message so that no internal
 * text or stack trace reaches the wire. Wrappers (executors', reflection's and any {@link Wrapper}) are
 * looked through first.
 *
 * @param status the HTTP status
 * @param code the stable error code
 * @param message the caller-facing message
 * @param headers headers to add to the answer
 */
public record ErrorInfo(int status, ErrorCode code, String message, Map<String, List<String>> headers) {

    /** The message of every undeclared failure. */
    public static final String INTERNAL_MESSAGE = "internal server error";

    /** Describes {@code error} for the wire (see the class comment for what is revealed). */
    public static ErrorInfo of(Throwable error) {
        Throwable e = unwrap(error);
        Map<String, List<String>> headers = e instanceof HasHeaders h && h.headers() != null ? h.headers() : Map.of();
        if (e instanceof KitError k) {
            return new ErrorInfo(k.status(), k.code(), messageOf(k, k.code()), headers);
        }
        if (e instanceof HasStatus s) {
            int status = s.status();
            ErrorCode code = ErrorCode.forStatus(status);
            return new ErrorInfo(status, code, messageOf(e, code), headers);
        }
        return new ErrorInfo(500, ErrorCode.INTERNAL, INTERNAL_MESSAGE, Map.of());
    }

    /**
     * Strips the wrappers that executors and reflection put around the real failure, and any
     * {@link Wrapper}.
     */
    public static Throwable unwrap(Throwable error) {
        Throwable e = error;
        for (int depth = 0; depth < 100; depth++) {
            Throwable inner = null;
            if (e instanceof ExecutionException || e instanceof CompletionException
                    || e instanceof InvocationTargetException || e instanceof UndeclaredThrowableException) {
                inner = e.getCause();
            } else if (e instanceof Wrapper w) {
                inner = w.unwrap();
            }
            if (inner == null || inner == e) {
                return e;
            }
            e = inner;
        }
        return e;
    }

    private static String messageOf(Throwable e, ErrorCode code) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? code.id().replace('_', ' ') : m;
    }
}
