package io.kit4j.circuitbreaker;

import java.time.Instant;

/**
 * One transition of a breaker, as listeners receive it.
 *
 * @param name the breaker's name
 * @param from the state before
 * @param to the state after
 * @param at when it happened, on the breaker's clock
 */
public record StateChange(String name, State from, State to, Instant at) {
}
