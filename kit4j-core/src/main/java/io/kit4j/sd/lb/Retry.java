package io.kit4j.sd.lb;

import io.kit4j.context.Context;
import io.kit4j.context.DeadlineExceededException;
import io.kit4j.endpoint.Endpoint;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An endpoint that calls endpoints picked by a {@link Balancer} until one succeeds, the callback says
 * stop, or the time is up: go-kit's {@code lb.Retry} and {@code lb.RetryWithCallback}.
 *
 * <p>Each call derives one context whose deadline is {@code timeout} from now (or the caller's, if
 * earlier); it covers all attempts and is the context every attempt receives. Then, for attempt
 * {@code n} = 1, 2, …:
 * <ol>
 *   <li>if that context is done, the call ends with its raw error: a
 *       {@link DeadlineExceededException} (504), or the cancellation. No attempt starts after the
 *       deadline;</li>
 *   <li>the balancer picks an endpoint (its error, say {@link NoEndpointsException}, counts as the
 *       attempt's error) and the endpoint is called; a response is returned at once. From the second
 *       attempt on, an endpoint that already failed in this call is passed over: the balancer is asked
 *       again, a few times, for one not yet tried, and only when it offers none is a failed one used
 *       again;</li>
 *   <li>on an error: if the context is done by now, its raw error ends the call; otherwise the error
 *       joins the raw errors and the {@link RetryCallback} decides. To stop, the call ends with a
 *       {@link RetryError} holding every raw error and the final error (the callback's replacement, if
 *       any, else this attempt's);</li>
 *   <li>with a {@link Backoff}, the call waits before the next attempt. A wait that would reach the
 *       deadline is not made: the call ends at once with a {@link DeadlineExceededException}, the
 *       error it would have met on waking.</li>
 * </ol>
 * {@code retry(max, timeout, b)} makes at most {@code max} attempts in all ({@code max <= 1}: one).
 *
 * <p>Differences from go-kit: attempts run one after another on the caller's thread, which suits
 * blocking code on virtual threads; an attempt in flight is bounded by the deadline of the context it
 * is given, which endpoints honour (kit4j's HTTP client does), instead of being abandoned in a goroutine.
 * So a response that comes after the deadline is still returned, and an error that comes after it gives
 * the deadline error (go-kit picks either at random). An {@link InterruptedException} ends the retries
 * at once. Backoff is new, and so is passing over endpoints that failed: in go-kit, callers sharing a
 * round robin advance its counter between one caller's attempts, so all three attempts of a call can land
 * on the one dead instance of three.
 *
 * @param <Q> the request type
 * @param <R> the response type
 */
public final class Retry<Q, R> implements Endpoint<Q, R> {
    private final Duration timeout;
    private final Balancer<Q, R> balancer;
    private final RetryCallback callback;
    private final Backoff backoff;

    private Retry(Duration timeout, Balancer<Q, R> balancer, RetryCallback callback, Backoff backoff) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.balancer = Objects.requireNonNull(balancer, "balancer");
        this.callback = callback != null ? callback : RetryCallback.always();
        this.backoff = backoff;
    }

    /**
     * At most {@code maxAttempts} attempts within {@code timeout} in all: go-kit's
     * {@code lb.Retry(max, timeout, b)}.
     */
    public static <Q, R> Retry<Q, R> retry(int maxAttempts, Duration timeout, Balancer<Q, R> balancer) {
        return new Retry<>(timeout, balancer, RetryCallback.maxAttempts(maxAttempts), null);
    }

    /**
     * Attempts within {@code timeout} for as long as {@code callback} says so (a null callback: until
     * the timeout): go-kit's {@code lb.RetryWithCallback}.
     */
    public static <Q, R> Retry<Q, R> retryWithCallback(Duration timeout, Balancer<Q, R> balancer,
            RetryCallback callback) {
        return new Retry<>(timeout, balancer, callback, null);
    }

    /** The same retries, waiting between attempts as {@code backoff} says. */
    public Retry<Q, R> withBackoff(Backoff backoff) {
        return new Retry<>(timeout, balancer, callback, Objects.requireNonNull(backoff, "backoff"));
    }

    @Override
    public R call(Context ctx, Q request) throws Exception {
        Instant now = ctx.clock().now();
        Context c = withDeadline(ctx, now);
        List<Exception> rawErrors = null;
        List<Endpoint<Q, R>> rawEndpoints = null;
        for (int attempt = 1; ; attempt++) {
            if (attempt == 1) {
                throwIfDoneAt(ctx, c, now);
            } else {
                c.throwIfDone();
            }
            Exception error;
            Endpoint<Q, R> picked = null;
            try {
                picked = pick(rawEndpoints);
                return picked.call(c, request);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                error = e;
            }
            c.throwIfDone();
            if (rawErrors == null) {
                rawErrors = new ArrayList<>(4);
                rawEndpoints = new ArrayList<>(4);
            }
            rawErrors.add(error);
            rawEndpoints.add(picked);
            RetryCallback.Decision decision = Objects.requireNonNull(callback.onError(attempt, error),
                    "retry callback returned null");
            if (!decision.keepTrying()) {
                throw new RetryError(rawErrors, decision.replacement() != null ? decision.replacement() : error);
            }
            if (backoff != null) {
                pause(c, attempt);
            }
        }
    }

    /**
     * The balancer's pick, passing over endpoints in {@code failed} (null on the first attempt) while
     * the balancer offers others within a few asks.
     */
    private Endpoint<Q, R> pick(List<Endpoint<Q, R>> failed) {
        Endpoint<Q, R> e = balancer.endpoint();
        if (failed != null) {
            for (int ask = 0; ask < 2 * failed.size() + 1 && containsSame(failed, e); ask++) {
                e = balancer.endpoint();
            }
        }
        return e;
    }

    private static boolean containsSame(List<?> list, Object o) {
        for (Object x : list) {
            if (x == o) {
                return true;
            }
        }
        return false;
    }
    private void pause(Context c, int failedAttempts) throws InterruptedException {
        Duration delay = backoff.delay(failedAttempts);
        if (delay.isZero() || delay.isNegative()) {
            return;
        }
        Optional<Duration> remaining = c.remaining();
        if (remaining.isPresent() && delay.compareTo(remaining.get()) >= 0) {
            throw new DeadlineExceededException();
        }
        backoff.sleeper().sleep(c, delay);
    }

    private Context withDeadline(Context ctx, Instant now) {
        try {
            return ctx.withDeadline(now.plus(timeout));
        } catch (ArithmeticException | DateTimeException beyondTime) {
            return ctx;
        }
    }

    /**
     * {@code c.throwIfDone()} at the instant {@code now} just read, sparing the first attempt a second
     * clock read: the caller's context tells about cancellation (and its own deadline), {@code now}
     * about the derived deadline.
     */
    private static void throwIfDoneAt(Context ctx, Context c, Instant now) {
        ctx.throwIfDone();
        Optional<Instant> deadline = c.deadline();
        if (deadline.isPresent() && !now.isBefore(deadline.get())) {
            throw new DeadlineExceededException();
        }
    }

    @Override
    public String toString() {
        return "Retry[timeout=" + timeout + (backoff != null ? ", " + backoff : "") + "]";
    }
}
