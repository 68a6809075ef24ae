package io.kit4j.circuitbreaker;

import io.kit4j.context.Context;

/**
 * The degraded answer (降级) given when a command cannot answer: hystrix-go's {@code fallback} function.
 * It receives why: the command's exception, or a {@link CircuitOpenException},
 * {@link MaxConcurrencyException}, {@link CommandTimeoutException}, or the context's error.
 *
 * <p>What it returns is the call's answer; what it throws is the call's failure (the cause itself is
 * passed on unchanged, anything else is wrapped in a {@link FallbackFailedException}).
 *
 * @param <R> the result type
 */
@FunctionalInterface
public interface Fallback<R> {

    /** Answers in place of the command that failed with {@code cause}. */
    R apply(Context ctx, Throwable cause) throws Exception;
}
