package io.kit4j.gateway;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a routes file: YAML with a {@code routes} list (each entry a {@link RouteConfig}), an optional
 * {@code trustedProxies} list, an optional {@code redis} section ({@link RedisConfig}) for rate limits
 * shared by every gateway instance, and an optional {@code discovery} section ({@link DiscoveryConfig}).
 * Unknown keys are errors, so a misspelt option is not silently ignored.
 *
 * <pre>{@code
 * trustedProxies: [10.0.0.0/8]
 * redis: {uri: "redis://127.0.0.1:6379", failOpen: true, timeout: 100ms}   # only for store: redis
 * routes:
 *   - id: users
 *     path: /api/users/**
 *     service: userservice        # or: instances: ["127.0.0.1:8081", "127.0.0.1:8082"]  # quoted: a colon in a flow list
 *     stripPrefix: 1              # /api/users/7 -> /users/7
 *     methods: [GET, POST, PUT, DELETE]
 *     lb: least_outstanding
 *     timeout: 10s
 *     attempts: 3
 *     rateLimit: {perSecond: 50, burst: 100, key: client}   # 429 beyond it; store: local (this process)
 *   - id: orders
 *     path: /api/orders/**
 *     service: orders
 *     jwt: {algorithm: RS256, publicKeyFile: /etc/gw/jwt.pem}
 *     rateLimit: {perSecond: 5, burst: 20, key: subject, store: redis}   # per token sub, across gateways
 *   - id: user-v2
 *     path: /api/user/{id:\d+}     # a template: variables, regex constraints, a catch-all {rest:.*}
 *     headers: {X-Version: "v2"}  # each value a regex one of the header's values must match whole
 *     rewrite: /v2/users/{id}     # the upstream path, from the template's variables
 *     service: userservice
 * discovery:                      # and a route per service the registry lists, after the routes above
 *   enabled: true                 # default true when the section is there
 *   prefix: /                     # /svc-a/** -> svc-a; with /services/: /services/svc-a/** -> svc-a
 *   stripPrefix: 1                # default: the prefix's segments + 1, so svc-a sees /users/7
 *   exclude: [gateway]            # services that get no route
 *   lb: round_robin               # lb, timeout, attempts, retryMethods, retryOnStatus, breaker,
 *   timeout: 10s                  #   rateLimit, jwt: as for a route, applied to every generated one
 *   attempts: 3
 * }</pre>
 *
 * <p>A generated route has the id {@code registry:<service>} (metrics, admin view, where its
 * {@code source} is {@code registry}); a service appearing in the registry makes its route, its last
 * instance leaving removes it, and neither touches the file's routes, their upstreams, breakers or
 * limits. A reload of the file keeps the generated routes. Services whose names are not plain path
 * segments (letters, digits, {@code -._~}) get none.
 *
 * <p>SnakeYAML parses with its safe constructor (plain maps, lists and scalars only, no types from the
 * file), at most 1 MiB and 50 aliases; Jackson maps the tree to the records.
 */
public final class RoutesFile {
    private static final int MAX_BYTES = 1 << 20;
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private RoutesFile() {
    }

    /** Reads and parses {@code file}; an unreadable or malformed file is an {@link IllegalArgumentException}. */
    public static GatewayConfig load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read routes file " + file + ": " + e.getMessage(), e);
        }
        return parse(new String(bytes, StandardCharsets.UTF_8));
    }

    /** Parses the YAML text {@code yaml}; malformed text is an {@link IllegalArgumentException} saying why. */
    public static GatewayConfig parse(String yaml) {
        if (yaml.length() > MAX_BYTES) {
            throw new IllegalArgumentException("routes file larger than " + MAX_BYTES + " bytes");
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(MAX_BYTES);
        Object tree;
        try {
            tree = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (YAMLException e) {
            String why = firstLine(e.getMessage());
            if (e instanceof MarkedYAMLException m && m.getProblemMark() != null) {
                why = m.getProblem() + " at line " + (m.getProblemMark().getLine() + 1) + ", column "
                        + (m.getProblemMark().getColumn() + 1);
            }
            throw new IllegalArgumentException("routes file is not valid YAML: " + why, e);
        }
        if (tree == null) {
            return new GatewayConfig(null, null);
        }
        if (!(tree instanceof Map)) {
            throw new IllegalArgumentException("routes file must be a mapping with a 'routes' list");
        }
        try {
            return MAPPER.convertValue(tree, GatewayConfig.class);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("routes file: " + firstLine(rootMessage(e)), e);
        }
    }

    /** Parses {@code 30s}, {@code 500ms}, {@code 2m} or an ISO-8601 duration ({@code PT30S}). */
    static Duration duration(String text, String what) {
        String s = text.trim();
        try {
            if (s.startsWith("P") || s.startsWith("p")) {
                return Duration.parse(s);
            }
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).trim()));
            }
            if (s.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1).trim()) * 1000));
            }
            if (s.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1).trim()) * 60);
            }
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            // falls through to the error below
        }
        throw new IllegalArgumentException(what + ": not a duration like 30s, 500ms, 2m or PT30S: " + text);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof com.fasterxml.jackson.databind.JsonMappingException m) {
            StringBuilder path = new StringBuilder();
            for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(r.getFieldName());
                } else {
                    path.append('[').append(r.getIndex()).append(']');
                }
            }
            return (path.isEmpty() ? "" : "at " + path + ": ") + m.getOriginalMessage();
        }
        if (t instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
            return j.getOriginalMessage();
        }
        return t.getMessage();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
