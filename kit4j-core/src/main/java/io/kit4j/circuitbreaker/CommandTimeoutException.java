package io.kit4j.circuitbreaker;

import io.kit4j.errors.ErrorCode;

/**
 * The command did not finish within the breaker's timeout: hystrix-go's {@code ErrTimeout}. Status 504.
 * (When the caller's context deadline was the earlier bound, the caller gets the context's
 * {@link io.kit4j.context.DeadlineExceededException} instead, as in hystrix-go.)
 */
public final class CommandTimeoutException extends CircuitBreakerException {
    private static final long serialVersionUID = 1L;

    /** The error for breaker {@code breaker}, with the message "hystrix: timeout". */
    public CommandTimeoutException(String breaker) {
        super(ErrorCode.DEADLINE_EXCEEDED, "timeout", breaker);
    }
}
