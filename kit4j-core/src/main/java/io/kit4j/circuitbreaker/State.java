package io.kit4j.circuitbreaker;

/**
 * The three states of a breaker.
 *
 * <ul>
 *   <li>{@link #CLOSED}: calls pass; outcomes are counted in the rolling window.
 *   <li>{@link #OPEN}: calls are short-circuited ({@link CircuitOpenException}, or the fallback) until a
 *       sleep window has passed since the breaker opened or last let a probe through.
 *   <li>{@link #HALF_OPEN}: one probe call is on its way; its success closes the breaker and clears the
 *       window, anything else opens it again. Every other call is short-circuited meanwhile.
 * </ul>
 */
public enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
}
