package io.kit4j.sd;

import java.util.List;

/**
 * What an {@link Instancer} tells its listeners: go-kit's {@code sd.Event}. Either the complete current
 * set of instances (never a delta) or the error that keeps the instancer from knowing it.
 *
 * <p>After an error the listener should treat what it knew as stale; it may keep using it. An instancer
 * that recovers sends a new complete set. Equality is the record's: instance lists by value, errors by
 * identity.
 *
 * @param instances the instance strings (for example {@code host:port}); empty for an error event
 * @param error why discovery failed, or {@code null}
 */
public record Event(List<String> instances, Exception error) {

    /** Copies {@code instances} (null stands for none); an error event may not carry instances. */
    public Event {
        instances = instances == null ? List.of() : List.copyOf(instances);
        if (error != null && !instances.isEmpty()) {
            throw new IllegalArgumentException("an error event carries no instances");
        }
    }

    /** An event holding the complete set {@code instances}, in the order given. */
    public static Event of(List<String> instances) {
        return new Event(instances, null);
    }

    /** An event holding the complete set {@code instances}, in the order given. */
    public static Event of(String... instances) {
        return new Event(List.of(instances), null);
    }

    /** An event saying that discovery failed with {@code error}. */
    public static Event error(Exception error) {
        if (error == null) {
            throw new NullPointerException("error");
        }
        return new Event(List.of(), error);
    }

    /** True for an error event. */
    public boolean isError() {
        return error != null;
    }
}
