package io.kit4j.sd.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.log.Logger;
import io.kit4j.sd.Event;
import io.kit4j.sd.HealthCheck;
import io.kit4j.sd.Registrar;
import io.kit4j.sd.ServiceInstance;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.curator.x.discovery.ServiceCache;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.apache.curator.x.discovery.ServiceDiscoveryBuilder;
import org.apache.curator.x.discovery.ServiceType;
import org.apache.curator.x.discovery.UriSpec;
import org.apache.curator.x.discovery.details.JsonInstanceSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.zookeeper.discovery.ZookeeperInstance;

/**
 * kit4j and plain Curator service discovery (curator-x-discovery 5.9.0, not kit4j's code) on one real
 * ZooKeeper server, both ways. The Spring Cloud client is set up the way Spring Cloud Zookeeper sets up
 * Curator: {@code JsonInstanceSerializer} over its {@code ZookeeperInstance} payload class, the real class
 * from spring-cloud-zookeeper-discovery 4.3.0 (a POJO; nothing else of Spring is on the class path).
 */
class CuratorInteropTest {
    static EmbeddedZooKeeper zk;
    CuratorFramework curator;

    @BeforeAll
    static void startServer() {
        zk = EmbeddedZooKeeper.start();
    }

    @AfterAll
    static void stopServer() {
        zk.close();
    }

    @BeforeEach
    void connect() throws Exception {
        curator = CuratorFrameworkFactory.newClient(zk.connectString(), 15_000, 5_000, new RetryNTimes(3, 100));
        curator.start();
        assertTrue(curator.blockUntilConnected(30, java.util.concurrent.TimeUnit.SECONDS));
    }

    @AfterEach
    void disconnect() {
        curator.close();
    }

    @Test
    void aSpringCloudStyleCuratorClientSeesKit4jInstances() throws Exception {
        try (ServiceDiscovery<ZookeeperInstance> spring = ServiceDiscoveryBuilder.builder(ZookeeperInstance.class)
                .client(curator).basePath("/services").serializer(new JsonInstanceSerializer<>(ZookeeperInstance.class))
                .build();
                ZooKeeperRegistry kit4j = ZooKeeperRegistry.open(ZooKeeperOptions.of(zk.connectString()), Logger.nop())) {
            spring.start();
            try (ServiceCache<ZookeeperInstance> cache = spring.serviceCacheBuilder().name("billing").build()) {
                cache.start();
                Registrar r = kit4j.registrar(ServiceInstance.of("billing", "127.0.0.1", 8081)
                        .withMetadata(Map.of("version", "3"))
                        .withTags(List.of("eu"))
                        .withHealthCheck(HealthCheck.http("/health")));
                r.register();
                Await.until("Curator's ServiceCache sees kit4j's instance", () -> cache.getInstances().size() == 1);
                org.apache.curator.x.discovery.ServiceInstance<ZookeeperInstance> seen = cache.getInstances().get(0);
                assertEquals("billing", seen.getName());
                assertEquals("billing-127.0.0.1-8081", seen.getId());
                assertEquals("127.0.0.1", seen.getAddress());
                assertEquals(8081, seen.getPort());
                assertEquals(ServiceType.DYNAMIC, seen.getServiceType());
                ZookeeperInstance payload = seen.getPayload();
                assertEquals("billing-127.0.0.1-8081", payload.getId());
                assertEquals("billing", payload.getName());
                assertEquals(Map.of("version", "3"), payload.getMetadata());

                Collection<org.apache.curator.x.discovery.ServiceInstance<ZookeeperInstance>> queried =
                        spring.queryForInstances("billing");
                assertEquals(1, queried.size());
                assertTrue(spring.queryForNames().contains("billing"));

                r.deregister();
                Await.until("Curator's ServiceCache sees it go", () -> cache.getInstances().isEmpty());
            }
        }
    }

    @Test
    void kit4jSeesInstancesThatSpringCloudStyleCuratorRegisters() throws Exception {
        try (ServiceDiscovery<ZookeeperInstance> spring = ServiceDiscoveryBuilder.builder(ZookeeperInstance.class)
                .client(curator).basePath("/services").serializer(new JsonInstanceSerializer<>(ZookeeperInstance.class))
                .build();
                ZooKeeperRegistry kit4j = ZooKeeperRegistry.open(ZooKeeperOptions.of(zk.connectString()), Logger.nop())) {
            spring.start();
            Recorder events = new Recorder();
            kit4j.instancer("catalog").register(events);
            org.apache.curator.x.discovery.ServiceInstance<ZookeeperInstance> instance =
                    org.apache.curator.x.discovery.ServiceInstance.<ZookeeperInstance>builder()
                            .name("catalog").id("catalog-1").address("10.1.2.3").port(8443)
                            .payload(new ZookeeperInstance("catalog-1", "catalog", Map.of("instance_status", "UP")))
                            .uriSpec(new UriSpec("{scheme}://{address}:{port}"))
                            .build();
            spring.registerService(instance);
            Await.until("kit4j's instancer sees the Curator instance", () -> events.lastIs(List.of("10.1.2.3:8443")), events::toString);

            ServiceDiscovery<InstancePayload> read = ServiceDiscoveryBuilder.builder(InstancePayload.class).client(curator)
                    .basePath("/services").serializer(new CuratorJson("unused")).build();
            InstancePayload p = read.queryForInstance("catalog", "catalog-1").getPayload();
            assertEquals(new InstancePayload("catalog-1", "catalog", Map.of("instance_status", "UP"), List.of(), null), p,
                    "kit4j reads Spring's payload");

            spring.unregisterService(instance);
            Await.until("kit4j sees it go", () -> events.lastIs(List.of()), events::toString);
            assertTrue(events.events().stream().noneMatch(Event::isError), events.toString());
        }
    }

    @Test
    void kit4jReadsCuratorInstancesWhateverTheirPayloadClass() throws Exception {
        try (ServiceDiscovery<Details> other = ServiceDiscoveryBuilder.builder(Details.class)
                .client(curator).basePath("/services").serializer(new JsonInstanceSerializer<>(Details.class)).build();
                ServiceDiscovery<Void> bare = ServiceDiscoveryBuilder.builder(Void.class).client(curator)
                        .basePath("/services").build();
                ZooKeeperRegistry kit4j = ZooKeeperRegistry.open(ZooKeeperOptions.of(zk.connectString()), Logger.nop())) {
            other.start();
            bare.start();
            other.registerService(org.apache.curator.x.discovery.ServiceInstance.<Details>builder()
                    .name("search").id("s1").address("10.0.0.5").port(9200).payload(new Details()).build());
            bare.registerService(org.apache.curator.x.discovery.ServiceInstance.<Void>builder()
                    .name("search").id("s2").address("10.0.0.4").port(9200).build());
            Recorder events = new Recorder();
            kit4j.instancer("search").register(events);
            assertEquals(List.of(Event.of("10.0.0.4:9200", "10.0.0.5:9200")), events.events());
        }
    }

    @Test
    @SuppressWarnings("rawtypes") // a Curator client with a Map payload, as such a client is written
    void aCuratorClientWithAMapPayloadReadsKit4jWithPayloadClassLinkedHashMap() throws Exception {
        try (ServiceDiscovery<Map> plain = ServiceDiscoveryBuilder.builder(Map.class).client(curator)
                .basePath("/services").serializer(new JsonInstanceSerializer<>(Map.class)).build();
                ZooKeeperRegistry kit4j = ZooKeeperRegistry.open(
                        java.net.URI.create(zk.uri() + "?payloadClass=java.util.LinkedHashMap"), Logger.nop())) {
            plain.start();
            kit4j.registrar(ServiceInstance.of("mapped", "127.0.0.1", 7070).withMetadata(Map.of("k", "v"))
                    .withTags(List.of("t"))).register();
            org.apache.curator.x.discovery.ServiceInstance<Map> seen =
                    plain.queryForInstance("mapped", "mapped-127.0.0.1-7070");
            assertNotNull(seen);
            Map<?, ?> payload = assertInstanceOf(java.util.LinkedHashMap.class, seen.getPayload());
            assertEquals(Map.of("k", "v"), payload.get("metadata"));
            assertEquals(List.of("t"), payload.get("tags"));
            assertEquals("mapped", payload.get("name"));
        }
    }

    /** Some application's own payload class, unknown to kit4j. */
    public static final class Details {
        public String owner = "team-search";
        public int weight = 3;
    }
}
