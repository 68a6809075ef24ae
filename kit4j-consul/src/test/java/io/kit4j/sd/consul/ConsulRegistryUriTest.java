package io.kit4j.sd.consul;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.log.Logger;
import io.kit4j.sd.Event;
import io.kit4j.sd.Instancer;
import io.kit4j.sd.Registrar;
import io.kit4j.sd.Registries;
import io.kit4j.sd.Registry;
import io.kit4j.sd.ServiceInstance;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsulRegistryUriTest {

    @Test
    void registriesOpenFindsConsulThroughServiceLoader() throws Exception {
        try (ConsulStandIn consul = ConsulStandIn.builder().start();
                Registry registry = Registries.open(consul.consulUri() + "?wait=20s", Logger.nop())) {
            ConsulRegistry c = assertInstanceOf(ConsulRegistry.class, registry);
            assertEquals(consul.uri(), c.client().base());
            assertEquals(Duration.ofSeconds(20), c.waitTime());
            Registrar r = registry.registrar(ServiceInstance.of("users", "127.0.0.2", 7000));
            r.register();
            Instancer i = registry.instancer("users");
            EventLog events = new EventLog();
            i.register(events);
            assertEquals(Event.of("127.0.0.2:7000"), events.last());
        }
    }

    @Test
    void defaults() {
        try (ConsulRegistry r = ConsulRegistry.open(URI.create("consul://127.0.0.1"), Logger.nop())) {
            assertEquals(URI.create("http://127.0.0.1:8500"), r.client().base());
            assertEquals(Duration.ofMinutes(5), r.waitTime());
        }
        try (ConsulRegistry r = ConsulRegistry.open(URI.create("consul://localhost:8501/?wait=10m"), Logger.nop())) {
            assertEquals(URI.create("http://localhost:8501"), r.client().base());
            assertEquals(Duration.ofMinutes(10), r.waitTime());
        }
    }

    @Test
    void badUrisAreRefusedWithTheReason() {
        assertRefused("consul://127.0.0.1:8500?wait=11m", "at most 10m");
        assertRefused("consul://127.0.0.1:8500?wait=0s", "more than 0");
        assertRefused("consul://127.0.0.1:8500?wait=soon", "not a Go duration");
        assertRefused("consul://127.0.0.1:8500?timeout=-1s", "timeout must be positive");
        assertRefused("consul://127.0.0.1:8500?tokn=x", "unknown consul URI option 'tokn'");
        assertRefused("consul://127.0.0.1:8500?dc=a&dc=b", "given twice");
        assertRefused("consul://127.0.0.1:8500/kv", "no path");
        assertRefused("consul://user@127.0.0.1:8500", "one agent");
        assertRefused("consul:///nohost", "one agent");
        assertRefused("zk://127.0.0.1:2181", "not a consul:// URI");
    }

    @Test
    void aClosedRegistryRefusesNewWork() {
        ConsulRegistry r = ConsulRegistry.open(URI.create("consul://127.0.0.1:1"), Logger.nop());
        r.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.instancer("users"));
        assertTrue(e.getMessage().contains("closed"));
    }

    private static void assertRefused(String uri, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConsulRegistry.open(URI.create(uri), Logger.nop()).close(), uri);
        assertTrue(e.getMessage().contains(reason), uri + " -> " + e.getMessage());
    }
}
