package io.kit4j.circuitbreaker;

import io.kit4j.context.ContextCanceledException;
import io.kit4j.context.Context;
import io.kit4j.context.Registration;
import io.kit4j.time.Clock;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One command running on its own virtual thread while the caller waits for it: hystrix-go's
 * "first finisher wins" between the run goroutine and the timer, as a compare-and-set on {@link #state}.
 * The runner releases the concurrency permit when the command really returns, so a command that ignores
 * its interrupt keeps its permit until it ends.
 *
 * @param <R> the result type
 */
final class IsolatedRun<R> implements Runnable {
    static final int DONE = 0;
    static final int WAIT_EXPIRED = 1;
    static final int CANCELED = 2;
    static final int CONTEXT_DEADLINE = 3;
    static final int INTERRUPTED = 4;

    private static final int RUNNING = 0;
    private static final int FINISHED = 1;
    private static final int ABANDONED = 2;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(IsolatedRun.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Command<R> command;
    private final Context ctx;
    private final Clock clock;
    private final AtomicInteger permits;
    private final Thread waiter;
    private volatile int state;
    R result;
    Throwable error;
    long end;

    IsolatedRun(Command<R> command, Context ctx, Clock clock, AtomicInteger permits, Thread waiter) {
        this.command = command;
        this.ctx = ctx;
        this.clock = clock;
        this.permits = permits;
        this.waiter = waiter;
    }

    @Override
    public void run() {
        try {
            result = command.run(ctx);
        } catch (Throwable t) {
            error = t;
        } finally {
            end = clock.nanoTime();
            permits.decrementAndGet();
            if (STATE.compareAndSet(this, RUNNING, FINISHED)) {
                LockSupport.unpark(waiter);
            }
        }
    }

    /**
     * Waits until the command finishes, {@code waitNanos} of real time pass, the caller's context is done,
     * or the waiting thread is interrupted; returns which.
     */
    int await(Context caller, long waitNanos) {
        Registration reg = caller.onCancel(() -> LockSupport.unpark(waiter));
        try {
            long begin = System.nanoTime();
            while (state == RUNNING) {
                RuntimeException done = caller.err();
                if (done != null) {
                    return done instanceof ContextCanceledException ? CANCELED : CONTEXT_DEADLINE;
                }
                long left = waitNanos - (System.nanoTime() - begin);
                if (left <= 0) {
                    return WAIT_EXPIRED;
                }
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    return INTERRUPTED;
                }
            }
            return DONE;
        } finally {
            reg.close();
        }
    }

    /** Gives up on the command unless it has finished; true when this call gave up. */
    boolean abandon() {
        return STATE.compareAndSet(this, RUNNING, ABANDONED);
    }
}
