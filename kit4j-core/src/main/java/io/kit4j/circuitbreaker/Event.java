package io.kit4j.circuitbreaker;

/**
 * What happened to one call, as counted in a breaker's rolling window (hystrix-go's event types).
 *
 * <p>Every call records exactly one primary event; those are the breaker's <em>requests</em>. The
 * <em>errors</em> among them, which drive the error percentage, are {@link #FAILURE}, {@link #TIMEOUT},
 * {@link #SHORT_CIRCUITED} and {@link #REJECTED}, as in hystrix-go. A call that ran a fallback records
 * {@link #FALLBACK_SUCCESS} or {@link #FALLBACK_FAILURE} in addition.
 */
public enum Event {
    /** The command returned (a {@code Failer} response carrying a business error included). */
    SUCCESS(true, false),
    /** The command threw. */
    FAILURE(true, true),
    /** The command did not finish within the timeout. */
    TIMEOUT(true, true),
    /** The breaker was open: the command was not run. */
    SHORT_CIRCUITED(true, true),
    /** The concurrency limit was reached: the command was not run. */
    REJECTED(true, true),
    /**
     * The command threw an exception the settings' ignore predicate accepts (a caller's mistake, not the
     * dependency's failure): passed on unchanged, no fallback, not an error. Hystrix's "bad request".
     */
    BAD_REQUEST(true, false),
    /** The caller's context was cancelled (or the caller's thread interrupted) before the command finished. */
    CONTEXT_CANCELED(true, false),
    /** The caller's context deadline passed before the command finished. */
    CONTEXT_DEADLINE_EXCEEDED(true, false),
    /** The fallback returned an answer. */
    FALLBACK_SUCCESS(false, false),
    /** The fallback threw. */
    FALLBACK_FAILURE(false, false);

    private final boolean request;
    private final boolean error;

    Event(boolean request, boolean error) {
        this.request = request;
        this.error = error;
    }

    /** True for the primary events, one of which every call records. */
    public boolean isRequest() {
        return request;
    }

    /** True for the events that count as errors toward the error percentage. */
    public boolean isError() {
        return error;
    }
}
