package io.kit4j.sd.etcd;

import io.kit4j.sd.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** An instancer listener remembering every event it got and when (System.nanoTime). */
final class Recorder implements Consumer<Event> {
    /** One delivered event. */
    record Seen(Event event, long nanos, String thread) {
    }

    private final List<Seen> seen = new ArrayList<>();

    @Override
    public synchronized void accept(Event event) {
        seen.add(new Seen(event, System.nanoTime(), Thread.currentThread().getName()));
    }

    synchronized List<Seen> all() {
        return List.copyOf(seen);
    }

    synchronized Event last() {
        return seen.isEmpty() ? null : seen.getLast().event();
    }

    /** The instances of the last event; null before any event or after an error event. */
    synchronized List<String> instances() {
        Event e = last();
        return e == null || e.isError() ? null : e.instances();
    }

    /** The first event at or after {@code sinceNanos} whose instances equal {@code instances}, or null. */
    synchronized Seen firstSince(long sinceNanos, List<String> instances) {
        for (Seen s : seen) {
            if (s.nanos() >= sinceNanos && !s.event().isError() && s.event().instances().equals(instances)) {
                return s;
            }
        }
        return null;
    }
}
