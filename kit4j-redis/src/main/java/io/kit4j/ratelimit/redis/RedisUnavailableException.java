package io.kit4j.ratelimit.redis;

import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.KitError;

/**
 * A {@link RedisLimiter} that fails closed could not reach Redis, so it refused: status 503
 * ({@link ErrorCode#UNAVAILABLE}), not 429, since the caller did nothing wrong.
 */
public final class RedisUnavailableException extends KitError {
    private static final long serialVersionUID = 1L;

    /** The refusal of a limiter whose store did not answer. */
    public RedisUnavailableException() {
        super(ErrorCode.UNAVAILABLE, "rate limit store unavailable");
    }
}
