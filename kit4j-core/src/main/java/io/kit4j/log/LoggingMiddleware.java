package io.kit4j.log;

import io.kit4j.endpoint.Failer;
import io.kit4j.endpoint.Middleware;
import io.kit4j.time.Clock;
import io.kit4j.time.Durations;

/**
 * An endpoint middleware that logs one event per call, after it ends:
 * {@code method=<name> took=<duration> err=<error or null>}, the shape of go-kit's example logging
 * middlewares. A thrown error and a business error in a {@link Failer} response are both logged as
 * {@code err}; the duration is written as Go writes durations ({@code 1.25ms}).
 */
public final class LoggingMiddleware {
    private LoggingMiddleware() {
    }

    /** Logs calls of the endpoint named {@code method} to {@code logger}. */
    public static <Q, R> Middleware<Q, R> of(Logger logger, String method) {
        return of(logger, method, Clock.system());
    }

    /** Same, measuring time on {@code clock}. */
    public static <Q, R> Middleware<Q, R> of(Logger logger, String method, Clock clock) {
        return next -> (ctx, request) -> {
            long start = clock.nanoTime();
            Throwable err = null;
            try {
                R r = next.call(ctx, request);
                if (r instanceof Failer f) {
                    err = f.failed();
                }
                return r;
            } catch (Exception | Error e) {
                err = e;
                throw e;
            } finally {
                logger.log("method", method, "took", Durations.format(java.time.Duration.ofNanos(clock.nanoTime() - start)),
                        "err", err);
            }
        };
    }
}
