package io.kit4j.sd.zookeeper;

import io.kit4j.sd.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** An instancer listener that keeps every event it receives. */
final class Recorder implements Consumer<Event> {
    private final List<Event> events = new ArrayList<>();

    @Override
    public synchronized void accept(Event event) {
        events.add(event);
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    synchronized Event last() {
        return events.isEmpty() ? null : events.get(events.size() - 1);
    }

    /** True when the last event is the set {@code instances}. */
    synchronized boolean lastIs(List<String> instances) {
        Event e = last();
        return e != null && !e.isError() && e.instances().equals(instances);
    }

    synchronized boolean lastIsError() {
        Event e = last();
        return e != null && e.isError();
    }

    /** The last event that was a set, or null. */
    synchronized List<String> lastSet() {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (!events.get(i).isError()) {
                return events.get(i).instances();
            }
        }
        return null;
    }

    @Override
    public synchronized String toString() {
        return events.toString();
    }
}
