/**
 * Service registration and discovery on etcd v3, through jetcd: go-kit's {@code sd/etcdv3}.
 *
 * <pre>{@code
 * try (Registry registry = Registries.open("etcd://127.0.0.1:2379?ttl=10s", logger)) {
 *     Registrar registrar = registry.registrar(ServiceInstance.of("userservice", "10.0.0.7", 8080));
 *     registrar.register();                                     // /services/userservice/<id> = 10.0.0.7:8080
 *     Instancer users = registry.instancer("userservice");      // every live host:port, kept current
 *     ...
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link io.kit4j.sd.etcd.EtcdConfig}: endpoints, key prefix, lease TTL, call timeout; the URI form.</li>
 *   <li>{@link io.kit4j.sd.etcd.EtcdRegistry}: one jetcd client; makes registrars and instancers.</li>
 *   <li>{@link io.kit4j.sd.etcd.EtcdRegistrar}: the address under a kept-alive lease; registers again
 *       with a new lease when the old one is lost.</li>
 *   <li>{@link io.kit4j.sd.etcd.EtcdInstancer}: read the prefix, watch from the next revision, read
 *       again after any watch failure; keeps the last set while etcd is away.</li>
 *   <li>{@link io.kit4j.sd.etcd.EtcdCatalog}: the same watch on {@code <prefix>/}; a name is listed while
 *       a key {@code <prefix>/<name>/…} holds an address.</li>
 * </ul>
 *
 * <p>Keys and values are go-kit's: a go-kit service registered with {@code etcdv3.NewRegistrar} under
 * {@code /services/<name>/<id>} is found by a kit4j instancer, and the other way round.
 */
package io.kit4j.sd.etcd;
