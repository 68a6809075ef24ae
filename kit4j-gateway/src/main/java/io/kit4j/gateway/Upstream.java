package io.kit4j.gateway;

import io.kit4j.circuitbreaker.CircuitBreakers;
import io.kit4j.circuitbreaker.InstanceBreakers;
import io.kit4j.circuitbreaker.Settings;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.log.Logger;
import io.kit4j.sd.ClosableEndpoint;
import io.kit4j.sd.DefaultEndpointer;
import io.kit4j.sd.Event;
import io.kit4j.sd.Instancer;
import io.kit4j.sd.lb.Balancer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.eclipse.jetty.client.HttpClient;

/**
 * The instances behind one or more routes, kept in step with an {@link Instancer} (a registry's, or a
 * fixed list): one {@link UpstreamEndpoint} per instance behind that instance's breaker (named
 * {@code upstream@host:port}), in a {@link DefaultEndpointer}, picked by a {@link Balancer}. Routes with the
 * same target, balancing and breaker settings share one upstream, and a reload of the routes keeps it
 * (with its connections, breakers and in-flight counts).
 */
final class Upstream implements AutoCloseable {
    private final String name;
    private final String key;
    private final boolean discovered;
    private final Instancer instancer;
    private final InstanceBreakers breakers;
    private final CircuitBreakers breakerRegistry;
    private final DefaultEndpointer<ProxyRequest, UpstreamResponse> endpointer;
    private final Balancer<ProxyRequest, UpstreamResponse> balancer;
    private final Consumer<Event> watcher = e -> last = e;
    private volatile Event last = Event.of(List.of());

    Upstream(String name, String key, boolean discovered, Instancer instancer, Balancing balancing, Settings settings,
            CircuitBreakers breakerRegistry, HttpClient client, java.util.function.Supplier<HttpClient> h2c,
            GatewayMetrics metrics, GatewayTracing tracing, Logger logger) {
        this.name = name;
        this.key = key;
        this.discovered = discovered;
        this.instancer = instancer;
        this.breakerRegistry = breakerRegistry;
        this.breakers = breakerRegistry.forService(name, settings);
        instancer.register(watcher);
        this.endpointer = DefaultEndpointer.<ProxyRequest, UpstreamResponse>builder(instancer, instance -> {
            UpstreamEndpoint upstream = new UpstreamEndpoint(client, h2c, name, instance, metrics, tracing);
            Endpoint<ProxyRequest, UpstreamResponse> e = breakers.wrap(instance, upstream);
            return ClosableEndpoint.of(e, () -> {
                breakers.remove(instance);
                upstream.close();
            });
        }).logger(logger.with("upstream", name)).build();
        this.balancer = balancing.over(endpointer);
    }

    String name() {
        return name;
    }

    /** What makes two routes share this upstream: target, balancing and breaker settings. */
    String key() {
        return key;
    }

    Balancer<ProxyRequest, UpstreamResponse> balancer() {
        return balancer;
    }

    /** The admin view: the instances known now, each with its breaker state, and the discovery error. */
    Map<String, Object> view() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("source", discovered ? "registry" : "fixed");
        Event e = last;
        List<Map<String, Object>> instances = new ArrayList<>();
        for (String instance : new TreeSet<>(e.instances())) {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("address", instance);
            i.put("breaker", breakerRegistry.find(breakers.nameOf(instance))
                    .map(b -> b.state().name()).orElse("CLOSED"));
            instances.add(i);
        }
        out.put("instances", instances);
        if (e.isError()) {
            out.put("error", String.valueOf(e.error().getMessage()));
        }
        return out;
    }

    /** Stops following the instancer, closes the endpoints and forgets their breakers. */
    @Override
    public void close() {
        instancer.deregister(watcher);
        endpointer.close();
        instancer.stop();
    }
}
