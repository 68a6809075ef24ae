/**
 * The request context: immutable typed values, a deadline and cancellation, passed explicitly as the first
 * argument of every endpoint and hook (Go's {@code context.Context}).
 */
package io.kit4j.context;
