package io.kit4j.circuitbreaker;

import io.kit4j.endpoint.Endpoint;
import java.util.Objects;
import java.util.function.Function;

/**
 * One breaker per instance of a service, for client endpoints: a failing instance is cut off while the
 * others keep serving (the balancer moves on). Each breaker is named {@code service@address}, in group
 * {@code service}, and lives in the registry (so it shows on the dashboard stream).
 *
 * <pre>{@code
 * InstanceBreakers perInstance = breakers.forService("userservice");
 * Function<String, Endpoint<Long, User>> factory = perInstance.factory(addr -> clientEndpointFor(addr));
 * // give `factory` to discovery; call perInstance.remove(addr) when an instance goes away
 * }</pre>
 */
public final class InstanceBreakers {
    private final CircuitBreakers registry;
    private final String service;
    private final Settings settings;

    InstanceBreakers(CircuitBreakers registry, String service, Settings settings) {
        this.registry = registry;
        this.service = Objects.requireNonNull(service, "service");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The service whose instances these breakers guard. */
    public String service() {
        return service;
    }

    /** The breaker name of the instance at {@code address}: {@code service@address}. */
    public String nameOf(String address) {
        return service + "@" + address;
    }

    /** The breaker of the instance at {@code address}, created on first use. */
    public CircuitBreaker breaker(String address) {
        return registry.get(nameOf(Objects.requireNonNull(address, "address")), service, settings);
    }

    /** {@code endpoint} (the client of the instance at {@code address}) behind that instance's breaker. */
    public <Q, R> Endpoint<Q, R> wrap(String address, Endpoint<Q, R> endpoint) {
        return breaker(address).<Q, R>middleware().apply(endpoint);
    }

    /** A factory that makes {@code factory}'s endpoint for an address and puts it behind the address's breaker. */
    public <Q, R> Function<String, Endpoint<Q, R>> factory(Function<String, ? extends Endpoint<Q, R>> factory) {
        Objects.requireNonNull(factory, "factory");
        return address -> wrap(address, factory.apply(address));
    }

    /** Forgets the breaker of the instance at {@code address} (when the instance has gone). */
    public boolean remove(String address) {
        return registry.remove(nameOf(address));
    }
}
