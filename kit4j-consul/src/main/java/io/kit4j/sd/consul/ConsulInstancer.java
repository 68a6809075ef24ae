package io.kit4j.sd.consul;

import io.kit4j.log.Logger;
import io.kit4j.sd.InstanceCache;
import io.kit4j.sd.lb.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * An {@link io.kit4j.sd.Instancer} fed by Consul's health endpoint: go-kit's {@code sd/consul.Instancer},
 * rule for rule but one (recovery after an error, below).
 *
 * <ul>
 *   <li>{@link #start} reads the instances once, at once ({@code index} 0), and publishes them (or the
 *       error), so the first listener gets a current state; then a virtual thread runs blocking queries
 *       {@code GET /v1/health/service/<name>?passing=1&tag=<first tag>&index=<last X-Consul-Index>&wait=<wait>}
 *       one after the other.</li>
 *   <li>Only the first tag goes to Consul (its health endpoint filters by one tag); an instance must
 *       have every further tag too, checked here.</li>
 *   <li>Instance string: {@code Service.Address}, else {@code Node.Address}, then {@code :Service.Port}.</li>
 *   <li>A failed query (connection, timeout, non-2xx, bad JSON) is logged ({@code err}); the loop waits
 *       {@code d} (10 ms first), grows {@code d} ({@link Exponential}: doubled, jitter ×[0.5, 1.5),
 *       at most 1 min), then publishes {@link Event#error}. As in go-kit the error is published, not
 *       swallowed: listeners learn the set is stale, and {@link io.kit4j.sd.DefaultEndpointer} keeps
 *       using the last good set (for ever, or for its {@code invalidateOnError} timeout). One
 *       deliberate difference: the query after a failure is sent without {@code index}, so it answers
 *       at once and the recovered set replaces the error as soon as Consul answers again. go-kit keeps
 *       the index, so its next good query blocks until the service changes or {@code wait} ends (5 min
 *       by default), and listeners stay in the error state that long after Consul has recovered.</li>
 *   <li>A returned index of 0 is logged ({@code index is not sane}), the answer dropped and the loop
 *       waits {@code d} and grows it, keeping its last index. An index lower than the last one is
 *       logged, the last index reset to 0 (the next query answers at once), and the loop waits and
 *       grows {@code d}. Otherwise the index is kept, the set published (listeners hear only changes)
 *       and {@code d} goes back to 10 ms.</li>
 *   <li>{@link #stop()} ends the loop and aborts the query in flight.</li>
 * </ul>
 */
public final class ConsulInstancer extends InstanceCache {
    private final ConsulClient client;
    private final String service;
    private final List<String> tags;
    private final boolean passingOnly;
    private final Duration wait;
    private final ConsulWatch watch;

    private ConsulInstancer(ConsulClient client, Logger logger, String service, List<String> tags,
            boolean passingOnly, Duration wait, Sleeper sleeper, DoubleSupplier random) {
        super(logger);
        this.client = Objects.requireNonNull(client, "client");
        this.service = Objects.requireNonNull(service, "service");
        this.tags = List.copyOf(tags);
        this.passingOnly = passingOnly;
        this.wait = Objects.requireNonNull(wait, "wait");
        if (service.isBlank()) {
            throw new IllegalArgumentException("service name must not be blank");
        }
        if (wait.isNegative() || wait.isZero()) {
            throw new IllegalArgumentException("wait must be positive: " + wait);
        }
        this.watch = new ConsulWatch(this::query, this::update,
                logger.with("service", service, "tags", this.tags.toString()), "instances",
                Objects.requireNonNull(sleeper, "sleeper"), Objects.requireNonNull(random, "random"));
    }

    /**
     * Reads the instances of {@code service} having all {@code tags} (passing checks only if
     * {@code passingOnly}) and keeps watching them with blocking queries of {@code wait}; failures back
     * off on the wall clock.
     */
    public static ConsulInstancer start(ConsulClient client, Logger logger, String service, List<String> tags,
            boolean passingOnly, Duration wait) {
        return start(client, logger, service, tags, passingOnly, wait, Sleeper.system(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * As {@link #start(ConsulClient, Logger, String, List, boolean, Duration)}, waiting between failed
     * queries with {@code sleeper} and drawing the backoff's jitter from {@code random} (numbers in
     * {@code [0, 1)}): the seams that make the backoff deterministic in tests.
     */
    public static ConsulInstancer start(ConsulClient client, Logger logger, String service, List<String> tags,
            boolean passingOnly, Duration wait, Sleeper sleeper, DoubleSupplier random) {
        ConsulInstancer instancer = new ConsulInstancer(client, logger, service, tags, passingOnly, wait, sleeper,
                random);
        instancer.watch.start("consul-instancer-" + service);
        return instancer;
    }

    /** Ends the watch and aborts the query in flight; the last state stays readable. Idempotent. */
    @Override
    public void stop() {
        watch.stop();
    }

    /** True once {@link #stop()} was called. */
    public boolean isStopped() {
        return watch.isStopped();
    }

    /** Waits up to {@code timeout} for the watch thread to end after {@link #stop()}; true if it did. */
    boolean awaitStopped(Duration timeout) throws InterruptedException {
        return watch.awaitStopped(timeout);
    }

    private ConsulWatch.Answer query(long index) throws Exception {
        String tag = tags.isEmpty() ? null : tags.get(0);
        HealthResult r = client.service(service, tag, passingOnly, index, wait);
        List<String> rest = tags.size() > 1 ? tags.subList(1, tags.size()) : List.of();
        List<String> instances = r.entries().stream()
                .filter(e -> e.hasTags(rest))
                .map(ServiceEntry::instance)
                .toList();
        return new ConsulWatch.Answer(instances, r.index());
    }
}
