package io.kit4j.context;

/**
 * A context together with the function that cancels it: what {@link Context#withCancel()} returns, as
 * Go's {@code context.WithCancel} returns {@code (ctx, cancel)}. Use it in try-with-resources so the
 * scope is always released.
 */
public final class Cancellable implements AutoCloseable {
    private final Context context;
    private final CancelScope scope;

    Cancellable(Context context, CancelScope scope) {
        this.context = context;
        this.scope = scope;
    }

    /** The new context: done once {@link #cancel()} is called or its parent is cancelled. */
    public Context context() {
        return context;
    }

    /** Cancels the context and every context derived from it; later calls do nothing. */
    public void cancel() {
        scope.cancel(new ContextCanceledException());
    }

    /** Same as {@link #cancel()}. */
    @Override
    public void close() {
        cancel();
    }
}
