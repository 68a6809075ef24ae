package io.kit4j.sd;

import io.kit4j.endpoint.Endpoint;
import io.kit4j.log.Logger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Test doubles for discovery: a factory and a logger that remember what happened, and a listener. */
final class Recording {
    private Recording() {
    }

    /** A factory whose endpoints answer with their instance string; remembers creations and closes. */
    static final class RecordingFactory implements Factory<String, String> {
        final List<String> created = new ArrayList<>();
        final List<String> closed = new ArrayList<>();
        final Set<String> failing = new HashSet<>();

        @Override
        public synchronized ClosableEndpoint<String, String> create(String instance) throws Exception {
            if (failing.contains(instance)) {
                throw new IllegalStateException("cannot dial " + instance);
            }
            created.add(instance);
            Endpoint<String, String> e = (ctx, request) -> instance;
            return ClosableEndpoint.of(e, () -> {
                synchronized (this) {
                    closed.add(instance);
                }
            });
        }
    }

    /** A logger keeping every event. */
    static final class Log implements Logger {
        final List<List<Object>> events = new ArrayList<>();

        @Override
        public synchronized void log(Object... keyvals) {
            events.add(Arrays.asList(keyvals.clone()));
        }

        synchronized List<Object> last() {
            return events.getLast();
        }
    }

    /** A listener keeping every event. */
    static final class Listener implements Consumer<Event> {
        final List<Event> events = new ArrayList<>();

        @Override
        public synchronized void accept(Event event) {
            events.add(event);
        }

        synchronized Event last() {
            return events.getLast();
        }
    }

    /** What each endpoint answers, that is the instance it was made for. */
    static List<String> instancesOf(List<Endpoint<String, String>> endpoints) throws Exception {
        List<String> out = new ArrayList<>();
        for (Endpoint<String, String> e : endpoints) {
            out.add(e.call(io.kit4j.context.Context.background(), "who"));
        }
        return out;
    }
}
