/**
 * Errors that carry their own status: {@link io.kit4j.errors.KitError} with an
 * {@link io.kit4j.errors.ErrorCode}, and the go-kit style interfaces {@link io.kit4j.errors.HasStatus}
 * and {@link io.kit4j.errors.HasHeaders} for users' own exception types.
 */
package io.kit4j.errors;
