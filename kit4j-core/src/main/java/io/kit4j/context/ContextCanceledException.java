package io.kit4j.context;

import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.KitError;

/** The error of a context that was cancelled: Go's {@code context.Canceled}. Status 499. */
public final class ContextCanceledException extends KitError {
    private static final long serialVersionUID = 1L;

    /** The error with Go's message, "context canceled". */
    public ContextCanceledException() {
        super(ErrorCode.CANCELED, "context canceled");
    }
}
