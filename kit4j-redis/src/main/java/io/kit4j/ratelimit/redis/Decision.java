package io.kit4j.ratelimit.redis;

import java.time.Duration;
import java.util.Optional;

/**
 * The answer of a {@link RedisLimiter} for {@code n} tokens of one key.
 *
 * @param allowed true when the tokens were taken: the events may happen after {@code waitNanos} (0 for
 *     {@link RedisLimiter#allowN}); false when nothing was taken
 * @param waitNanos when allowed, the delay before the events may happen; when refused, the time until
 *     {@code n} tokens would be there, or {@link Long#MAX_VALUE} when that cannot be said (n above the
 *     burst, or Redis did not answer)
 * @param tokens what the bucket holds after the decision (negative while reservations are outstanding);
 *     NaN when Redis did not answer
 * @param degraded true when Redis did not answer in time and the limiter's failure policy decided
 *     ({@code failOpen}: allowed, else refused)
 */
public record Decision(boolean allowed, long waitNanos, double tokens, boolean degraded) {

    static Decision withoutRedis(boolean failOpen) {
        return new Decision(failOpen, failOpen ? 0 : Long.MAX_VALUE, Double.NaN, true);
    }

    /** The wait as a duration, if known: the delay of an allowed decision, the time until a refused one could pass. */
    public Optional<Duration> waitDuration() {
        return waitNanos == Long.MAX_VALUE ? Optional.empty() : Optional.of(Duration.ofNanos(waitNanos));
    }
}
