/**
 * Service registration and discovery on ZooKeeper: go-kit's {@code sd/zk}, in the node layout and JSON of
 * Apache Curator's service discovery so that kit4j services, Curator clients and Spring Cloud Zookeeper
 * applications see each other.
 *
 * <pre>{@code
 * try (Registry registry = Registries.open("zk://127.0.0.1:2181?sessionTimeout=10s", logger)) {
 *     Registrar registrar = registry.registrar(ServiceInstance.of("userservice", "127.0.0.1", 8080)
 *             .withHealthCheck(HealthCheck.http("/health")));
 *     registrar.register();                                   // ephemeral /services/userservice/<id>
 *     Instancer users = registry.instancer("userservice");    // sorted "host:port" of live instances
 *     ...
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link io.kit4j.sd.zookeeper.ZooKeeperRegistry}: one Curator client per registry; made by
 *       {@link io.kit4j.sd.Registries#open} for {@code zk://} URIs through
 *       {@link io.kit4j.sd.zookeeper.ZooKeeperRegistryProvider}. URI options:
 *       {@link io.kit4j.sd.zookeeper.ZooKeeperOptions}.</li>
 *   <li>Registrar: an ephemeral node {@code <basePath>/<name>/<id>} with Curator's service-instance JSON
 *       ({@code serviceType DYNAMIC}); its payload is described by
 *       {@link io.kit4j.sd.zookeeper.InstancePayload}. Written again after reconnection or a new
 *       session.</li>
 *   <li>Instancer: a Curator cache on {@code <basePath>/<name>}; keeps the last set while the connection
 *       is down, publishes an error when the session is lost, and a complete set when it is back.</li>
 *   <li>Catalog ({@code registry.catalog()}): a Curator cache on {@code <basePath>}; a child is listed
 *       while it holds at least one instance the instancer would publish.</li>
 *   <li>{@link io.kit4j.sd.zookeeper.EmbeddedZooKeeper}: a real ZooKeeper server in this JVM on
 *       127.0.0.1, for demos and tests.</li>
 * </ul>
 *
 * <p>Differences from go-kit's {@code sd/zk}: the node is {@code <id>} holding Curator's JSON (go-kit: a
 * protected ephemeral sequential node holding raw bytes), so the instance string is {@code address:port}
 * from the JSON rather than the node's data; {@code deregister} deletes the instance's own node (go-kit
 * deletes the service's parent node); the instancer does not fail when ZooKeeper is unreachable at
 * creation but publishes an error until its first read; a lost connection alone publishes nothing, a
 * lost session publishes an error.
 */
package io.kit4j.sd.zookeeper;
