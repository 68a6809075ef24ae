package io.kit4j.gateway;

import io.kit4j.sd.Endpointer;
import io.kit4j.sd.lb.Balancer;
import java.util.Locale;

/** How a route spreads requests over its upstream's instances: kit4j's balancers in {@code io.kit4j.sd.lb}. */
public enum Balancing {
    /** Each instance in turn. */
    ROUND_ROBIN,
    /** An instance drawn at random. */
    RANDOM,
    /** The less busy of two drawn at random (calls in flight through this gateway). */
    LEAST_OUTSTANDING;

    /** The balancer of this kind over {@code endpointer}. */
    <Q, R> Balancer<Q, R> over(Endpointer<Q, R> endpointer) {
        return switch (this) {
            case ROUND_ROBIN -> Balancer.roundRobin(endpointer);
            case RANDOM -> new io.kit4j.sd.lb.Random<>(endpointer);
            case LEAST_OUTSTANDING -> Balancer.leastOutstanding(endpointer);
        };
    }

    /** The name used in routes files: {@code round_robin}, {@code random}, {@code least_outstanding}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a routes-file name (case and {@code -}/{@code _} do not matter); null is round robin. */
    public static Balancing parse(String name) {
        if (name == null) {
            return ROUND_ROBIN;
        }
        String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Balancing b : values()) {
            if (b.name().equals(n)) {
                return b;
            }
        }
        throw new IllegalArgumentException("lb must be round_robin, random or least_outstanding, not " + name);
    }
}
