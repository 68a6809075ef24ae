package io.kit4j.circuitbreaker;

import io.kit4j.errors.ErrorCode;

/**
 * The breaker's concurrency limit was reached, so the command was not run: hystrix-go's
 * {@code ErrMaxConcurrency}. Status 503.
 */
public final class MaxConcurrencyException extends CircuitBreakerException {
    private static final long serialVersionUID = 1L;

    /** The error for breaker {@code breaker}, with the message "hystrix: max concurrency". */
    public MaxConcurrencyException(String breaker) {
        super(ErrorCode.UNAVAILABLE, "max concurrency", breaker);
    }
}
