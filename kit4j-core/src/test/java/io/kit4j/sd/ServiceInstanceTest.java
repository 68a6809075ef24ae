package io.kit4j.sd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.log.Logger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceInstanceTest {

    @Test
    void defaultsAndAddress() {
        ServiceInstance i = ServiceInstance.of("userservice", "127.0.0.1", 8082);
        assertEquals("userservice-127.0.0.1-8082", i.id());
        assertEquals("127.0.0.1:8082", i.address());
        assertEquals("[::1]:8082", ServiceInstance.of("s", "::1", 8082).address());
        assertEquals(List.of("v1"), i.withTags(List.of("v1")).tags());
        HealthCheck h = HealthCheck.http("/health").withInterval(Duration.ofSeconds(2));
        assertEquals(Duration.ofSeconds(2), i.withHealthCheck(h).healthCheck().interval());
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> ServiceInstance.of("s", "h", 0));
        assertThrows(IllegalArgumentException.class, () -> ServiceInstance.of(" ", "h", 1));
        assertThrows(IllegalArgumentException.class, () -> HealthCheck.http("health"));
        assertThrows(IllegalArgumentException.class,
                () -> HealthCheck.http("/health").withTimeout(Duration.ZERO));
    }

    @Test
    void unknownRegistrySchemeIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Registries.open("nosuch://127.0.0.1:1", Logger.nop()));
        assertTrue(e.getMessage().contains("'nosuch://'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Registries.open("127.0.0.1:2181", Logger.nop()));
        assertTrue(e.getMessage().contains("scheme"), e.getMessage());
    }
}
