package io.kit4j.gateway;

import io.kit4j.log.Logger;
import io.kit4j.sd.Catalog;
import io.kit4j.sd.CatalogEvent;
import io.kit4j.sd.Registry;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * The service names of a registry's {@link Catalog}, followed for a {@link Gateway}: each change of the
 * names is handed to the gateway (which rebuilds its table with the routes {@link DiscoverySettings}
 * makes) on a thread of this class's own, never on the registry's, so a slow rebuild (a new service's
 * instancer reads the registry) never holds the registry's watch up. Changes that arrive during a
 * rebuild are folded into the next one. An error event of the catalog keeps the names known (and so the
 * routes), and is logged.
 */
final class DiscoveredRoutes implements AutoCloseable {
    private final Catalog catalog;
    private final Consumer<DiscoveredRoutes> onChange;
    private final Logger logger;
    private final Consumer<CatalogEvent> listener = this::changed;
    private final Semaphore changes = new Semaphore(0);
    private final Thread worker;
    private volatile List<String> names = List.of();
    private volatile boolean started;
    private volatile boolean closed;

    private DiscoveredRoutes(Catalog catalog, Consumer<DiscoveredRoutes> onChange, Logger logger) {
        this.catalog = catalog;
        this.onChange = onChange;
        this.logger = logger;
        this.worker = Thread.ofVirtual().name("kit4j-gateway-discovery").unstarted(this::loop);
    }

    /**
     * Opens the catalog of {@code registry} and reads its names now; later changes call {@code onChange}
     * with this object. A registry that cannot list its services is an {@link IllegalArgumentException}.
     */
    static DiscoveredRoutes start(Registry registry, Consumer<DiscoveredRoutes> onChange, Logger logger) {
        Catalog catalog;
        try {
            catalog = registry.catalog();
        } catch (UnsupportedOperationException e) {
            throw new IllegalArgumentException("discovery: " + e.getMessage(), e);
        }
        DiscoveredRoutes d = new DiscoveredRoutes(catalog, Objects.requireNonNull(onChange, "onChange"),
                logger.with("component", "discovery"));
        catalog.register(d.listener);
        d.started = true;
        d.worker.start();
        return d;
    }

    /** The service names last listed (sorted). */
    List<String> names() {
        return names;
    }

    private void changed(CatalogEvent e) {
        if (e.isError()) {
            logger.log("msg", "registry catalog unavailable; keeping the routes of the services known",
                    "err", String.valueOf(e.error().getMessage()));
            return;
        }
        if (e.services().equals(names)) {
            return;
        }
        names = e.services();
        if (started) {
            changes.release();
        }
    }

    private void loop() {
        while (!closed) {
            try {
                changes.acquire();
            } catch (InterruptedException e) {
                return;
            }
            changes.drainPermits();
            if (closed) {
                return;
            }
            try {
                onChange.accept(this);
            } catch (RuntimeException e) {
                logger.log("msg", "routes from the registry not applied", "err", e.getMessage());
            }
        }
    }

    /** Stops following the catalog and closes it; does not wait for a rebuild in progress. */
    @Override
    public void close() {
        closed = true;
        catalog.deregister(listener);
        catalog.close();
        worker.interrupt();
    }
}
