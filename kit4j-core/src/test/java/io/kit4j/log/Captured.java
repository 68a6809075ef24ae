package io.kit4j.log;

import java.util.ArrayList;
import java.util.List;

/** A logger for tests that keeps every event it is given. */
final class Captured implements Logger {
    final List<List<Object>> events = new ArrayList<>();

    @Override
    public synchronized void log(Object... keyvals) {
        events.add(java.util.Arrays.asList(keyvals.clone()));
    }

    synchronized List<Object> last() {
        return events.getLast();
    }

    /** The value of the first pair with {@code key} in the last event. */
    synchronized Object lastValue(String key) {
        List<Object> event = last();
        for (int i = 0; i + 1 < event.size(); i += 2) {
            if (key.equals(event.get(i))) {
                return event.get(i + 1);
            }
        }
        throw new AssertionError("no " + key + " in " + event);
    }
}
