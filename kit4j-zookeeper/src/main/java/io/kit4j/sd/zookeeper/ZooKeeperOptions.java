package io.kit4j.sd.zookeeper;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a {@link ZooKeeperRegistry} connects and where it keeps instances, read from a registry URI:
 *
 * <pre>{@code zk://host:port[,host2:port2...][?basePath=/services&sessionTimeout=15s&connectionTimeout=5s&payloadClass=...]}</pre>
 *
 * <table>
 *   <caption>URI options</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code basePath}</td><td>{@code /services}</td><td>the parent of the service nodes: an instance is
 *       {@code <basePath>/<service>/<id>} (Curator's and Spring Cloud Zookeeper's default)</td></tr>
 *   <tr><td>{@code sessionTimeout}</td><td>{@code 15s}</td><td>the ZooKeeper session timeout asked for: how long
 *       after this process dies (or loses ZooKeeper) its instances disappear. The server bounds it to 2..20 ticks
 *       (4 s..40 s with the usual 2 s tick)</td></tr>
 *   <tr><td>{@code connectionTimeout}</td><td>{@code 5s}</td><td>how long opening the registry waits for the first
 *       connection, and how long each attempt of an operation waits for a connection</td></tr>
 *   <tr><td>{@code payloadClass}</td><td>{@code org.springframework.cloud.zookeeper.discovery.ZookeeperInstance}</td>
 *       <td>the {@code @class} written into the payload (see {@link InstancePayload})</td></tr>
 * </table>
 *
 * <p>Durations are a number with a unit ({@code 500ms}, {@code 15s}, {@code 1m}) or bare milliseconds. A
 * server without a port gets 2181. Unknown options and bad values are refused with an
 * {@link IllegalArgumentException} that names them.
 *
 * @param connectString the servers, {@code host:port} comma-separated, as ZooKeeper's client takes them
 * @param basePath the parent of the service nodes, starting with {@code /}
 * @param sessionTimeout the session timeout asked of the server
 * @param connectionTimeout the connection timeout
 * @param payloadClass the {@code @class} written into instance payloads
 */
public record ZooKeeperOptions(String connectString, String basePath, Duration sessionTimeout,
        Duration connectionTimeout, String payloadClass) {

    /** The default port of a ZooKeeper server. */
    public static final int DEFAULT_PORT = 2181;
    /** The default base path, Curator's and Spring Cloud Zookeeper's. */
    public static final String DEFAULT_BASE_PATH = "/services";
    /** The default session timeout. */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(15);
    /** The default connection timeout. */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    /** The default payload class: Spring Cloud Zookeeper's, so its clients can read kit4j's instances. */
    public static final String DEFAULT_PAYLOAD_CLASS = "org.springframework.cloud.zookeeper.discovery.ZookeeperInstance";

    private static final List<String> OPTIONS = List.of("basePath", "sessionTimeout", "connectionTimeout", "payloadClass");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");
    private static final Pattern CLASS_NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

    /** Validates. */
    public ZooKeeperOptions {
        Objects.requireNonNull(connectString, "connectString");
        Objects.requireNonNull(basePath, "basePath");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        Objects.requireNonNull(payloadClass, "payloadClass");
        connectString = normaliseServers(connectString);
        if (!basePath.startsWith("/") || basePath.contains("//") || (basePath.length() > 1 && basePath.endsWith("/"))) {
            throw new IllegalArgumentException("zk: basePath must be an absolute ZooKeeper path like /services: " + basePath);
        }
        requireMillis(sessionTimeout, "sessionTimeout");
        requireMillis(connectionTimeout, "connectionTimeout");
        if (!CLASS_NAME.matcher(payloadClass).matches()) {
            throw new IllegalArgumentException("zk: payloadClass must be a Java class name: " + payloadClass);
        }
    }

    /** The servers {@code connectString} with every default. */
    public static ZooKeeperOptions of(String connectString) {
        return new ZooKeeperOptions(connectString, DEFAULT_BASE_PATH, DEFAULT_SESSION_TIMEOUT,
                DEFAULT_CONNECTION_TIMEOUT, DEFAULT_PAYLOAD_CLASS);
    }

    /** Reads a {@code zk://} URI (see the type's documentation). */
    public static ZooKeeperOptions parse(URI uri) {
        if (!"zk".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("not a zk:// URI: " + uri);
        }
        String servers = uri.getRawAuthority();
        if (servers == null || servers.isBlank()) {
            throw new IllegalArgumentException("zk: the URI names no server, like zk://127.0.0.1:2181: " + uri);
        }
        if (servers.contains("@")) {
            throw new IllegalArgumentException("zk: user information in the URI is not supported: " + uri);
        }
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            throw new IllegalArgumentException("zk: the URI has a path (" + path + "); give the base path as ?basePath=" + path);
        }
        ZooKeeperOptions o = of(servers);
        for (Map.Entry<String, String> e : query(uri.getRawQuery()).entrySet()) {
            String v = e.getValue();
            o = switch (e.getKey()) {
                case "basePath" -> new ZooKeeperOptions(o.connectString, v, o.sessionTimeout, o.connectionTimeout, o.payloadClass);
                case "sessionTimeout" -> new ZooKeeperOptions(o.connectString, o.basePath, duration("sessionTimeout", v),
                        o.connectionTimeout, o.payloadClass);
                case "connectionTimeout" -> new ZooKeeperOptions(o.connectString, o.basePath, o.sessionTimeout,
                        duration("connectionTimeout", v), o.payloadClass);
                case "payloadClass" -> new ZooKeeperOptions(o.connectString, o.basePath, o.sessionTimeout, o.connectionTimeout, v);
                default -> throw new IllegalArgumentException("zk: unknown option '" + e.getKey() + "' (known: "
                        + String.join(", ", OPTIONS) + ")");
            };
        }
        return o;
    }

    /** These options with the base path {@code basePath}. */
    public ZooKeeperOptions withBasePath(String basePath) {
        return new ZooKeeperOptions(connectString, basePath, sessionTimeout, connectionTimeout, payloadClass);
    }

    /** These options with the session timeout {@code timeout}. */
    public ZooKeeperOptions withSessionTimeout(Duration timeout) {
        return new ZooKeeperOptions(connectString, basePath, timeout, connectionTimeout, payloadClass);
    }

    /** These options with the connection timeout {@code timeout}. */
    public ZooKeeperOptions withConnectionTimeout(Duration timeout) {
        return new ZooKeeperOptions(connectString, basePath, sessionTimeout, timeout, payloadClass);
    }

    /** These options writing {@code className} as the payload's {@code @class}. */
    public ZooKeeperOptions withPayloadClass(String className) {
        return new ZooKeeperOptions(connectString, basePath, sessionTimeout, connectionTimeout, className);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (v.isEmpty()) {
                throw new IllegalArgumentException("zk: option '" + k + "' needs a value");
            }
            if (out.put(k, v) != null) {
                throw new IllegalArgumentException("zk: option '" + k + "' given twice");
            }
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("zk: bad escape in the URI query: " + s, e);
        }
    }

    private static Duration duration(String name, String v) {
        Matcher m = DURATION.matcher(v.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("zk: " + name + " must be a duration like 500ms, 15s or 1m: " + v);
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("zk: " + name + " is too large: " + v, e);
        }
        String unit = m.group(2) == null ? "ms" : m.group(2);
        try {
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("zk: " + name + " is too large: " + v, e);
        }
    }

    private static void requireMillis(Duration d, String name) {
        if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("zk: " + name + " must be between 1ms and " + Integer.MAX_VALUE + "ms: " + d);
        }
    }

    private static String normaliseServers(String servers) {
        List<String> out = new ArrayList<>();
        for (String s : servers.split(",", -1)) {
            String server = s.trim();
            if (server.isEmpty()) {
                throw new IllegalArgumentException("zk: empty server in '" + servers + "'");
            }
            String host;
            String port;
            if (server.startsWith("[")) {
                int close = server.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("zk: bad IPv6 server '" + server + "'");
                }
                host = server.substring(0, close + 1);
                String rest = server.substring(close + 1);
                if (!rest.isEmpty() && !rest.startsWith(":")) {
                    throw new IllegalArgumentException("zk: bad server '" + server + "'");
                }
                port = rest.isEmpty() ? null : rest.substring(1);
            } else {
                int colon = server.lastIndexOf(':');
                host = colon < 0 ? server : server.substring(0, colon);
                port = colon < 0 ? null : server.substring(colon + 1);
                if (host.contains(":")) {
                    throw new IllegalArgumentException("zk: write IPv6 servers in brackets, like [::1]:2181: " + server);
                }
            }
            if (host.isEmpty() || host.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/' || c == '?')) {
                throw new IllegalArgumentException("zk: bad server host in '" + server + "'");
            }
            int p;
            try {
                p = port == null ? DEFAULT_PORT : Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("zk: bad port in server '" + server + "'", e);
            }
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("zk: port out of range in server '" + server + "'");
            }
            out.add(host + ":" + p);
        }
        return String.join(",", out);
    }
}
