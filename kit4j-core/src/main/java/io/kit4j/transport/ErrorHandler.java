package io.kit4j.transport;

import io.kit4j.context.Context;
import io.kit4j.log.Logger;

/**
 * A diagnostic hook for errors that a transport answers on its own (decode, endpoint and encode failures):
 * go-kit's {@code transport.ErrorHandler}. It observes; the error encoder still writes the answer.
 */
@FunctionalInterface
public interface ErrorHandler {

    /** Observes one error. */
    void handle(Context ctx, Throwable error);

    /** The default: ignore. */
    static ErrorHandler nop() {
        return (ctx, error) -> { };
    }

    /** go-kit's {@code LogErrorHandler}: logs {@code err=<error>} to {@code logger}. */
    static ErrorHandler logging(Logger logger) {
        return (ctx, error) -> logger.log("err", error);
    }
}
