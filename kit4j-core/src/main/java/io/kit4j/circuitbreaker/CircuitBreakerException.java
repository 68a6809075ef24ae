package io.kit4j.circuitbreaker;

import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.KitError;

/**
 * An error a breaker raises itself, with hystrix-go's message ({@code "hystrix: " + reason}) and the status
 * the default error encoders answer it with. Compare by type, not by message.
 */
public abstract sealed class CircuitBreakerException extends KitError
        permits CircuitOpenException, MaxConcurrencyException, CommandTimeoutException {
    private static final long serialVersionUID = 1L;

    private final String breaker;

    CircuitBreakerException(ErrorCode code, String reason, String breaker) {
        super(code, "hystrix: " + reason);
        this.breaker = breaker;
    }

    /** The name of the breaker that raised it. */
    public String breakerName() {
        return breaker;
    }
}
