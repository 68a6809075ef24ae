package io.kit4j.gateway;

import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.KitError;

/**
 * An attempt got no answer from an upstream instance: the connection could not be made
 * ({@link #connectFailed()}: nothing was sent, so any request may be retried), or it broke before the
 * answer's headers arrived. Answered 502 when no other attempt succeeds; the message does not name the
 * instance (internal addresses stay internal), the cause and {@link #instance()} do, for logs.
 */
final class UpstreamException extends KitError {
    private static final long serialVersionUID = 1L;

    private final String instance;
    private final boolean connectFailed;

    UpstreamException(String instance, boolean connectFailed, Throwable cause) {
        super(ErrorCode.BAD_GATEWAY, "no upstream instance answered", cause);
        this.instance = instance;
        this.connectFailed = connectFailed;
    }

    /** The {@code host:port} that did not answer. */
    String instance() {
        return instance;
    }

    /** True when no connection was made, so the request never left the gateway. */
    boolean connectFailed() {
        return connectFailed;
    }
}
