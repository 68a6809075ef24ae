package io.kit4j.context;

/**
 * A typed key for a value in a {@link Context}. Keys compare by identity: create each once, as a
 * constant, and share it between the code that stores and the code that reads the value.
 *
 * @param <T> the type of the value stored under this key
 */
public final class ContextKey<T> {
    private final String name;

    /** A new key; {@code name} is for debugging only, two keys with one name are still different. */
    public ContextKey(String name) {
        this.name = name;
    }

    /** The key's debugging name. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "ContextKey(" + name + ")";
    }
}
