package io.kit4j.sd.consul;

import io.kit4j.log.Logger;
import io.kit4j.sd.CatalogCache;
import io.kit4j.sd.CatalogEvent;
import io.kit4j.sd.lb.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * The service names of a Consul datacenter's catalog, watched with blocking queries
 * {@code GET /v1/catalog/services?index=<X-Consul-Index>&wait=<wait>} under the same index, backoff and
 * recovery rules as {@link ConsulInstancer} (a failed query is an error event; the next one asks
 * without {@code index}).
 *
 * <p>What is listed is Consul's catalog: every service with at least one registered instance, whatever
 * its health (a service whose instances all fail their checks is still listed, and its instancer
 * publishes no instance); a service leaves the list when its last instance is deregistered or reaped.
 * The service {@code consul} (Consul's own servers, registered by Consul itself) is left out.
 */
public final class ConsulCatalog extends CatalogCache {
    /** The name under which Consul servers register themselves; never listed. */
    public static final String CONSUL_ITSELF = "consul";

    private final ConsulClient client;
    private final Duration wait;
    private final ConsulWatch watch;

    private ConsulCatalog(ConsulClient client, Logger logger, Duration wait, Sleeper sleeper, DoubleSupplier random) {
        super(logger);
        this.client = Objects.requireNonNull(client, "client");
        this.wait = Objects.requireNonNull(wait, "wait");
        this.watch = new ConsulWatch(this::query,
                e -> update(e.isError() ? CatalogEvent.error(e.error()) : CatalogEvent.of(e.instances())),
                logger.with("catalog", "services"), "services", sleeper, random);
    }

    /** Reads the service names at once, then watches them with blocking queries of {@code wait}. */
    static ConsulCatalog start(ConsulClient client, Logger logger, Duration wait, Sleeper sleeper, DoubleSupplier random) {
        ConsulCatalog catalog = new ConsulCatalog(client, logger, wait, sleeper, random);
        catalog.watch.start("consul-catalog");
        return catalog;
    }

    /** Ends the watch and aborts the query in flight; the last state stays readable. Idempotent. */
    @Override
    public void close() {
        watch.stop();
    }

    /** True once {@link #close()} was called. */
    public boolean isClosed() {
        return watch.isStopped();
    }

    /** Waits up to {@code timeout} for the watch thread to end after {@link #close()}; true if it did. */
    boolean awaitClosed(Duration timeout) throws InterruptedException {
        return watch.awaitStopped(timeout);
    }

    private ConsulWatch.Answer query(long index) throws Exception {
        ServicesResult r = client.services(index, wait);
        List<String> names = r.services().keySet().stream().filter(n -> !n.equals(CONSUL_ITSELF)).toList();
        return new ConsulWatch.Answer(names, r.index());
    }
}
