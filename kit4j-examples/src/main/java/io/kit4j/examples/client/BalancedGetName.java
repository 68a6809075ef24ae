package io.kit4j.examples.client;

import io.kit4j.circuitbreaker.CircuitBreakers;
import io.kit4j.circuitbreaker.InstanceBreakers;
import io.kit4j.context.Context;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.examples.getname.Downstream;
import io.kit4j.examples.getname.GetName;
import io.kit4j.log.Logger;
import io.kit4j.sd.ClosableEndpoint;
import io.kit4j.sd.DefaultEndpointer;
import io.kit4j.sd.Instancer;
import io.kit4j.sd.lb.Balancer;
import io.kit4j.sd.lb.Retry;
import io.kit4j.tracing.Tracing;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/**
 * The client side of the reference material's discovery chapter, assembled from kit4j parts:
 * {@code breaker("GetName", fallback)(Retry(attempts, timeout, Balancer(Endpointer(Instancer, Factory))))},
 * where the factory makes an HTTP client endpoint per instance behind that instance's own breaker.
 * A dead instance costs one failed attempt until its breaker opens; when every attempt fails, the
 * fallback answers "guest" marked as degraded (the reference's 降级).
 */
public final class BalancedGetName implements AutoCloseable {
    /** Which balancer picks the instance. */
    public enum Strategy {
        ROUND_ROBIN, RANDOM, LEAST_OUTSTANDING;

        /** Parses {@code round-robin}, {@code random} or {@code least-outstanding}. */
        public static Strategy parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /**
     * An answer and who gave it.
     *
     * @param result the name
     * @param instance the address that answered, or {@code fallback} for a degraded answer
     * @param degraded true when the fallback answered
     */
    public record Answer(String result, String instance, boolean degraded) {
    }

    private final DefaultEndpointer<GetName.Request, Answer> endpointer;
    private final Endpoint<GetName.Request, Answer> endpoint;
    private final InstanceBreakers perInstance;

    /** The client over the instances {@code instancer} reports, over HTTP. */
    public BalancedGetName(Instancer instancer, Strategy strategy, int attempts, Duration timeout,
            CircuitBreakers breakers, Logger logger) {
        this(instancer, strategy, attempts, timeout, breakers, logger, (Tracing) null);
    }

    /**
     * The client as above, over HTTP; with a {@code tracing}, each call is a span named {@code GetName}
     * (outside the breaker, so retries are its children) and each HTTP attempt a CLIENT span whose trace
     * headers the instance continues.
     */
    public BalancedGetName(Instancer instancer, Strategy strategy, int attempts, Duration timeout,
            CircuitBreakers breakers, Logger logger, Tracing tracing) {
        this(instancer, strategy, attempts, timeout, breakers, logger, instance -> ClosableEndpoint.of(
                tracing == null ? GetName.client(URI.create("http://" + instance))
                        : Downstream.getName(URI.create("http://" + instance), tracing)), tracing);
    }

    /**
     * The client over the instances {@code instancer} reports, reaching each through the endpoint
     * {@code transport} makes for its address (for example {@code GetNameGrpc::forInstance}); with a
     * {@code tracing} (may be null), each call is a span named {@code GetName}.
     */
    public BalancedGetName(Instancer instancer, Strategy strategy, int attempts, Duration timeout,
            CircuitBreakers breakers, Logger logger,
            Function<String, ClosableEndpoint<GetName.Request, GetName.Response>> transport, Tracing tracing) {
        perInstance = breakers.forService("userservice");
        endpointer = DefaultEndpointer.create(instancer, instance -> {
            ClosableEndpoint<GetName.Request, GetName.Response> client = transport.apply(instance);
            return ClosableEndpoint.of(perInstance.wrap(instance, answerFrom(instance, client.endpoint())),
                    client.closer());
        }, logger);
        Balancer<GetName.Request, Answer> balancer = switch (strategy) {
            case ROUND_ROBIN -> Balancer.roundRobin(endpointer);
            case RANDOM -> Balancer.random(endpointer, System.nanoTime());
            case LEAST_OUTSTANDING -> Balancer.leastOutstanding(endpointer);
        };
        Endpoint<GetName.Request, Answer> guarded = breakers.<GetName.Request, Answer>middleware("GetName",
                (ctx, request, cause) -> new Answer("guest", "fallback (" + cause.getMessage() + ")", true))
                .apply(Retry.retry(attempts, timeout, balancer));
        endpoint = tracing == null ? guarded : tracing.<GetName.Request, Answer>middleware("GetName").apply(guarded);
    }

    /** Calls GetName for {@code uid} on some instance. */
    public Answer call(Context ctx, long uid) throws Exception {
        return endpoint.call(ctx, new GetName.Request(uid));
    }

    /** The breakers of the instances, named {@code userservice@address}. */
    public InstanceBreakers instanceBreakers() {
        return perInstance;
    }

    @Override
    public void close() {
        endpointer.close();
    }

    private static Endpoint<GetName.Request, Answer> answerFrom(String instance,
            Endpoint<GetName.Request, GetName.Response> client) {
        return (ctx, r) -> new Answer(client.call(ctx, r).result(), instance, false);
    }
}
