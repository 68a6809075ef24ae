package io.kit4j.errors;

/**
 * An exception that wraps the real failure and stands for it on the wire, as executors'
 * {@code ExecutionException} does: {@link ErrorInfo#of(Throwable)} describes {@link #unwrap()} instead
 * of the wrapper, so the wrapper's own message (which may gather internal details for the logs) never
 * reaches a caller. {@code io.kit4j.sd.lb.RetryError} is one: it answers with its final error.
 */
public interface Wrapper {

    /** The failure this exception stands for; {@code null} or itself to describe the wrapper. */
    Throwable unwrap();
}
