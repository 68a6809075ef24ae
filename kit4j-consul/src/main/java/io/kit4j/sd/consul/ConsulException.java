package io.kit4j.sd.consul;

import java.io.IOException;

/**
 * Consul answered a request with a status other than 2xx. The message holds the method, the path, the
 * status and the start of Consul's answer (Consul explains errors in plain text, say
 * {@code Missing service name}).
 */
public final class ConsulException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /** Consul's answer {@code status} to {@code request} (method and path), with its body {@code body}. */
    public ConsulException(String request, int status, String body) {
        super(request + ": HTTP " + status + (body == null || body.isBlank() ? "" : ": " + abbreviate(body.strip())));
        this.status = status;
    }

    /** The HTTP status Consul answered with. */
    public int status() {
        return status;
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
