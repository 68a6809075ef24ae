package io.kit4j.transport.grpc;

import io.kit4j.errors.KitError;

/**
 * A request message that could not be parsed, standing in for it until the adapter answers
 * {@code INVALID_ARGUMENT} (grpc-java by itself answers {@code UNKNOWN} and logs the exception).
 */
record BadMessage(RuntimeException cause) {

    KitError error() {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root.getMessage();
        return new KitError(io.kit4j.errors.ErrorCode.INVALID_ARGUMENT,
                "malformed request message" + (why == null || why.isBlank() ? "" : ": " + why), cause);
    }
}
