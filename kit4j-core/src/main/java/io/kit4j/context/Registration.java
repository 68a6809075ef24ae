package io.kit4j.context;

/** A listener registration that can be undone; closing it twice is harmless. */
@FunctionalInterface
public interface Registration extends AutoCloseable {

    /** Removes the listener. */
    @Override
    void close();
}
