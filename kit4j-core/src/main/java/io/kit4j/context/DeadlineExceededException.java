package io.kit4j.context;

import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.KitError;

/** The error of a context whose deadline passed: Go's {@code context.DeadlineExceeded}. Status 504. */
public final class DeadlineExceededException extends KitError {
    private static final long serialVersionUID = 1L;

    /** The error with Go's message, "context deadline exceeded". */
    public DeadlineExceededException() {
        super(ErrorCode.DEADLINE_EXCEEDED, "context deadline exceeded");
    }

    /** The error with a message of its own, for example naming the operation that ran out of time. */
    public DeadlineExceededException(String message) {
        super(ErrorCode.DEADLINE_EXCEEDED, message);
    }
}
