package io.kit4j.sd.consul;

import io.kit4j.log.Logger;
import io.kit4j.sd.Registry;
import io.kit4j.sd.ServiceInstance;
import io.kit4j.sd.lb.Sleeper;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * A {@link Registry} on a Consul agent's HTTP API: {@link ConsulRegistrar}s register this process's
 * instances with HTTP health checks, {@link ConsulInstancer}s watch services with blocking queries.
 * Open one with {@code Registries.open("consul://127.0.0.1:8500", logger)} or {@link #builder}.
 *
 * <p>URI: {@code consul://host[:port][?option=value&...]}, port 8500 by default, plain HTTP. Options:
 * <ul>
 *   <li>{@code token}: ACL token, sent as {@code X-Consul-Token} on every request (default none);</li>
 *   <li>{@code wait}: the longest a blocking query waits, a Go duration from {@code 1ms} to
 *       {@code 10m} (Consul's maximum), default {@code 5m} (Consul's default);</li>
 *   <li>{@code dc}: the datacenter to discover in (default the agent's own); registration always goes
 *       to the agent itself;</li>
 *   <li>{@code timeout}: the timeout of requests that do not block, default {@code 10s}.</li>
 * </ul>
 *
 * <p>{@link #instancer(String)} watches instances whose checks all pass, any tag;
 * {@link #instancer(String, List, boolean)} filters by tags and may include failing instances.
 * {@link #catalog()} watches the names of the catalog's services. {@link #close()} deregisters the
 * instances whose registrar is still registered, stops every instancer and catalog and releases the
 * HTTP client.
 */
public final class ConsulRegistry implements Registry {
    /** Consul's default and the default here: blocking queries wait up to 5 minutes. */
    public static final Duration DEFAULT_WAIT = Duration.ofMinutes(5);
    /** Consul's maximum wait. */
    public static final Duration MAX_WAIT = Duration.ofMinutes(10);
    /** The timeout of requests that do not block, unless set. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The agent's HTTP port unless the URI gives one. */
    public static final int DEFAULT_PORT = 8500;

    private final ConsulClient client;
    private final Logger logger;
    private final Duration wait;
    private final Sleeper sleeper;
    private final DoubleSupplier random;
    private final CopyOnWriteArrayList<ConsulRegistrar> registrars = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<ConsulInstancer> instancers = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<ConsulCatalog> catalogs = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private ConsulRegistry(Builder b) {
        this.client = new ConsulClient(b.agent, b.token, b.datacenter, b.timeout);
        this.logger = b.logger;
        this.wait = b.wait;
        this.sleeper = b.sleeper;
        this.random = b.random;
    }

    /** A builder for the agent at {@code agent}, an {@code http://host:port} URI. */
    public static Builder builder(URI agent) {
        return new Builder(agent);
    }

    /**
     * Opens the registry named by a {@code consul://} URI (see the class documentation for the options);
     * throws {@link IllegalArgumentException} naming what is wrong with it.
     */
    public static ConsulRegistry open(URI uri, Logger logger) {
        Objects.requireNonNull(uri, "uri");
        if (uri.getScheme() == null || !uri.getScheme().equalsIgnoreCase("consul")) {
            throw new IllegalArgumentException("not a consul:// URI: " + uri);
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("consul URI needs one agent as host[:port], like consul://127.0.0.1:8500: "
                    + uri);
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            throw new IllegalArgumentException("consul URI takes no path: " + uri);
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        String host = uri.getHost();
        Builder b = builder(URI.create("http://" + host + ":" + port)).logger(logger);
        for (Map.Entry<String, String> option : query(uri).entrySet()) {
            String v = option.getValue();
            switch (option.getKey()) {
                case "token" -> b.token(v);
                case "dc" -> b.datacenter(v);
                case "wait" -> b.wait(duration("wait", v));
                case "timeout" -> b.requestTimeout(duration("timeout", v));
                default -> throw new IllegalArgumentException("unknown consul URI option '" + option.getKey()
                        + "' (known: token, wait, dc, timeout): " + uri);
            }
        }
        return b.build();
    }

    /** The HTTP client of the agent, for calls this class does not make. */
    public ConsulClient client() {
        return client;
    }

    /** The wait of blocking queries. */
    public Duration waitTime() {
        return wait;
    }

    /** A registrar of {@code instance}, its {@link io.kit4j.sd.HealthCheck} as Consul's HTTP check. */
    @Override
    public ConsulRegistrar registrar(ServiceInstance instance) {
        ensureOpen();
        ConsulRegistrar r = new ConsulRegistrar(client, ServiceRegistration.of(instance), logger);
        registrars.add(r);
        return r;
    }

    /** An instancer of the instances of {@code service} whose checks all pass, whatever their tags. */
    @Override
    public ConsulInstancer instancer(String service) {
        return instancer(service, List.of(), true);
    }

    /**
     * An instancer of the instances of {@code service} having every tag in {@code tags}; only those
     * whose checks all pass if {@code passingOnly}.
     */
    public ConsulInstancer instancer(String service, List<String> tags, boolean passingOnly) {
        ensureOpen();
        ConsulInstancer i = ConsulInstancer.start(client, logger, service, tags, passingOnly, wait, sleeper, random);
        instancers.add(i);
        return i;
    }

    /**
     * The service names of the catalog (every service with a registered instance, whatever its health;
     * not {@code consul} itself), watched with blocking catalog queries: see {@link ConsulCatalog}.
     */
    @Override
    public ConsulCatalog catalog() {
        ensureOpen();
        ConsulCatalog c = ConsulCatalog.start(client, logger, wait, sleeper, random);
        catalogs.add(c);
        return c;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (ConsulRegistrar r : registrars) {
            if (r.isRegistered()) {
                r.deregister();
            }
        }
        for (ConsulInstancer i : instancers) {
            i.stop();
        }
        for (ConsulCatalog c : catalogs) {
            c.close();
        }
        client.close();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("consul registry is closed");
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> options = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return options;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8)
                    .toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (options.put(key, value) != null) {
                throw new IllegalArgumentException("consul URI option '" + key + "' given twice: " + uri);
            }
        }
        return options;
    }

    private static Duration duration(String option, String value) {
        try {
            return GoDurations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("consul URI option " + option + ": " + e.getMessage(), e);
        }
    }

    /** Settings of a {@link ConsulRegistry}. */
    public static final class Builder {
        private final URI agent;
        private String token;
        private String datacenter;
        private Duration wait = DEFAULT_WAIT;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Logger logger = Logger.nop();
        private Sleeper sleeper = Sleeper.system();
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

        private Builder(URI agent) {
            Objects.requireNonNull(agent, "agent");
            if (agent.getScheme() == null || !agent.getScheme().equalsIgnoreCase("http") || agent.getHost() == null) {
                throw new IllegalArgumentException("agent must be an http://host:port URI: " + agent);
            }
            this.agent = agent;
        }

        /** The ACL token sent as {@code X-Consul-Token}; null or empty for none. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** The datacenter instancers query ({@code dc=}); null or empty for the agent's. */
        public Builder datacenter(String datacenter) {
            this.datacenter = datacenter;
            return this;
        }

        /** The longest a blocking query waits: more than zero, at most {@link #MAX_WAIT}. */
        public Builder wait(Duration wait) {
            Objects.requireNonNull(wait, "wait");
            if (wait.isNegative() || wait.isZero() || wait.compareTo(MAX_WAIT) > 0) {
                throw new IllegalArgumentException("wait must be more than 0 and at most 10m (Consul's maximum): "
                        + GoDurations.format(wait));
            }
            this.wait = wait;
            return this;
        }

        /** The timeout of requests that do not block (register, deregister, first read). */
        public Builder requestTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + GoDurations.format(timeout));
            }
            this.timeout = timeout;
            return this;
        }

        /** Where registrars and instancers log. */
        public Builder logger(Logger logger) {
            this.logger = Objects.requireNonNull(logger, "logger");
            return this;
        }

        /** How instancers wait between failed queries (tests pass one that does not sleep). */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** Where instancers draw the backoff's jitter, numbers in {@code [0, 1)} (tests pass a constant). */
        public Builder random(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** The registry. */
        public ConsulRegistry build() {
            return new ConsulRegistry(this);
        }
    }
}
