/**
 * Client-side load balancing and retries over an {@link io.kit4j.sd.Endpointer}: go-kit's
 * {@code sd/lb}, typed, plus a least-loaded balancer and backoff.
 *
 * <pre>{@code
 * Balancer<GetUser, User> balancer = new RoundRobin<>(endpointer);
 * Endpoint<GetUser, User> getUser = Retry.retry(3, Duration.ofMillis(500), balancer)
 *         .withBackoff(Backoff.exponential(Duration.ofMillis(10), Duration.ofMillis(100)));
 * User u = getUser.call(ctx, new GetUser(101));
 * }</pre>
 *
 * <ul>
 *   <li>A {@link io.kit4j.sd.lb.Balancer} picks an endpoint or throws
 *       {@link io.kit4j.sd.lb.NoEndpointsException} (503, go-kit's "no endpoints available"):
 *       {@link io.kit4j.sd.lb.RoundRobin} (go-kit's, index 0 first), {@link io.kit4j.sd.lb.Random}
 *       (seedable) and {@link io.kit4j.sd.lb.LeastOutstanding} (power of two choices over calls in
 *       flight; it hands out counting wrappers).</li>
 *   <li>{@link io.kit4j.sd.lb.Retry} is an endpoint that tries picked endpoints until one answers, within
 *       one overall timeout: {@code retry(max, timeout, balancer)} or
 *       {@code retryWithCallback(timeout, balancer, callback)} with a
 *       {@link io.kit4j.sd.lb.RetryCallback}. Attempts count from 1; on timeout the raw deadline error
 *       (504) is thrown; when it gives up, a {@link io.kit4j.sd.lb.RetryError} holding every attempt's
 *       error, which the wire sees as its final error. An optional {@link io.kit4j.sd.lb.Backoff}
 *       (exponential, capped, full jitter; its {@link io.kit4j.sd.lb.Sleeper} and random source are
 *       replaceable) waits between attempts, never past the deadline.</li>
 * </ul>
 *
 * <p>Differences from go-kit: {@code Random} is safe for concurrent use; attempts run on the caller's
 * thread, each bounded by the deadline of the context it receives (go-kit abandons a late attempt in a
 * goroutine), and none starts once the context is done; a {@code RetryError} answers with its final
 * error's status and message; {@code LeastOutstanding} and backoff are additions.
 */
package io.kit4j.sd.lb;
