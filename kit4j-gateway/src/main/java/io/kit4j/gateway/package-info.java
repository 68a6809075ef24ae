/**
 * An API gateway on the kit4j stack: {@link io.kit4j.gateway.Gateway} is a kit4j-http
 * {@link io.kit4j.transport.http.Handler} that matches each request against routes (path prefix, method,
 * host), picks an instance of the route's upstream (a service resolved through a
 * {@link io.kit4j.sd.Registry}, or a fixed list) with a balancer, behind a breaker per instance and
 * retry, and streams the request and the answer through. Routes come from a YAML file
 * ({@link io.kit4j.gateway.RoutesFile}) that {@link io.kit4j.gateway.RoutesWatcher} reloads on change.
 */
package io.kit4j.gateway;
