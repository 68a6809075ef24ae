package io.kit4j.ratelimit;

import io.kit4j.context.Context;

/**
 * Something that blocks until one more event may happen: go-kit's {@code ratelimit.Waiter}. Go names the
 * method {@code Wait}; Java reserves {@code wait}, so kit4j calls it {@code await}. {@link Limiter} is one;
 * a lambda is the counterpart of go-kit's {@code WaiterFunc}.
 */
@FunctionalInterface
public interface Waiter {

    /**
     * Returns when the event may happen; throws when it may not happen before the context ends (the
     * context's error, or a {@link RateLimitException}).
     *
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void await(Context ctx) throws InterruptedException;
}
