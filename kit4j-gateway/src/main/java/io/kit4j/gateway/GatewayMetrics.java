package io.kit4j.gateway;

import io.kit4j.metrics.Counter;
import io.kit4j.metrics.Discard;
import io.kit4j.metrics.Histogram;
import java.util.Objects;

/**
 * What the gateway measures, on kit4j's metric interfaces (wire them to Prometheus with kit4j-prometheus):
 *
 * @param requests client requests by {@code route} and answered {@code code}
 * @param duration seconds from routing to the end of the answer, by {@code route}
 * @param upstreamCalls attempts by {@code upstream} (service), {@code instance} and {@code outcome} (the
 *     upstream status, or {@code error} when it did not answer)
 */
public record GatewayMetrics(Counter requests, Histogram duration, Counter upstreamCalls) {

    /** Requires all three. */
    public GatewayMetrics {
        Objects.requireNonNull(requests, "requests");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(upstreamCalls, "upstreamCalls");
    }

    /** Metrics that record nothing. */
    public static GatewayMetrics discard() {
        return new GatewayMetrics(Discard.counter(), Discard.histogram(), Discard.counter());
    }
}
