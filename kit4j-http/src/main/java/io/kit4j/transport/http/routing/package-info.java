/**
 * A transport-independent HTTP routing table: {@link io.kit4j.transport.http.routing.PathTemplate}
 * (a gorilla/mux-style path template such as {@code /users/{id}} or {@code /user/{uid:\d+}}),
 * {@link io.kit4j.transport.http.routing.RouteTable} (method + template to handler, matched through a
 * segment trie) and {@link io.kit4j.transport.http.routing.RouteMatch} (found, not found, method not
 * allowed, or a malformed path).
 *
 * <p>The package uses the JDK only: a server adapter feeds it the raw, still percent-encoded request path
 * and turns the {@code RouteMatch} into a handler call, a 404, a 405 with an {@code Allow} header, or a 400.
 */
package io.kit4j.transport.http.routing;
