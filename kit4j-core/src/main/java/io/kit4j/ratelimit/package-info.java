/**
 * Rate limiting: a token bucket with the exact semantics of golang.org/x/time/rate, and go-kit's
 * {@code ratelimit} middlewares.
 *
 * <p><b>What for.</b> Keep a service (or a client) under a rate: drop the calls over it with a 429
 * ({@link io.kit4j.ratelimit.RateLimit#erroring}), or make them wait their turn
 * ({@link io.kit4j.ratelimit.RateLimit#delaying}); per client, per user or per tenant with a
 * {@link io.kit4j.ratelimit.KeyedLimiter}.
 *
 * <pre>{@code
 * Limiter limiter = Limiter.of(Limit.every(Duration.ofSeconds(1)), 3);  // 1 token/s, bursts of 3, starts full
 * Endpoint<Req, Res> e = endpoint.with(RateLimit.erroring(limiter));     // 429 "rate limit exceeded" + Retry-After
 *
 * KeyedLimiter<String> perClient = KeyedLimiter.<String>builder(Limit.of(10), 20).maxKeys(50_000).build();
 * Endpoint<Req, Res> f = endpoint.with(RateLimit.erroring(perClient, (ctx, req) -> req.clientAddress()));
 *
 * if (limiter.allow()) { ... }                           // drop when over the limit
 * Reservation r = limiter.reserve(); sleep(r.delay());   // or take the tokens now and act later
 * limiter.await(ctx);                                    // or block, honouring ctx's deadline and cancellation
 * }</pre>
 *
 * <p><b>Semantics</b> are those of the current x/time/rate (2025): the bucket starts full; refill is
 * {@code min(burst, tokens + elapsed * limit)} and adds nothing for a time before the last update (which
 * then moves back, so a jump back in time gives the same tokens again, as in Go); {@code allowN} takes
 * tokens only when all {@code n} are there; {@code reserveN} always takes them (the balance may go
 * negative) unless {@code n} exceeds the burst, and with a limit of zero or less and too few tokens it is
 * OK with a delay of about {@link io.kit4j.ratelimit.Limiter#INF_DURATION}; cancelling gives back the
 * tokens minus those reserved after it; {@code setLimit}/{@code setBurst} first bring the tokens up to
 * date; {@link io.kit4j.ratelimit.Limit#INF} allows everything. Float arithmetic follows Go's float64
 * operations in the same order (Go's {@code Duration.Seconds}, amd64 float-to-int conversion), so results
 * are bit-identical: the tests replay a table printed by the real x/time/rate. ({@code allow} skips Go's
 * float divisions when bounds computed with multiplications make the outcome certain; the results are
 * the same, and the tests check each shortcut against Go's operations at its boundary.)
 *
 * <p><b>Time.</b> A limiter reads its {@link io.kit4j.time.Clock}'s monotonic {@code nanoTime()}; every
 * time-dependent method has a form with an explicit time in nanoseconds on that same time line
 * ({@link io.kit4j.ratelimit.Limiter#now()}): Go's explicit {@code time.Time} arguments. Internally the
 * far-future times Go can reach (a time plus about 292 years) are kept exactly.
 *
 * <p><b>Deliberate differences from x/time/rate and go-kit.</b>
 * <ul>
 *   <li>{@code Wait}/{@code WaitN} are {@code await}/{@code awaitN} (Java reserves {@code wait}); they
 *       throw instead of returning an error: the context's own error (499/504), a
 *       {@link io.kit4j.ratelimit.RateLimitException} (429) with Go's messages
 *       ({@code "rate: Wait(n=1) exceeds limiter's burst 0"},
 *       {@code "rate: Wait(n=1) would exceed context deadline"}, the latter with Retry-After), or
 *       {@link java.lang.InterruptedException} (the tokens are given back, as on cancellation). The wait
 *       is real time (Go's timer), whatever the limiter's clock.</li>
 *   <li>Only the first {@code cancel}/{@code cancelAt} of a reservation acts; Go restores the tokens on
 *       every call.</li>
 *   <li>A NaN limit is refused and positive infinity is taken as {@code Inf}; Go would compute garbage.
 *       {@code Every} of a Java duration beyond Go's int64 nanoseconds is clamped to it.</li>
 *   <li>go-kit's {@code ErrLimited} is a 429 {@link io.kit4j.ratelimit.RateLimitException} (go-kit returns
 *       a plain error, which its transports answer with 500), with a {@code Retry-After} header when the
 *       wait is known; the erroring middleware computes it in the same atomic step as the refusal, taking
 *       and giving back nothing.</li>
 *   <li>{@link io.kit4j.ratelimit.KeyedLimiter} has no go-kit counterpart (go-kit users write a map of
 *       limiters by hand, usually unbounded).</li>
 * </ul>
 */
package io.kit4j.ratelimit;
