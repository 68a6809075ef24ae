/**
 * The endpoint model: {@link io.kit4j.endpoint.Endpoint} (one method as a function),
 * {@link io.kit4j.endpoint.Middleware} (a decorator, chained outermost first) and
 * {@link io.kit4j.endpoint.Failer} (business errors inside responses).
 */
package io.kit4j.endpoint;
