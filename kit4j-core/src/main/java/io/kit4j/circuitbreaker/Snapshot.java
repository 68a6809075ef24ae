package io.kit4j.circuitbreaker;

import java.time.Instant;
import java.util.Map;

/**
 * What a breaker looks like now: its state, settings, the counts of its rolling window, latencies and the
 * number of commands running. Read with {@link CircuitBreaker#snapshot()}; rendered for the Hystrix
 * dashboard by {@link HystrixStreamJson}.
 *
 * @param name the breaker's name
 * @param group the breaker's group (the service, for per-instance breakers; else the name)
 * @param state the state
 * @param time when the snapshot was taken, on the breaker's clock
 * @param settings the settings in force
 * @param requests the requests in the window (every primary {@link Event})
 * @param errors the errors among them
 * @param errorPercentage errors / requests × 100, rounded half up (0 without requests)
 * @param counts the count of every {@link Event} in the window
 * @param execution how long commands ran (calls that executed)
 * @param total how long calls took from entry to answer, fallbacks included
 * @param concurrencyInUse commands running now
 */
public record Snapshot(String name, String group, State state, Instant time, Settings settings, long requests,
        long errors, int errorPercentage, Map<Event, Long> counts, Latency execution, Latency total,
        int concurrencyInUse) {

    /** The count of {@code event} in the window. */
    public long count(Event event) {
        Long n = counts.get(event);
        return n == null ? 0 : n;
    }
}
