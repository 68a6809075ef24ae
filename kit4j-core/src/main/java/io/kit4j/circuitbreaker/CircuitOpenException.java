package io.kit4j.circuitbreaker;

import io.kit4j.errors.ErrorCode;

/** The breaker is open, so the command was not run: hystrix-go's {@code ErrCircuitOpen}. Status 503. */
public final class CircuitOpenException extends CircuitBreakerException {
    private static final long serialVersionUID = 1L;

    /** The error for breaker {@code breaker}, with the message "hystrix: circuit open". */
    public CircuitOpenException(String breaker) {
        super(ErrorCode.UNAVAILABLE, "circuit open", breaker);
    }
}
