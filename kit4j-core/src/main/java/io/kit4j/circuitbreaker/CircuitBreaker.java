package io.kit4j.circuitbreaker;

import io.kit4j.context.Cancellable;
import io.kit4j.context.Context;
import io.kit4j.context.ContextCanceledException;
import io.kit4j.context.DeadlineExceededException;
import io.kit4j.context.Registration;
import io.kit4j.endpoint.Middleware;
import io.kit4j.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A named circuit breaker with Hystrix semantics: hystrix-go's command. Obtain one from a
 * {@link CircuitBreakers} registry; run calls through it with {@link #execute(Context, Command, Fallback)},
 * {@link #executeAsync(Context, Command, Fallback)} or the endpoint {@link #middleware()}.
 *
 * <p>Each call, in hystrix-go's order: a call whose context is already done is not run (its error, a
 * context event); an open breaker short-circuits it ({@link CircuitOpenException}); a full concurrency
 * limit rejects it at once ({@link MaxConcurrencyException}); otherwise the command runs, bounded by the
 * timeout and the context's deadline, whichever is earlier ({@link CommandTimeoutException}, or the
 * context's {@link DeadlineExceededException}). A failed call goes to the fallback, if there is one, with
 * the cause. See the package documentation for what opens and closes the breaker. Thread-safe.
 */
public final class CircuitBreaker {
    private static final int ADMIT = 0;
    private static final int PROBE = 1;
    private static final int SHORT = 2;

    private final String name;
    private final String group;
    private final Clock clock;
    private final List<StateListener> registryListeners;
    private final List<StateListener> listeners = new CopyOnWriteArrayList<>();
    private final ThreadFactory threads;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger inUse = new AtomicInteger();
    private final AtomicLong openedOrLastTested = new AtomicLong();
    private volatile Settings settings;
    private volatile RollingWindow window;
    private volatile State state = State.CLOSED;

    CircuitBreaker(String name, String group, Settings settings, Clock clock, List<StateListener> registryListeners) {
        this.name = Objects.requireNonNull(name, "name");
        this.group = Objects.requireNonNull(group, "group");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.registryListeners = registryListeners;
        this.threads = Thread.ofVirtual().name("kit4j-breaker-" + name).factory();
        long now = clock.nanoTime();
        this.window = new RollingWindow(settings.rollingWindowBuckets(), settings.bucketNanos(), now);
        if (settings.forceOpen()) {
            state = State.OPEN;
            openedOrLastTested.set(now);
        }
    }

    /** The breaker's name: hystrix-go's command name. */
    public String name() {
        return name;
    }

    /** The breaker's group, as the Hystrix dashboard shows it. */
    public String group() {
        return group;
    }

    /** The settings in force. */
    public Settings settings() {
        return settings;
    }

    /**
     * Applies new settings from the next call on; all of them can change, the concurrency limit included
     * (commands running over a lowered limit finish, and new ones are rejected until the count is below
     * it). {@code forceOpen} opens the breaker now and {@code forceClosed} closes it now, as transitions
     * listeners see. A different rolling window shape starts a fresh window.
     */
    public void updateSettings(Settings next) {
        Objects.requireNonNull(next, "settings");
        lock.lock();
        try {
            long now = clock.nanoTime();
            if (!settings.sameWindowAs(next)) {
                window = new RollingWindow(next.rollingWindowBuckets(), next.bucketNanos(), now);
            }
            settings = next;
            State from = state;
            if (next.forceOpen() && from != State.OPEN) {
                openedOrLastTested.set(now);
                moveTo(from, State.OPEN);
            } else if (next.forceClosed() && from != State.CLOSED) {
                window.reset();
                moveTo(from, State.CLOSED);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The current state. Like hystrix-go's {@code IsOpen}, asking checks the window: a closed breaker whose
     * window has reached both thresholds opens now.
     */
    public State state() {
        Settings s = settings;
        if (state == State.CLOSED && !s.forceClosed()) {
            long now = clock.nanoTime();
            if (tripping(s, window.health(now))) {
                trip(now);
            }
        }
        return state;
    }

    /** Commands running now. */
    public int concurrencyInUse() {
        return inUse.get();
    }

    /** The state, settings, window counts and latencies now. */
    public Snapshot snapshot() {
        State st = state();
        Settings s = settings;
        RollingWindow w = window;
        long now = clock.nanoTime();
        long[] raw = w.counts(now);
        Map<Event, Long> counts = new EnumMap<>(Event.class);
        long requests = 0;
        long errors = 0;
        for (Event e : Event.values()) {
            long n = raw[e.ordinal()];
            counts.put(e, n);
            if (e.isRequest()) {
                requests += n;
            }
            if (e.isError()) {
                errors += n;
            }
        }
        int percent = requests == 0 ? 0 : (int) ((errors * 200 + requests) / (requests * 2));
        return new Snapshot(name, group, st, clock.now(), s, requests, errors, percent,
                Collections.unmodifiableMap(counts),
                w.latency(false, now), w.latency(true, now), inUse.get());
    }

    /** Tells {@code listener} of this breaker's state changes until the registration is closed. */
    public Registration onStateChange(StateListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Runs {@code command} through the breaker without a fallback: a failure is thrown as is. */
    public <R> R execute(Context ctx, Command<R> command) throws Exception {
        return execute(ctx, command, null);
    }

    /**
     * Runs {@code command} through the breaker: hystrix-go's {@code DoC}. Returns the command's result, or
     * the fallback's answer when the command could not answer (not run, failed, timed out); with no
     * fallback ({@code null}) the cause is thrown as is. An exception the settings ignore is thrown as is,
     * and an {@link Error} is counted as a failure and thrown, both without the fallback. If the calling
     * thread is interrupted while it waits, the command is interrupted too and
     * {@link InterruptedException} is thrown; a command's own {@code InterruptedException} is likewise
     * passed on, not given to the fallback (both count as {@link Event#CONTEXT_CANCELED}).
     */
    public <R> R execute(Context ctx, Command<R> command, Fallback<? extends R> fallback) throws Exception {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(command, "command");
        Settings s = settings;
        RollingWindow w = window;
        long start = clock.nanoTime();
        RuntimeException done = ctx.err();
        if (done != null) {
            return notRun(s, w, ctx, contextEvent(done), done, fallback, start, false);
        }
        int admission = admit(s, w, start);
        if (admission == SHORT) {
            return notRun(s, w, ctx, Event.SHORT_CIRCUITED, new CircuitOpenException(name), fallback, start, false);
        }
        boolean probe = admission == PROBE;
        if (!acquire(s)) {
            return notRun(s, w, ctx, Event.REJECTED, new MaxConcurrencyException(name), fallback, start, probe);
        }
        long ctxLeft = remainingNanos(ctx);
        if (s.isolation() == Isolation.SAME_THREAD || (s.timeoutNanos() == 0 && ctxLeft == Long.MAX_VALUE)) {
            R result;
            try {
                result = command.run(ctx);
            } catch (Throwable t) {
                inUse.decrementAndGet();
                return complete(s, w, ctx, fallback, start, clock.nanoTime(), probe, ctxLeft, null, t);
            }
            long end = clock.nanoTime();
            inUse.decrementAndGet();
            long elapsed = end - start;
            if (!probe && elapsed <= s.timeoutBound() && elapsed <= ctxLeft) {
                w.recordSuccess(elapsed, end);
                return result;
            }
            return complete(s, w, ctx, fallback, start, end, probe, ctxLeft, result, null);
        }
        return runIsolated(s, w, ctx, command, fallback, start, probe, ctxLeft);
    }

    /**
     * Runs {@link #execute(Context, Command, Fallback)} on a virtual thread: hystrix-go's {@code GoC}, but
     * the future also completes on success. Cancelling the future interrupts the call (and the command).
     */
    public <R> CompletableFuture<R> executeAsync(Context ctx, Command<R> command, Fallback<? extends R> fallback) {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(command, "command");
        CompletableFuture<R> future = new CompletableFuture<>();
        Thread t = threads.newThread(() -> {
            if (future.isDone()) {
                return;
            }
            try {
                future.complete(execute(ctx, command, fallback));
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        });
        future.whenComplete((r, e) -> {
            if (future.isCancelled()) {
                t.interrupt();
            }
        });
        t.start();
        return future;
    }

    /** {@link #executeAsync(Context, Command, Fallback)} without a fallback. */
    public <R> CompletableFuture<R> executeAsync(Context ctx, Command<R> command) {
        return executeAsync(ctx, command, null);
    }

    /**
     * go-kit's {@code circuitbreaker.Hystrix(commandName)}: every call of the endpoint goes through this
     * breaker; a thrown exception counts as a failure (unless the settings ignore it) and is passed on. A
     * response that carries a business error ({@link io.kit4j.endpoint.Failer}) is a normal return, so it
     * counts as a success, as in go-kit.
     */
    public <Q, R> Middleware<Q, R> middleware() {
        return next -> (ctx, request) -> execute(ctx, c -> next.call(c, request), null);
    }

    /** {@link #middleware()} with a degraded answer for failed calls. */
    public <Q, R> Middleware<Q, R> middleware(EndpointFallback<Q, R> fallback) {
        Objects.requireNonNull(fallback, "fallback");
        return next -> (ctx, request) -> execute(ctx, c -> next.call(c, request),
                (c, cause) -> fallback.apply(c, request, cause));
    }

    private <R> R runIsolated(Settings s, RollingWindow w, Context ctx, Command<R> command,
            Fallback<? extends R> fallback, long start, boolean probe, long ctxLeft) throws Exception {
        long timeout = s.timeoutNanos();
        boolean contextBinds = timeout == 0 || ctxLeft < timeout;
        Cancellable scope;
        IsolatedRun<R> run;
        Thread runner;
        try {
            scope = (contextBinds ? ctx : ctx.withTimeout(Duration.ofNanos(timeout))).withCancel();
            run = new IsolatedRun<>(command, scope.context(), clock, inUse, Thread.currentThread());
            runner = threads.newThread(run);
            runner.start();
        } catch (Throwable e) {
            inUse.decrementAndGet();
            throw e;
        }
        int why = run.await(ctx, contextBinds ? ctxLeft : timeout);
        if (why != IsolatedRun.DONE && run.abandon()) {
            scope.cancel();
            runner.interrupt();
            long end = clock.nanoTime();
            Event event;
            Exception cause;
            switch (why) {
                case IsolatedRun.WAIT_EXPIRED -> {
                    event = contextBinds ? Event.CONTEXT_DEADLINE_EXCEEDED : Event.TIMEOUT;
                    cause = contextBinds ? new DeadlineExceededException() : new CommandTimeoutException(name);
                }
                case IsolatedRun.CANCELED -> {
                    event = Event.CONTEXT_CANCELED;
                    cause = Objects.requireNonNullElseGet(ctx.err(), ContextCanceledException::new);
                }
                case IsolatedRun.CONTEXT_DEADLINE -> {
                    event = Event.CONTEXT_DEADLINE_EXCEEDED;
                    cause = Objects.requireNonNullElseGet(ctx.err(), DeadlineExceededException::new);
                }
                default -> {
                    account(s, w, Event.CONTEXT_CANCELED, probe, end);
                    w.recordLatency(RollingWindow.BOTH, end - start, end);
                    throw new InterruptedException("interrupted while waiting for " + name);
                }
            }
            account(s, w, event, probe, end);
            return fallback(ctx, cause, fallback, w, start, end - start);
        }
        if (why == IsolatedRun.INTERRUPTED) {
            Thread.currentThread().interrupt();
        }
        scope.cancel();
        return complete(s, w, ctx, fallback, start, run.end, probe, ctxLeft, run.result, run.error);
    }

    /** Classifies a command that ran and returned or threw, counts it and answers. */
    private <R> R complete(Settings s, RollingWindow w, Context ctx, Fallback<? extends R> fallback, long start,
            long end, boolean probe, long ctxLeft, R result, Throwable error) throws Exception {
        long elapsed = end - start;
        long timeout = s.timeoutNanos();
        long bound = timeout == 0 ? ctxLeft : Math.min(timeout, ctxLeft);
        Event event;
        Exception cause;
        if (elapsed > bound) {
            boolean contextBinds = timeout == 0 || ctxLeft < timeout;
            event = contextBinds ? Event.CONTEXT_DEADLINE_EXCEEDED : Event.TIMEOUT;
            cause = contextBinds ? new DeadlineExceededException() : new CommandTimeoutException(name);
        } else if (error == null) {
            account(s, w, Event.SUCCESS, probe, end);
            w.recordLatency(RollingWindow.BOTH, elapsed, end);
            return result;
        } else if (!(error instanceof Exception e)) {
            account(s, w, Event.FAILURE, probe, end);
            w.recordLatency(RollingWindow.BOTH, elapsed, end);
            throw sneaky(error);
        } else if (e instanceof InterruptedException) {
            account(s, w, Event.CONTEXT_CANCELED, probe, end);
            w.recordLatency(RollingWindow.BOTH, elapsed, end);
            throw e;
        } else if (s.ignore().test(e)) {
            account(s, w, Event.BAD_REQUEST, probe, end);
            w.recordLatency(RollingWindow.BOTH, elapsed, end);
            throw e;
        } else if ((e instanceof ContextCanceledException || e instanceof DeadlineExceededException)
                && ctx.err() != null) {
            event = contextEvent(e);
            cause = e;
        } else {
            event = Event.FAILURE;
            cause = e;
        }
        account(s, w, event, probe, end);
        return fallback(ctx, cause, fallback, w, start, elapsed);
    }

    /** Counts a call that was never run and answers it. */
    private <R> R notRun(Settings s, RollingWindow w, Context ctx, Event event, Exception cause,
            Fallback<? extends R> fallback, long start, boolean probe) throws Exception {
        account(s, w, event, probe, start);
        return fallback(ctx, cause, fallback, w, start, -1);
    }

    /** Runs the fallback (if any) for a call that failed with {@code cause}; records the latencies. */
    private <R> R fallback(Context ctx, Exception cause, Fallback<? extends R> fallback, RollingWindow w, long start,
            long execNanos) throws Exception {
        if (fallback == null) {
            long end = clock.nanoTime();
            w.recordLatency(execNanos >= 0 ? RollingWindow.BOTH : RollingWindow.TOTAL_ONLY,
                    execNanos >= 0 ? execNanos : end - start, end);
            throw cause;
        }
        if (execNanos >= 0) {
            w.recordLatency(RollingWindow.EXECUTION_ONLY, execNanos, start + execNanos);
        }
        R answer;
        try {
            answer = fallback.apply(ctx, cause);
        } catch (Exception fe) {
            long end = clock.nanoTime();
            w.record(Event.FALLBACK_FAILURE, end);
            w.recordLatency(RollingWindow.TOTAL_ONLY, end - start, end);
            if (fe == cause) {
                throw fe;
            }
            throw new FallbackFailedException(fe, cause);
        }
        long end = clock.nanoTime();
        w.record(Event.FALLBACK_SUCCESS, end);
        w.recordLatency(RollingWindow.TOTAL_ONLY, end - start, end);
        return answer;
    }

    /** Counts a primary event and moves the state machine: a probe's outcome closes or reopens; errors may trip. */
    private void account(Settings s, RollingWindow w, Event event, boolean probe, long now) {
        boolean answered = event == Event.SUCCESS || event == Event.BAD_REQUEST;
        if (probe && answered) {
            closeAfterProbe();
            window.record(event, now);
            return;
        }
        w.record(event, now);
        if (probe) {
            reopenAfterProbe();
        } else if (event.isError() && state == State.CLOSED && !s.forceClosed() && tripping(s, w.health(now))) {
            trip(now);
        }
    }

    private int admit(Settings s, RollingWindow w, long now) {
        if (s.forceOpen()) {
            return SHORT;
        }
        if (state == State.CLOSED) {
            if (s.forceClosed() || !w.mayHoldErrors(now) || !tripping(s, w.health(now))) {
                return ADMIT;
            }
            trip(now);
        }
        if (s.forceClosed()) {
            return ADMIT;
        }
        long t = openedOrLastTested.get();
        if (now - t > s.sleepWindowNanos() && openedOrLastTested.compareAndSet(t, now)) {
            lock.lock();
            try {
                if (state == State.OPEN) {
                    moveTo(State.OPEN, State.HALF_OPEN);
                }
            } finally {
                lock.unlock();
            }
            return PROBE;
        }
        return SHORT;
    }

    private boolean acquire(Settings s) {
        int max = s.maxConcurrentRequests();
        for (;;) {
            int n = inUse.get();
            if (n >= max) {
                return false;
            }
            if (inUse.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    private static boolean tripping(Settings s, long health) {
        return RollingWindow.requests(health) >= s.requestVolumeThreshold()
                && RollingWindow.errorPercentage(health) >= s.errorPercentThreshold();
    }

    private void trip(long now) {
        lock.lock();
        try {
            if (state == State.CLOSED) {
                openedOrLastTested.set(now);
                moveTo(State.CLOSED, State.OPEN);
            }
        } finally {
            lock.unlock();
        }
    }

    private void closeAfterProbe() {
        lock.lock();
        try {
            State from = state;
            if (from != State.CLOSED && !settings.forceOpen()) {
                window.reset();
                moveTo(from, State.CLOSED);
            }
        } finally {
            lock.unlock();
        }
    }

    private void reopenAfterProbe() {
        lock.lock();
        try {
            if (state == State.HALF_OPEN) {
                moveTo(State.HALF_OPEN, State.OPEN);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Changes the state and tells the listeners; called with the lock held. */
    private void moveTo(State from, State to) {
        state = to;
        StateChange change = new StateChange(name, from, to, clock.now());
        notify(listeners, change);
        notify(registryListeners, change);
    }

    private static void notify(List<StateListener> ls, StateChange change) {
        if (ls == null) {
            return;
        }
        for (StateListener l : ls) {
            try {
                l.onStateChange(change);
            } catch (RuntimeException ignored) {
                // a listener's failure must not break the call that caused the change
            }
        }
    }

    private static Event contextEvent(Throwable e) {
        return e instanceof ContextCanceledException ? Event.CONTEXT_CANCELED : Event.CONTEXT_DEADLINE_EXCEEDED;
    }

    private static long remainingNanos(Context ctx) {
        Instant deadline = ctx.deadline().orElse(null);
        if (deadline == null) {
            return Long.MAX_VALUE;
        }
        try {
            return Math.max(0, Duration.between(ctx.clock().now(), deadline).toNanos());
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE - 1;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

    @Override
    public String toString() {
        return "CircuitBreaker[" + name + ", " + state + "]";
    }
}
