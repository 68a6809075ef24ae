package io.kit4j.circuitbreaker;

import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.ErrorInfo;
import io.kit4j.errors.HasStatus;
import io.kit4j.errors.KitError;

/**
 * The fallback threw too: hystrix-go's {@code "fallback failed with '…'. run error was '…'"}.
 *
 * <p>The cause is the fallback's exception; the run error is attached as {@link #runError()}. The status
 * is the fallback error's if it declares one, else the run error's, else 500. The message quotes only what
 * {@link ErrorInfo} lets a caller see, so an undeclared exception's text never reaches the wire.
 */
public final class FallbackFailedException extends KitError {
    private static final long serialVersionUID = 1L;

    private final Throwable runError;

    /** The error for a fallback that failed with {@code fallbackError} after the run failed with {@code runError}. */
    public FallbackFailedException(Throwable fallbackError, Throwable runError) {
        super(codeOf(fallbackError, runError), "fallback failed with '" + ErrorInfo.of(fallbackError).message()
                + "'. run error was '" + ErrorInfo.of(runError).message() + "'", fallbackError);
        this.runError = runError;
    }

    /** Why the fallback was called. */
    public Throwable runError() {
        return runError;
    }

    private static ErrorCode codeOf(Throwable fallbackError, Throwable runError) {
        for (Throwable t : new Throwable[] {fallbackError, runError}) {
            Throwable e = ErrorInfo.unwrap(t);
            if (e instanceof HasStatus) {
                return ErrorInfo.of(e).code();
            }
        }
        return ErrorCode.INTERNAL;
    }
}
