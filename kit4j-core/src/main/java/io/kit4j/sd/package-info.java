/**
 * Service discovery: where the instances of a service are, and one endpoint per instance. go-kit's
 * {@code sd} package, typed.
 *
 * <pre>{@code
 * Instancer instancer = FixedInstancer.of("10.0.0.7:8080", "10.0.0.8:8080"); // or a registry's
 * Factory<GetUser, User> factory = instance -> {
 *     HttpClient client = ...;                                               // per instance
 *     return ClosableEndpoint.of(userClient(client, instance), client::stop);
 * };
 * DefaultEndpointer<GetUser, User> endpointer = DefaultEndpointer.builder(instancer, factory)
 *         .logger(logger).invalidateOnError(Duration.ofSeconds(30)).build();
 * Endpoint<GetUser, User> getUser = Retry.retry(3, Duration.ofMillis(500), new RoundRobin<>(endpointer));
 * }</pre>
 *
 * <ul>
 *   <li>{@link io.kit4j.sd.Instancer} publishes {@link io.kit4j.sd.Event}s: always the complete set of
 *       instance strings, or an error. A new listener gets the current state at once.
 *       {@link io.kit4j.sd.FixedInstancer} serves a fixed list; registry backends build on
 *       {@link io.kit4j.sd.InstanceCache} (sorts, drops duplicates, broadcasts only changes).</li>
 *   <li>{@link io.kit4j.sd.Factory} makes a {@link io.kit4j.sd.ClosableEndpoint} for an instance.</li>
 *   <li>{@link io.kit4j.sd.DefaultEndpointer} keeps one endpoint per instance in step with an instancer
 *       (ordered by instance string, survivors reused, leavers closed; optionally distrusted after an
 *       error, then {@link io.kit4j.sd.DiscoveryException}); balancers in {@link io.kit4j.sd.lb} pick
 *       from any {@link io.kit4j.sd.Endpointer}.</li>
 *   <li>{@link io.kit4j.sd.Registrar} announces this instance to a registry and withdraws it.</li>
 *   <li>{@link io.kit4j.sd.Catalog} (from {@link io.kit4j.sd.Registry#catalog()}, where the registry
 *       supports it) publishes {@link io.kit4j.sd.CatalogEvent}s: the sorted names of the services with
 *       a live instance, or an error; backends build on {@link io.kit4j.sd.CatalogCache}. Not in go-kit,
 *       whose API gateway example asks Consul for each service by hand.</li>
 * </ul>
 *
 * <p>Differences from go-kit: listeners are callbacks run on the instancer's thread instead of channels
 * read by a goroutine, so an endpointer is current when it is built; duplicate instance strings give
 * one endpoint (go-kit calls the factory twice and leaks the first closer) and {@code InstanceCache}
 * removes them; {@code DefaultEndpointer.close()} also closes the endpoints; an invalidated endpointer
 * throws a 503 {@code DiscoveryException} caused by the registry's error instead of returning that raw
 * error; time is read from a {@link io.kit4j.time.Clock}.
 */
package io.kit4j.sd;
