package io.kit4j.sd.zookeeper;

import io.kit4j.sd.CatalogEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A catalog listener that keeps every event it receives. */
final class Names implements Consumer<CatalogEvent> {
    private final List<CatalogEvent> events = new ArrayList<>();

    @Override
    public synchronized void accept(CatalogEvent event) {
        events.add(event);
    }

    synchronized List<CatalogEvent> events() {
        return List.copyOf(events);
    }

    /** True when the last event is the set {@code services}. */
    synchronized boolean lastIs(List<String> services) {
        CatalogEvent e = events.isEmpty() ? null : events.get(events.size() - 1);
        return e != null && !e.isError() && e.services().equals(services);
    }

    synchronized boolean lastIsError() {
        return !events.isEmpty() && events.get(events.size() - 1).isError();
    }

    @Override
    public synchronized String toString() {
        return events.toString();
    }
}
