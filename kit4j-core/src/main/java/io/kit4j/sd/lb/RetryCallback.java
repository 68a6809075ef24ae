package io.kit4j.sd.lb;

/**
 * Decides, after a failed attempt, whether {@link Retry} tries again: go-kit's {@code lb.Callback}.
 * It may also replace the error that ends the retries.
 */
@FunctionalInterface
public interface RetryCallback {

    /**
     * Called after attempt {@code attempt} (counted from 1) failed with {@code error} (the endpoint's,
     * or the balancer's when it had no endpoint).
     */
    Decision onError(int attempt, Exception error);

    /**
     * What to do next: go-kit's {@code (keepTrying bool, replacement error)}.
     *
     * @param keepTrying whether to make another attempt
     * @param replacement when the retries end here, the final error of the {@link RetryError} instead of
     *     the attempt's own; {@code null} keeps the attempt's error. Ignored when trying again.
     */
    record Decision(boolean keepTrying, Exception replacement) {

        /** Try again. */
        public static Decision retry() {
            return new Decision(true, null);
        }

        /** Stop, ending with the attempt's own error. */
        public static Decision stop() {
            return new Decision(false, null);
        }

        /** Stop, ending with {@code replacement}. */
        public static Decision stop(Exception replacement) {
            return new Decision(false, replacement);
        }
    }

    /** Retries until the timeout: go-kit's behaviour for a nil callback. */
    static RetryCallback always() {
        return (attempt, error) -> Decision.retry();
    }

    /** At most {@code maxAttempts} attempts in all: the callback of go-kit's {@code lb.Retry(max, …)}. */
    static RetryCallback maxAttempts(int maxAttempts) {
        return (attempt, error) -> new Decision(attempt < maxAttempts, null);
    }
}
