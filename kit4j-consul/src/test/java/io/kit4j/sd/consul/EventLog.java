package io.kit4j.sd.consul;

import static org.junit.jupiter.api.Assertions.fail;

import io.kit4j.sd.Event;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** A listener that keeps every event it hears and lets a test wait for one (polling, generous timeout). */
final class EventLog implements Consumer<Event> {
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private final CopyOnWriteArrayList<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void accept(Event e) {
        events.add(e);
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    Event last() {
        return events.isEmpty() ? null : events.get(events.size() - 1);
    }

    /** Waits until the latest event satisfies {@code p}; fails after {@link #PATIENCE}. */
    Event awaitLast(String what, Predicate<Event> p) {
        return await(what, () -> {
            Event e = last();
            return e != null && p.test(e) ? e : null;
        });
    }

    /** Waits until the latest event is the set {@code instances} (sorted). */
    Event awaitInstances(String... instances) {
        List<String> want = List.of(instances).stream().sorted().toList();
        return awaitLast("instances " + want, e -> !e.isError() && e.instances().equals(want));
    }

    static <T> T await(String what, java.util.function.Supplier<T> probe) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            T v = probe.get();
            if (v != null) {
                return v;
            }
            if (System.nanoTime() > deadline) {
                fail("gave up after " + PATIENCE.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }

    static void awaitTrue(String what, java.util.function.BooleanSupplier probe) {
        await(what, () -> probe.getAsBoolean() ? Boolean.TRUE : null);
    }
}
