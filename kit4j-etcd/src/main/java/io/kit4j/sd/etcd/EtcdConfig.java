package io.kit4j.sd.etcd;

import io.kit4j.sd.ServiceInstance;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the etcd cluster is and how kit4j uses it: the client endpoints, the key prefix under which
 * services live, the lease TTL of registrations and the timeout of one etcd call.
 *
 * <p>An instance of service {@code s} with id {@code i} is the key {@code <prefix>/<s>/<i>} holding
 * its address {@code host:port}, the layout of go-kit's {@code sd/etcdv3}. As a registry URI:
 * <pre>{@code etcd://host:port[,host2:port2...][?prefix=/services&ttl=10s&timeout=5s]}</pre>
 * <ul>
 *   <li>{@code prefix}: the key prefix, starting with {@code /}; default {@value #DEFAULT_PREFIX}</li>
 *   <li>{@code ttl}: the lease TTL, whole seconds written Go-style ({@code 10s}, {@code 1m}); default 10 s.
 *       An instance whose process dies disappears about this long after its last keep-alive.</li>
 *   <li>{@code timeout}: how long one etcd call may take before it counts as failed; default 5 s</li>
 * </ul>
 *
 * @param endpoints the etcd client URLs, {@code http://host:port}
 * @param prefix the key prefix, starting with {@code /}, without a trailing {@code /}
 * @param ttl the lease TTL of registrations, whole seconds, at least 1 s
 * @param timeout the longest time one etcd call may take
 */
public record EtcdConfig(List<URI> endpoints, String prefix, Duration ttl, Duration timeout) {

    /** The key prefix used unless one is given. */
    public static final String DEFAULT_PREFIX = "/services";

    /** The lease TTL used unless one is given: 10 s, as go-kit's etcdv3 default. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(10);

    /** The timeout of one etcd call used unless one is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** Validates and normalises the prefix (a trailing {@code /} is dropped; {@code /} alone is the root). */
    public EtcdConfig {
        Objects.requireNonNull(endpoints, "endpoints");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(timeout, "timeout");
        endpoints = List.copyOf(endpoints);
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("etcd: at least one endpoint is needed");
        }
        if (!prefix.startsWith("/")) {
            throw new IllegalArgumentException("etcd: prefix must start with '/': " + prefix);
        }
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        if (ttl.getNano() != 0 || ttl.getSeconds() < 1) {
            throw new IllegalArgumentException("etcd: ttl must be a whole number of seconds, at least 1s: " + ttl);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("etcd: timeout must be positive: " + timeout);
        }
    }

    /**
     * The cluster at {@code endpoints} ({@code host:port} or {@code http://host:port}) with the default
     * prefix, TTL and timeout.
     */
    public static EtcdConfig of(String... endpoints) {
        List<URI> uris = new ArrayList<>();
        for (String e : endpoints) {
            uris.add(endpoint(e));
        }
        return new EtcdConfig(uris, DEFAULT_PREFIX, DEFAULT_TTL, DEFAULT_TIMEOUT);
    }

    /**
     * Reads a registry URI {@code etcd://host:port[,host:port...][?prefix=..&ttl=..&timeout=..]}; fails
     * with an {@link IllegalArgumentException} naming what is wrong.
     */
    public static EtcdConfig fromUri(URI uri) {
        if (!"etcd".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("etcd: not an etcd:// URI: " + uri);
        }
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isBlank()) {
            throw new IllegalArgumentException("etcd: URI needs host:port, like etcd://127.0.0.1:2379: " + uri);
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            throw new IllegalArgumentException("etcd: URI has a path; give the key prefix as ?prefix=: " + uri);
        }
        EtcdConfig config = of(authority.split(","));
        String query = uri.getRawQuery();
        if (query == null || query.isEmpty()) {
            return config;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            config = switch (name) {
                case "prefix" -> config.withPrefix(value);
                case "ttl" -> config.withTtl(GoDurations.parse("ttl", value));
                case "timeout" -> config.withTimeout(GoDurations.parse("timeout", value));
                default -> throw new IllegalArgumentException(
                        "etcd: unknown URI option '" + name + "' (known: prefix, ttl, timeout)");
            };
        }
        return config;
    }

    /** This configuration with the key prefix {@code prefix}. */
    public EtcdConfig withPrefix(String prefix) {
        return new EtcdConfig(endpoints, prefix, ttl, timeout);
    }

    /** This configuration with the lease TTL {@code ttl}. */
    public EtcdConfig withTtl(Duration ttl) {
        return new EtcdConfig(endpoints, prefix, ttl, timeout);
    }

    /** This configuration with the call timeout {@code timeout}. */
    public EtcdConfig withTimeout(Duration timeout) {
        return new EtcdConfig(endpoints, prefix, ttl, timeout);
    }

    /** The key prefix of every instance of {@code service}: {@code <prefix>/<service>/}. */
    public String serviceKeyPrefix(String service) {
        requireSegment(service, "service name");
        return prefix + "/" + service + "/";
    }

    /** The key of {@code instance}: {@code <prefix>/<name>/<id>}. */
    public String instanceKey(ServiceInstance instance) {
        requireSegment(instance.id(), "instance id");
        return serviceKeyPrefix(instance.name()) + instance.id();
    }

    private static void requireSegment(String s, String what) {
        Objects.requireNonNull(s, what);
        if (s.isEmpty() || s.indexOf('/') >= 0) {
            throw new IllegalArgumentException("etcd: " + what + " must be non-empty and without '/': " + s);
        }
    }

    private static URI endpoint(String e) {
        String s = e.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("etcd: empty endpoint");
        }
        if (!s.contains("://")) {
            s = "http://" + s;
        }
        URI u;
        try {
            u = URI.create(s);
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("etcd: bad endpoint '" + e + "': " + bad.getMessage(), bad);
        }
        if (!"http".equals(u.getScheme().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("etcd: only plain http endpoints are supported: " + e);
        }
        if (u.getHost() == null || u.getPort() < 1) {
            throw new IllegalArgumentException("etcd: endpoint needs host:port: " + e);
        }
        return URI.create("http://" + u.getRawAuthority());
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
