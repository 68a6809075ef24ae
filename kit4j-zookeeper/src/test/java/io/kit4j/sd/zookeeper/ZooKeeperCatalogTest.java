package io.kit4j.sd.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.log.Logger;
import io.kit4j.sd.Catalog;
import io.kit4j.sd.CatalogEvent;
import io.kit4j.sd.Registrar;
import io.kit4j.sd.Registries;
import io.kit4j.sd.Registry;
import io.kit4j.sd.ServiceInstance;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The catalog (service names under the base path) against a real ZooKeeper server in this JVM. */
class ZooKeeperCatalogTest {
    static EmbeddedZooKeeper zk;

    @BeforeAll
    static void startServer() {
        zk = EmbeddedZooKeeper.start();
    }

    @AfterAll
    static void stopServer() {
        zk.close();
    }

    private static ZooKeeperOptions options(String basePath) {
        return ZooKeeperOptions.of(zk.connectString()).withBasePath(basePath);
    }

    @Test
    void listsTheServicesWithInstancesAndFollowsThemInAndOut() throws Exception {
        try (ZooKeeperRegistry services = ZooKeeperRegistry.open(options("/cat1"), Logger.nop());
                ZooKeeperRegistry gateway = ZooKeeperRegistry.open(options("/cat1"), Logger.nop())) {
            Catalog catalog = gateway.catalog();
            Names names = new Names();
            catalog.register(names);
            assertEquals(List.of(CatalogEvent.of()), names.events(), "an empty registry: no names, at once");

            Registrar a1 = services.registrar(ServiceInstance.of("svc-a", "127.0.0.1", 9001));
            Registrar a2 = services.registrar(ServiceInstance.of("svc-a", "127.0.0.1", 9002));
            Registrar b = services.registrar(ServiceInstance.of("svc-b", "127.0.0.1", 9003));
            a1.register();
            b.register();
            a2.register();
            Await.until("both services listed", () -> names.lastIs(List.of("svc-a", "svc-b")), names::toString);

            a1.deregister();
            Await.sleep(300);
            assertTrue(names.lastIs(List.of("svc-a", "svc-b")), "svc-a keeps one instance: " + names);
            a2.deregister();
            Await.until("svc-a left with its last instance", () -> names.lastIs(List.of("svc-b")), names::toString);
            assertTrue(gateway.curator().checkExists().forPath("/cat1/svc-a") != null,
                    "the empty service node is still there, and does not count");

            Names late = new Names();
            catalog.register(late);
            assertEquals(List.of(CatalogEvent.of("svc-b")), late.events(), "a new listener gets the names at once");

            a1.register();
            Await.until("svc-a back", () -> names.lastIs(List.of("svc-a", "svc-b")), names::toString);
            assertTrue(names.events().stream().noneMatch(CatalogEvent::isError), names.toString());

            catalog.close();
            catalog.close();
            int seen = names.events().size();
            b.deregister();
            services.registrar(ServiceInstance.of("svc-c", "127.0.0.1", 9004)).register();
            Names control = new Names();
            gateway.catalog().register(control);
            Await.until("a new catalog sees the change", () -> control.lastIs(List.of("svc-a", "svc-c")), control::toString);
            assertEquals(seen, names.events().size(), "a closed catalog publishes nothing more: " + names);
        }
    }

    @Test
    void aCatalogOpenedLaterHasTheNamesBeforeItReturnsAndOnlyCountsRealInstances() throws Exception {
        try (ZooKeeperRegistry registry = ZooKeeperRegistry.open(options("/cat2"), Logger.nop())) {
            registry.registrar(ServiceInstance.of("users", "10.0.0.1", 80)).register();
            registry.registrar(ServiceInstance.of("orders", "10.0.0.2", 80)).register();
            CuratorFramework c = registry.curator();
            c.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL)
                    .forPath("/cat2/garbage/x", "not json".getBytes(StandardCharsets.UTF_8));
            c.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath("/cat2/disabled/x",
                    "{\"name\":\"disabled\",\"id\":\"x\",\"address\":\"10.0.0.8\",\"port\":80,\"enabled\":false}"
                            .getBytes(StandardCharsets.UTF_8));
            c.create().creatingParentsIfNeeded().forPath("/cat2/empty");
            c.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath("/cat2/deep/er/x", // too deep
                    "{\"name\":\"deep\",\"id\":\"x\",\"address\":\"10.0.0.9\",\"port\":80}"
                            .getBytes(StandardCharsets.UTF_8));
            Names names = new Names();
            registry.catalog().register(names);
            assertEquals(List.of(CatalogEvent.of("orders", "users")), names.events());
        }
    }

    @Test
    void theWatchSurvivesAnExpiredSession() throws Exception {
        try (ZooKeeperRegistry services = ZooKeeperRegistry.open(options("/cat3"), Logger.nop());
                ZooKeeperRegistry gateway = ZooKeeperRegistry.open(options("/cat3"), Logger.nop())) {
            services.registrar(ServiceInstance.of("phoenix", "127.0.0.1", 6000)).register();
            Names names = new Names();
            gateway.catalog().register(names);
            assertEquals(List.of(CatalogEvent.of("phoenix")), names.events());

            Sessions.expire(gateway.curator(), zk.connectString());
            Await.until("the lost session is an error (it may be over already)",
                    () -> names.events().stream().anyMatch(CatalogEvent::isError), names::toString);
            Await.until("a new session reads the names again", () -> names.lastIs(List.of("phoenix")), names::toString);

            services.registrar(ServiceInstance.of("newcomer", "127.0.0.1", 6001)).register();
            Await.until("changes after the new session arrive", () -> names.lastIs(List.of("newcomer", "phoenix")),
                    names::toString);
        }
    }

    @Test
    void closingTheRegistryClosesItsCatalogs() throws Exception {
        Registry registry = Registries.open(zk.uri() + "?basePath=/cat4", Logger.nop());
        try (ZooKeeperRegistry services = ZooKeeperRegistry.open(options("/cat4"), Logger.nop())) {
            Names names = new Names();
            registry.catalog().register(names);
            registry.close();
            services.registrar(ServiceInstance.of("late", "127.0.0.1", 1)).register();
            Names control = new Names();
            services.catalog().register(control);
            assertEquals(List.of(CatalogEvent.of("late")), control.events());
            Await.sleep(300);
            assertEquals(List.of(CatalogEvent.of()), names.events());
        }
    }
}
