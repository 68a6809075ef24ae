package io.kit4j.circuitbreaker;

/**
 * Told of every state change of a breaker (or of every breaker of a registry). Called on the thread that
 * caused the change, in the order the changes happen; keep it quick. An exception it throws is ignored.
 */
@FunctionalInterface
public interface StateListener {

    /** Observes one transition. */
    void onStateChange(StateChange change);
}
