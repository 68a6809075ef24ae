package io.kit4j.transport.http;

import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.KitError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * The server's view of one HTTP request, as decoders and hooks see it: method, path, path variables set
 * by the {@link Router}, query parameters, headers and a size-limited body stream.
 *
 * <p>Not thread-safe: it belongs to the virtual thread serving the request.
 */
public final class ServerRequest {
    private final Request request;
    private final long maxBodyBytes;
    private Map<String, String> pathVariables = Map.of();
    private String routeTemplate;
    private Map<String, List<String>> query;
    private InputStream body;

    ServerRequest(Request request, long maxBodyBytes) {
        this.request = request;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The request method, for example {@code GET}. */
    public String method() {
        return request.getMethod();
    }

    /** The path as sent, still percent-encoded, without the query. */
    public String path() {
        return request.getHttpURI().getPath();
    }

    /** The request URI as sent: path and query. */
    public String uri() {
        return request.getHttpURI().getPathQuery();
    }

    /** The raw query string, or null. */
    public String rawQuery() {
        return request.getHttpURI().getQuery();
    }

    /** The protocol, for example {@code HTTP/1.1}. */
    public String protocol() {
        return request.getConnectionMetaData().getProtocol();
    }

    /** The scheme: http or https. */
    public String scheme() {
        return request.getHttpURI().getScheme();
    }

    /** The Host the client addressed. */
    public String host() {
        String host = request.getHeaders().get(HttpHeader.HOST);
        return host != null ? host : Request.getServerName(request);
    }

    /** The client's address as {@code ip:port}. */
    public String remoteAddress() {
        return Request.getRemoteAddr(request) + ":" + Request.getRemotePort(request);
    }

    /** The value of the path variable {@code name} (decoded), or null. */
    public String pathVariable(String name) {
        return pathVariables.get(name);
    }

    /**
     * Path variable {@code name} as a long; a missing or non-integer value is a 400 {@link KitError}
     * naming the variable.
     */
    public long pathLong(String name) {
        return parseLong(pathVariable(name), "path parameter " + name);
    }

    /**
     * Query parameter {@code name} as an int, {@code fallback} when absent or empty; a non-integer value
     * is a 400 {@link KitError} naming the parameter.
     */
    public int queryInt(String name, int fallback) {
        String v = query(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        long n = parseLong(v, "query parameter " + name);
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
            throw KitError.invalidArgument("query parameter " + name + " is out of range");
        }
        return (int) n;
    }

    private static long parseLong(String v, String what) {
        if (v == null) {
            throw KitError.invalidArgument(what + " is required");
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            boolean digits = !v.isEmpty() && v.matches("-?\\d{1,64}");
            throw KitError.invalidArgument(what + (digits ? " is out of range" : " must be an integer"));
        }
    }

    /** All path variables of the matched route template. */
    public Map<String, String> pathVariables() {
        return pathVariables;
    }

    void pathVariables(Map<String, String> vars) {
        this.pathVariables = vars;
    }

    /**
     * The template of the route the {@link Router} matched, such as {@code /users/{id}}, or null when no
     * route matched (404, 405) or no router was involved. Suits metric and trace labels: unlike the path,
     * it has one value per route.
     */
    public String routeTemplate() {
        return routeTemplate;
    }

    void routeTemplate(String template) {
        this.routeTemplate = template;
    }

    /** The first value of query parameter {@code name} (decoded), or null. */
    public String query(String name) {
        List<String> values = queryParameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Every query parameter with all its values, in the order sent. */
    public Map<String, List<String>> queryParameters() {
        if (query == null) {
            query = parseQuery(rawQuery());
        }
        return query;
    }

    /** The first value of header {@code name} (case-insensitive), or null. */
    public String header(String name) {
        return request.getHeaders().get(name);
    }

    /** Every value of header {@code name}. */
    public List<String> headers(String name) {
        return request.getHeaders().getValuesList(name);
    }

    /** The header names in the order received. */
    public List<String> headerNames() {
        List<String> names = new ArrayList<>();
        for (HttpField f : request.getHeaders()) {
            if (!names.contains(f.getName())) {
                names.add(f.getName());
            }
        }
        return names;
    }

    /** The declared body length, or -1 when not declared. */
    public long contentLength() {
        return request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
    }

    /**
     * The body as a stream. Reading past the server's body limit fails with a 413 {@link KitError}, so a
     * decoder never holds more than the limit in memory.
     */
    public InputStream body() {
        if (body == null) {
            body = new LimitedInputStream(Request.asInputStream(request), maxBodyBytes);
        }
        return body;
    }

    /** The whole body, at most the server's body limit. */
    public byte[] bodyBytes() {
        try {
            return body().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The trailers the client sent after the body (HTTP/2, or a chunked HTTP/1.1 body), known once the
     * body has been read to its end; empty before that and when there are none.
     */
    public Map<String, List<String>> trailers() {
        org.eclipse.jetty.http.HttpFields t = request.getTrailers();
        if (t == null || t.size() == 0) {
            return Map.of();
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (HttpField f : t) {
            out.computeIfAbsent(f.getName(), k -> new ArrayList<>(1)).add(f.getValue());
        }
        return Collections.unmodifiableMap(out);
    }

    /** True when the request came over HTTP/2 (h2c on this server). */
    public boolean isHttp2() {
        return "HTTP/2.0".equals(protocol());
    }

    /** The underlying Jetty request, for what this view does not offer. */
    public Request unwrap() {
        return request;
    }

    private static Map<String, List<String>> parseQuery(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        int start = 0;
        while (start <= raw.length()) {
            int amp = raw.indexOf('&', start);
            int end = amp < 0 ? raw.length() : amp;
            if (end > start) {
                String pair = raw.substring(start, end);
                int eq = pair.indexOf('=');
                String k = decode(eq < 0 ? pair : pair.substring(0, eq));
                String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
                out.computeIfAbsent(k, x -> new ArrayList<>(1)).add(v);
            }
            start = end + 1;
        }
        return Collections.unmodifiableMap(out);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new KitError(ErrorCode.INVALID_ARGUMENT, "malformed percent-encoding in query string");
        }
    }
}
