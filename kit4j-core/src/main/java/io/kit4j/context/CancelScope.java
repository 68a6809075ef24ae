package io.kit4j.context;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shared cancellation state of every context derived from one {@link Context#withCancel()} call.
 * Cancelling a scope cancels the scopes created below it and runs the listeners registered on them.
 */
final class CancelScope {
    private final CancelScope parent;
    private final Set<CancelScope> children = ConcurrentHashMap.newKeySet();
    private final Set<Runnable> listeners = ConcurrentHashMap.newKeySet();
    private volatile RuntimeException cause;

    CancelScope(CancelScope parent) {
        this.parent = parent;
        if (parent != null) {
            parent.children.add(this);
            if (parent.cause != null) {
                cancel(parent.cause);
            }
        }
    }

    RuntimeException cause() {
        return cause;
    }

    void cancel(RuntimeException why) {
        synchronized (this) {
            if (cause != null) {
                return;
            }
            cause = why;
        }
        if (parent != null) {
            parent.children.remove(this);
        }
        for (Runnable listener : listeners) {
            listener.run();
        }
        listeners.clear();
        for (CancelScope child : children) {
            child.cancel(why);
        }
        children.clear();
    }

    Registration onCancel(Runnable listener) {
        listeners.add(listener);
        if (cause != null && listeners.remove(listener)) {
            listener.run();
        }
        return () -> listeners.remove(listener);
    }
}
