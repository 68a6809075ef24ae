package io.kit4j.sd.lb;

import io.kit4j.errors.ErrorInfo;
import io.kit4j.errors.HasStatus;
import io.kit4j.errors.Wrapper;
import java.util.List;
import java.util.Objects;

/**
 * {@link Retry} gave up: go-kit's {@code lb.RetryError}. It holds the error of every attempt in order
 * ({@link #rawErrors()}) and the one that ended the retries ({@link #finalError()}: the last attempt's,
 * or the callback's replacement).
 *
 * <p>Its message is go-kit's: the final error's message, followed by
 * {@code " (previously: e1; e2)"} listing the earlier raw errors when there was more than one attempt.
 * That text is for logs. On the wire the error is its final error: as a {@link Wrapper},
 * {@link ErrorInfo#of} describes the final error, so the caller gets its status and message when it is
 * declared (say 503 {@code "no endpoints available"}) and a plain 500 when it is not; {@link #status()}
 * tells the same status. The final error is also the cause.
 */
public final class RetryError extends RuntimeException implements HasStatus, Wrapper {
    private static final long serialVersionUID = 1L;

    private final transient List<Exception> rawErrors;
    private final transient Exception finalError;

    /** The error for attempts that failed with {@code rawErrors}, ending with {@code finalError}. */
    public RetryError(List<? extends Exception> rawErrors, Exception finalError) {
        super(null, Objects.requireNonNull(finalError, "finalError"), false, false);
        this.rawErrors = List.copyOf(rawErrors);
        this.finalError = finalError;
    }

    /** The error of every attempt, first to last. */
    public List<Exception> rawErrors() {
        return rawErrors;
    }

    /** The error that ended the retries. */
    public Exception finalError() {
        return finalError;
    }

    /** The status the final error is answered with: its declared status, else 500. */
    @Override
    public int status() {
        return ErrorInfo.of(finalError).status();
    }

    /** The final error. */
    @Override
    public Throwable unwrap() {
        return finalError;
    }

    @Override
    public String getMessage() {
        StringBuilder b = new StringBuilder(text(finalError));
        if (rawErrors.size() > 1) {
            b.append(" (previously: ");
            for (int i = 0; i < rawErrors.size() - 1; i++) {
                if (i > 0) {
                    b.append("; ");
                }
                b.append(text(rawErrors.get(i)));
            }
            b.append(')');
        }
        return b.toString();
    }

    private static String text(Throwable t) {
        String m = t.getMessage();
        return m != null ? m : t.getClass().getName();
    }
}
