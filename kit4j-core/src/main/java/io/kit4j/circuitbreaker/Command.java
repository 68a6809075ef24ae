package io.kit4j.circuitbreaker;

import io.kit4j.context.Context;

/**
 * The work a breaker guards: hystrix-go's {@code run} function, given the context to honour.
 *
 * <p>With {@link Isolation#VIRTUAL_THREAD} the context it receives carries the breaker's deadline and is
 * cancelled (and the thread interrupted) when the breaker stops waiting for it.
 *
 * @param <R> the result type
 */
@FunctionalInterface
public interface Command<R> {

    /** Does the work. */
    R run(Context ctx) throws Exception;
}
