package io.kit4j.circuitbreaker;

import io.kit4j.context.Registration;
import io.kit4j.endpoint.Middleware;
import io.kit4j.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A registry of named breakers on one clock: hystrix-go's package-level circuit table, as an object you
 * create (tests get their own, with a {@link io.kit4j.time.ManualClock}). {@link #get(String)} creates a
 * breaker with the registry's default settings on first use, as hystrix-go does for an unconfigured
 * command; {@link #configure(String, Settings)} creates or updates one. {@link #shared()} is a
 * process-wide registry for code that wants hystrix-go's convenience. Thread-safe.
 *
 * <pre>{@code
 * CircuitBreakers breakers = new CircuitBreakers();
 * breakers.configure("getuser", Settings.builder().timeout(Duration.ofSeconds(2)).maxConcurrentRequests(5)
 *         .requestVolumeThreshold(3).errorPercentThreshold(20).build());
 * User u = breakers.get("getuser").execute(ctx, c -> client.getUser(c, id), (c, cause) -> User.GUEST);
 * }</pre>
 */
public final class CircuitBreakers {
    private static final class Shared {
        static final CircuitBreakers INSTANCE = new CircuitBreakers();
    }

    private final Clock clock;
    private final Settings defaults;
    private final ConcurrentMap<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final List<StateListener> listeners = new CopyOnWriteArrayList<>();

    /** A registry on the system clock with hystrix-go's default settings. */
    public CircuitBreakers() {
        this(Clock.system(), Settings.defaults());
    }

    /** A registry on {@code clock} with hystrix-go's default settings. */
    public CircuitBreakers(Clock clock) {
        this(clock, Settings.defaults());
    }

    /** A registry on {@code clock} whose breakers start with {@code defaults} unless configured. */
    public CircuitBreakers(Clock clock, Settings defaults) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.defaults = Objects.requireNonNull(defaults, "defaults");
    }

    /** The process-wide registry (system clock, default settings), created on first use. */
    public static CircuitBreakers shared() {
        return Shared.INSTANCE;
    }

    /** The settings new breakers start with. */
    public Settings defaults() {
        return defaults;
    }

    /** The breaker called {@code name}, created with the default settings if there is none yet. */
    public CircuitBreaker get(String name) {
        Objects.requireNonNull(name, "name");
        CircuitBreaker cb = breakers.get(name);
        return cb != null ? cb : breakers.computeIfAbsent(name, n -> create(n, n, defaults));
    }

    /** hystrix-go's {@code ConfigureCommand}: the breaker called {@code name} with {@code settings}, created or updated. */
    public CircuitBreaker configure(String name, Settings settings) {
        return configure(name, name, settings);
    }

    CircuitBreaker configure(String name, String group, Settings settings) {
        Objects.requireNonNull(settings, "settings");
        boolean[] created = {false};
        CircuitBreaker cb = breakers.computeIfAbsent(name, n -> {
            created[0] = true;
            return create(n, group, settings);
        });
        if (!created[0]) {
            cb.updateSettings(settings);
        }
        return cb;
    }

    CircuitBreaker get(String name, String group, Settings settings) {
        CircuitBreaker cb = breakers.get(name);
        return cb != null ? cb : breakers.computeIfAbsent(name, n -> create(n, group, settings));
    }

    private CircuitBreaker create(String name, String group, Settings settings) {
        return new CircuitBreaker(name, group, settings, clock, listeners);
    }

    /** The breaker called {@code name}, if it exists. */
    public Optional<CircuitBreaker> find(String name) {
        return Optional.ofNullable(breakers.get(name));
    }

    /** Every breaker, by name. */
    public List<CircuitBreaker> all() {
        List<CircuitBreaker> out = new ArrayList<>(breakers.values());
        out.sort(Comparator.comparing(CircuitBreaker::name));
        return out;
    }

    /** A snapshot of every breaker, by name. */
    public List<Snapshot> snapshots() {
        List<Snapshot> out = new ArrayList<>();
        for (CircuitBreaker cb : all()) {
            out.add(cb.snapshot());
        }
        return out;
    }

    /** Forgets the breaker called {@code name} (calls holding it carry on); true if there was one. */
    public boolean remove(String name) {
        return breakers.remove(name) != null;
    }

    /** hystrix-go's {@code Flush}: forgets every breaker. */
    public void clear() {
        breakers.clear();
    }

    /** Tells {@code listener} of every state change of every breaker of this registry. */
    public Registration onStateChange(StateListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** go-kit's {@code circuitbreaker.Hystrix(commandName)}: {@code get(name).middleware()}. */
    public <Q, R> Middleware<Q, R> middleware(String name) {
        return get(name).middleware();
    }

    /** {@link #middleware(String)} with a degraded answer for failed calls. */
    public <Q, R> Middleware<Q, R> middleware(String name, EndpointFallback<Q, R> fallback) {
        return get(name).middleware(fallback);
    }

    /** Per-instance breakers for the instances of {@code service}, with the default settings. */
    public InstanceBreakers forService(String service) {
        return forService(service, defaults);
    }

    /** Per-instance breakers for the instances of {@code service}, each with {@code settings}. */
    public InstanceBreakers forService(String service, Settings settings) {
        return new InstanceBreakers(this, service, settings);
    }
}
