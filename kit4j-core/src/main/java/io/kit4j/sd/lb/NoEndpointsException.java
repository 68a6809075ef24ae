package io.kit4j.sd.lb;

import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.KitError;

/**
 * A balancer found no endpoint to call: go-kit's {@code lb.ErrNoEndpoints}, with its message
 * {@code "no endpoints available"}. Status 503.
 */
public final class NoEndpointsException extends KitError {
    private static final long serialVersionUID = 1L;

    /** The error with go-kit's message. */
    public NoEndpointsException() {
        super(ErrorCode.UNAVAILABLE, "no endpoints available");
    }
}
