package io.kit4j.sd;

import java.util.Collection;
import java.util.List;

/**
 * What a {@link Catalog} tells its listeners: the complete set of service names the registry knows now
 * (sorted, each once; never a delta), or the error that keeps the catalog from knowing it. After an error
 * a listener may keep using what it knew; a catalog that recovers sends a new complete set.
 *
 * @param services the service names, sorted and distinct; empty for an error event
 * @param error why listing the services failed, or {@code null}
 */
public record CatalogEvent(List<String> services, Exception error) {

    /** Sorts and deduplicates {@code services} (null stands for none); an error event may not carry names. */
    public CatalogEvent {
        services = services == null ? List.of() : services.stream().sorted().distinct().toList();
        if (error != null && !services.isEmpty()) {
            throw new IllegalArgumentException("an error event carries no services");
        }
    }

    /** An event holding the complete set {@code services}. */
    public static CatalogEvent of(Collection<String> services) {
        return new CatalogEvent(List.copyOf(services), null);
    }

    /** An event holding the complete set {@code services}. */
    public static CatalogEvent of(String... services) {
        return new CatalogEvent(List.of(services), null);
    }

    /** An event saying that listing the services failed with {@code error}. */
    public static CatalogEvent error(Exception error) {
        if (error == null) {
            throw new NullPointerException("error");
        }
        return new CatalogEvent(List.of(), error);
    }

    /** True for an error event. */
    public boolean isError() {
        return error != null;
    }
}
