package io.kit4j.gateway;

import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.KitError;

/**
 * An upstream answered a retryable request with a status the route retries on (by default 502, 503,
 * 504): the attempt counts as failed for the instance's breaker and for retry. It holds the answer, which
 * the gateway relays when no later attempt does better, and releases otherwise.
 */
final class UpstreamStatusException extends KitError {
    private static final long serialVersionUID = 1L;

    private final transient UpstreamResponse response;

    UpstreamStatusException(UpstreamResponse response) {
        super(ErrorCode.forStatus(response.status()), "upstream answered " + response.status());
        this.response = response;
    }

    /** The held answer. */
    UpstreamResponse response() {
        return response;
    }
}
