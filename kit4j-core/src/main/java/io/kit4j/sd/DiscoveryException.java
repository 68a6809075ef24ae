package io.kit4j.sd;

import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.KitError;

/**
 * Thrown by {@link Endpointer#endpoints()} once discovery has failed for longer than the endpointer was
 * told to trust its last good set ({@link DefaultEndpointer.Builder#invalidateOnError}). Status 503.
 * The registry's own error, which may hold internal details, is the cause and never reaches the wire.
 */
public final class DiscoveryException extends KitError {
    private static final long serialVersionUID = 1L;

    /** The error for discovery that failed with {@code cause}. */
    public DiscoveryException(Throwable cause) {
        super(ErrorCode.UNAVAILABLE, "service discovery failed", cause);
    }
}
