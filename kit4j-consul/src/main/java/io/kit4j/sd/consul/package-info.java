/**
 * Service registration and discovery on Consul, over the agent's HTTP API with the JDK's HTTP client
 * (no Consul client library): go-kit's {@code sd/consul}.
 *
 * <pre>{@code
 * try (Registry registry = Registries.open("consul://127.0.0.1:8500?wait=1m", logger)) {
 *     Registrar registrar = registry.registrar(ServiceInstance.of("userservice", "10.0.0.7", 8080)
 *             .withHealthCheck(HealthCheck.http("/health")));
 *     registrar.register();                       // Consul now GETs http://10.0.0.7:8080/health every 10 s
 *     Instancer users = registry.instancer("userservice");   // passing instances, blocking queries
 *     ...
 * }                                               // deregisters, stops the instancer
 * }</pre>
 *
 * <ul>
 *   <li>{@link io.kit4j.sd.consul.ConsulRegistry}: the {@link io.kit4j.sd.Registry}; URI options
 *       {@code token}, {@code wait}, {@code dc}, {@code timeout}.</li>
 *   <li>{@link io.kit4j.sd.consul.ConsulRegistrar}: agent register/deregister with an HTTP check.</li>
 *   <li>{@link io.kit4j.sd.consul.ConsulInstancer}: blocking health queries with go-kit's index and
 *       backoff rules.</li>
 *   <li>{@link io.kit4j.sd.consul.ConsulCatalog}: blocking {@code /v1/catalog/services} queries, same
 *       rules; the names of the services with a registered instance, whatever their health.</li>
 *   <li>{@link io.kit4j.sd.consul.ConsulClient}: the HTTP calls, usable alone.</li>
 * </ul>
 *
 * <p>Differences from go-kit: after a failed query the instancer asks once without {@code index}, so
 * the recovered set is published as soon as Consul answers again (go-kit's next query blocks on the old
 * index, leaving listeners with the error for up to {@code wait}); an IPv6 address in an instance
 * string is put in brackets; every blocking
 * query sends {@code wait} (go-kit leaves it to the Consul client's configuration) and the HTTP client
 * gives up {@code wait * 17/16 + 5 s} after sending it, so a lost connection cannot hang the instancer.
 */
package io.kit4j.sd.consul;
