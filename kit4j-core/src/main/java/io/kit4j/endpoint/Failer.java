package io.kit4j.endpoint;

/**
 * A response that may carry a business error: go-kit's {@code endpoint.Failer}.
 *
 * <p>go-kit keeps business errors (a user not found) apart from transport errors (a broken connection) so
 * that breakers and retries count only the latter: an endpoint returns a response whose {@link #failed()}
 * is the business error. kit4j's JSON encoders check it and answer with the error's status and body.
 */
public interface Failer {

    /** The business error this response carries, or null on success. */
    Throwable failed();
}
