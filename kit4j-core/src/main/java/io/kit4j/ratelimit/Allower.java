package io.kit4j.ratelimit;

/**
 * Something that says at once whether one more event may happen: go-kit's {@code ratelimit.Allower}.
 * {@link Limiter} is one; a lambda is the counterpart of go-kit's {@code AllowerFunc}.
 */
@FunctionalInterface
public interface Allower {

    /** True if an event may happen now (and it is counted); false if it must be dropped. */
    boolean allow();
}
