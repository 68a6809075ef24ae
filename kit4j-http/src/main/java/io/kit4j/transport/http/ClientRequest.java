package io.kit4j.transport.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An outgoing HTTP request as a client's encoder and before hooks build it: method, URI, headers and
 * body. The encoder may change the method and URI (go-kit's {@code CreateRequestFunc} freedom), for
 * example to put an id into the path. Not thread-safe.
 */
public final class ClientRequest {
    private String method;
    private URI uri;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private byte[] body;

    ClientRequest(String method, URI uri) {
        this.method = method;
        this.uri = uri;
    }

    /** The method. */
    public String method() {
        return method;
    }

    /** Sets the method. */
    public ClientRequest method(String method) {
        this.method = Objects.requireNonNull(method);
        return this;
    }

    /** The target URI. */
    public URI uri() {
        return uri;
    }

    /** Sets the target URI. */
    public ClientRequest uri(URI uri) {
        this.uri = Objects.requireNonNull(uri);
        return this;
    }

    /** Replaces the path (and query) of the target URI, keeping scheme and authority: {@code "/users/7"}. */
    public ClientRequest path(String pathAndQuery) {
        this.uri = uri.resolve(pathAndQuery);
        return this;
    }

    /** Sets header {@code name}, replacing earlier values. */
    public ClientRequest header(String name, String value) {
        headers.put(key(name), new ArrayList<>(List.of(value)));
        return this;
    }

    /** Adds a value to header {@code name}. */
    public ClientRequest addHeader(String name, String value) {
        headers.computeIfAbsent(key(name), k -> new ArrayList<>()).add(value);
        return this;
    }

    /** The first value of header {@code name}, or null. */
    public String header(String name) {
        List<String> v = headers.get(key(name));
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** All headers (names lower-cased). */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The body, or null for none. */
    public byte[] body() {
        return body;
    }

    /** Sets the body and its Content-Type. */
    public ClientRequest body(byte[] bytes, String contentType) {
        this.body = bytes;
        header("Content-Type", contentType);
        return this;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
