/**
 * Errors that carry their own status: {@link io.kit4j.errors.KitError} with an
 * {@link io.kit4j.errors.ErrorCode}, and the go-kit style interfaces {@link io.kit4j.errors.HasStatus}
 * and {@link io.kit4j.errors.HasHeaders} for users' own exception types; {@link io.kit4j.errors.Wrapper}
 * for exceptions that stand for another one on the wire.
 */
package io.kit4j.errors;
