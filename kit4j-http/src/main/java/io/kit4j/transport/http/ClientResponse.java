package io.kit4j.transport.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpField;

/**
 * A received HTTP response as a client's after hooks and decoder see it. A non-2xx status is not an
 * error by itself (as in go-kit): the decoder decides. The body is a stream, read as it arrives.
 */
public final class ClientResponse {
    private final Response response;
    private final InputStream body;

    ClientResponse(Response response, InputStream body) {
        this.response = response;
        this.body = body;
    }

    /** The status code. */
    public int status() {
        return response.getStatus();
    }

    /** True for a 2xx status. */
    public boolean isSuccess() {
        return response.getStatus() / 100 == 2;
    }

    /** The first value of header {@code name}, or null. */
    public String header(String name) {
        return response.getHeaders().get(name);
    }

    /** Every value of header {@code name}. */
    public List<String> headers(String name) {
        return response.getHeaders().getValuesList(name);
    }

    /** A snapshot of all headers. */
    public Map<String, List<String>> headers() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (HttpField f : response.getHeaders()) {
            out.computeIfAbsent(f.getName(), k -> new java.util.ArrayList<>()).add(f.getValue());
        }
        return out;
    }

    /** The body stream. */
    public InputStream body() {
        return body;
    }

    /** The whole body. */
    public byte[] bodyBytes() {
        try {
            return body.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
