/**
 * Circuit breakers with Hystrix semantics: go-kit's {@code circuitbreaker.Hystrix} and afex/hystrix-go, in
 * Java. A breaker guards calls to a dependency: it bounds their time and their concurrency, and when too
 * many fail it stops calling for a while (answering at once with an error or a degraded answer, 降级)
 * so the dependency can recover and the caller does not pile up waiting.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * CircuitBreakers breakers = new CircuitBreakers();                       // a registry; tests pass a ManualClock
 * breakers.configure("getuser", Settings.builder()
 *         .timeout(Duration.ofSeconds(2)).maxConcurrentRequests(5)
 *         .requestVolumeThreshold(3).errorPercentThreshold(20).sleepWindow(Duration.ofSeconds(100)).build());
 *
 * // a call with a fallback
 * User u = breakers.get("getuser").execute(ctx, c -> users.get(c, id), (c, cause) -> User.guest());
 *
 * // an endpoint behind a breaker: go-kit's circuitbreaker.Hystrix("getuser")
 * Endpoint<Long, User> guarded = endpoint.with(breakers.middleware("getuser"));
 *
 * // one breaker per instance of a service, for client endpoints
 * Function<String, Endpoint<Long, User>> factory = breakers.forService("userservice").factory(addr -> client(addr));
 * }</pre>
 * The dashboard stream is {@code io.kit4j.transport.http.HystrixStreamHandler} in kit4j-http; a
 * {@link io.kit4j.circuitbreaker.Snapshot} gives the same numbers to code, and
 * {@link io.kit4j.circuitbreaker.CircuitBreaker#onStateChange} reports transitions.
 *
 * <h2>Semantics (hystrix-go's, unless listed below)</h2>
 * <ul>
 *   <li><b>Order of a call</b>: open breaker → short-circuited ({@code "hystrix: circuit open"}, 503);
 *       concurrency limit full → rejected at once ({@code "hystrix: max concurrency"}, 503); otherwise the
 *       command runs, bounded by {@code min(timeout, context deadline)}: the timeout is
 *       {@code "hystrix: timeout"} (504), the context's deadline or cancellation its own error. Any of these
 *       and a thrown exception go to the fallback with the cause; without a fallback the cause is thrown.
 *   <li><b>Counted</b>, per call, in a rolling window of 10 buckets × 1 s: <em>requests</em> are all calls
 *       (short-circuited and rejected ones included); <em>errors</em> are failures, timeouts,
 *       short-circuits and rejections. Context cancellations and deadlines are requests but not errors.
 *       Fallback successes and failures are counted on the side.
 *   <li><b>Opens</b> when the window holds at least {@code requestVolumeThreshold} requests and the error
 *       percentage, {@code round(errors / requests × 100)} half up, is at least
 *       {@code errorPercentThreshold}; checked before every call, after every error and when the state is
 *       read.
 *   <li><b>Half-open</b>: once more than {@code sleepWindow} has passed since the breaker opened or last
 *       let a probe through, one call passes (moving that time to now); the others are short-circuited.
 *       The probe's success closes the breaker and clears the window (the success is the first request of
 *       the new one); any other outcome opens it again, and the next probe comes a sleep window after the
 *       last one started. If a probe outlasts a whole sleep window, another is let through.
 *   <li><b>Not failures</b>: a returned response, even a {@link io.kit4j.endpoint.Failer} carrying a business
 *       error (go-kit's rule: business errors travel in responses); exceptions the settings'
 *       {@code ignore} predicate accepts ({@link io.kit4j.circuitbreaker.Event#BAD_REQUEST}, passed on
 *       without fallback).
 * </ul>
 *
 * <h2>Differences from hystrix-go and go-kit</h2>
 * <ul>
 *   <li>A timed-out (or cancelled) command is <b>interrupted</b>: it runs on its own virtual thread, which
 *       is interrupted, and its context is cancelled; hystrix-go leaves the goroutine running. Its
 *       concurrency permit is released when it really ends, so the limit bounds the work actually running
 *       (hystrix-go returns the ticket at the timeout). {@link io.kit4j.circuitbreaker.Isolation#SAME_THREAD}
 *       skips the thread hand-off and checks the timeout after the call instead.
 *   <li>The timeout honours the <b>context deadline</b>: the wait is the earlier of the two.
 *   <li>Every setting changes at run time, the <b>concurrency limit</b> included (hystrix-go fixes the
 *       pool size when the circuit is created); the rolling window's shape is configurable.
 *   <li>Only the <b>probe</b> decides half-open: a slow call that started before the breaker opened and
 *       succeeds afterwards does not close it (hystrix-go closes on any success reported while open).
 *   <li>The window is exactly {@code buckets} buckets (hystrix-go sums 11 one-second buckets).
 *   <li>Errors are typed ({@link io.kit4j.circuitbreaker.CircuitOpenException} …) and carry HTTP statuses;
 *       a failed fallback's message quotes only what may reach a client; an {@link Error} from the command
 *       counts as a failure and is rethrown without the fallback (hystrix-go does not recover panics).
 *   <li>No global state is forced: registries are objects ({@link io.kit4j.circuitbreaker.CircuitBreakers#shared()}
 *       exists for convenience); HALF_OPEN is an observable state with listeners; forced open and closed.
 *   <li>Latency percentiles use log-linear bins (within 6.25%) instead of keeping every sample for 60 s.
 * </ul>
 */
package io.kit4j.circuitbreaker;
