package io.kit4j.context;

import io.kit4j.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The request-scoped context passed explicitly to every endpoint, hook and middleware: Go's
 * {@code context.Context}. It holds typed values, an optional deadline and a cancellation state.
 *
 * <p>A context is immutable: {@link #with}, {@link #withDeadline} and {@link #withCancel} return new
 * contexts and leave this one unchanged, so a context can be shared freely between threads. Value look-up
 * walks the chain of derived contexts (a handful of entries per request); deadlines are checked against
 * the root's {@link Clock}, so tests can drive them with a manual clock.
 */
public final class Context {
    private static final Context BACKGROUND = new Context(Clock.system());

    private final Context parent;
    private final ContextKey<?> key;
    private final Object value;
    private final Instant deadline;
    private final CancelScope scope;
    private final Clock clock;

    private Context(Clock clock) {
        this(null, null, null, null, null, clock);
    }

    private Context(Context parent, ContextKey<?> key, Object value, Instant deadline, CancelScope scope,
            Clock clock) {
        this.parent = parent;
        this.key = key;
        this.value = value;
        this.deadline = deadline;
        this.scope = scope;
        this.clock = clock;
    }

    /** The empty root context on the system clock: never done, no values. */
    public static Context background() {
        return BACKGROUND;
    }

    /** An empty root context whose deadlines are measured on {@code clock}. */
    public static Context background(Clock clock) {
        return new Context(clock);
    }

    /** A context holding {@code value} under {@code key}, shadowing any earlier value of that key. */
    public <T> Context with(ContextKey<T> key, T value) {
        return new Context(this, key, value, deadline, scope, clock);
    }

    /** The value stored under {@code key}, or null. */
    @SuppressWarnings("unchecked")
    public <T> T get(ContextKey<T> key) {
        for (Context c = this; c != null; c = c.parent) {
            if (c.key == key) {
                return (T) c.value;
            }
        }
        return null;
    }

    /** The value stored under {@code key}, or {@code fallback}. */
    public <T> T getOrDefault(ContextKey<T> key, T fallback) {
        T v = get(key);
        return v != null ? v : fallback;
    }

    /** A context whose deadline is the earlier of this one's and {@code at}. */
    public Context withDeadline(Instant at) {
        Instant d = deadline == null || at.isBefore(deadline) ? at : deadline;
        return new Context(this, null, null, d, scope, clock);
    }

    /** A context whose deadline is {@code timeout} from now (or this one's, if earlier). */
    public Context withTimeout(Duration timeout) {
        return withDeadline(clock.now().plus(timeout));
    }

    /** A context that can be cancelled on its own; cancelling this context's scope cancels it too. */
    public Cancellable withCancel() {
        CancelScope child = new CancelScope(scope);
        return new Cancellable(new Context(this, null, null, deadline, child, clock), child);
    }

    /** The deadline, if there is one. */
    public Optional<Instant> deadline() {
        return Optional.ofNullable(deadline);
    }

    /** Time left until the deadline (zero or negative once it passed), if there is a deadline. */
    public Optional<Duration> remaining() {
        return deadline == null ? Optional.empty() : Optional.of(Duration.between(clock.now(), deadline));
    }

    /** The clock deadlines are measured on. */
    public Clock clock() {
        return clock;
    }

    /** True once the context is cancelled or its deadline has passed. */
    public boolean isDone() {
        return err() != null;
    }

    /**
     * Why the context is done: a {@link ContextCanceledException} or {@link DeadlineExceededException};
     * null while it is not done.
     */
    public RuntimeException err() {
        if (scope != null && scope.cause() != null) {
            return scope.cause();
        }
        if (deadline != null && !clock.now().isBefore(deadline)) {
            return new DeadlineExceededException();
        }
        return null;
    }

    /** Throws {@link #err()} if the context is done; a cheap check for loops and before costly work. */
    public void throwIfDone() {
        RuntimeException e = err();
        if (e != null) {
            throw e;
        }
    }

    /**
     * Runs {@code listener} once when this context is cancelled (at once if it already is). Deadlines do
     * not fire listeners: code that waits bounds its wait by {@link #remaining()}. Close the registration
     * when the listener is no longer wanted.
     */
    public Registration onCancel(Runnable listener) {
        if (scope == null) {
            return () -> { };
        }
        return scope.onCancel(listener);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Context[");
        if (deadline != null) {
            b.append("deadline=").append(deadline);
        }
        if (scope != null && scope.cause() != null) {
            b.append(deadline != null ? ", " : "").append("canceled");
        }
        return b.append(']').toString();
    }
}
