package io.kit4j.sd.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.sd.ServiceInstance;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Registry URIs, defaults, key layout and the errors for bad input. */
class EtcdConfigTest {

    @Test
    void defaults() {
        EtcdConfig c = EtcdConfig.fromUri(URI.create("etcd://127.0.0.1:2379"));
        assertEquals(List.of(URI.create("http://127.0.0.1:2379")), c.endpoints());
        assertEquals("/services", c.prefix());
        assertEquals(Duration.ofSeconds(10), c.ttl());
        assertEquals(Duration.ofSeconds(5), c.timeout());
    }

    @Test
    void severalEndpointsAndOptions() {
        EtcdConfig c = EtcdConfig.fromUri(
                URI.create("etcd://10.0.0.1:2379,10.0.0.2:2379/?prefix=/my%2Fapp/&ttl=1m30s&timeout=1500ms"));
        assertEquals(List.of(URI.create("http://10.0.0.1:2379"), URI.create("http://10.0.0.2:2379")), c.endpoints());
        assertEquals("/my/app", c.prefix());
        assertEquals(Duration.ofSeconds(90), c.ttl());
        assertEquals(Duration.ofMillis(1500), c.timeout());
    }

    @Test
    void keysFollowGoKitsLayout() {
        EtcdConfig c = EtcdConfig.of("127.0.0.1:2379");
        ServiceInstance i = ServiceInstance.of("users", "10.0.0.7", 8080);
        assertEquals("/services/users/users-10.0.0.7-8080", c.instanceKey(i));
        assertEquals("/services/users/", c.serviceKeyPrefix("users"));
        assertEquals("/users/", c.withPrefix("/").serviceKeyPrefix("users"));
        assertEquals("/a/b/users/x", c.withPrefix("/a/b/").instanceKey(i.withId("x")));
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        assertMessage("unknown URI option 'tll'", "etcd://127.0.0.1:2379?tll=10s");
        assertMessage("ttl must be a whole number of seconds", "etcd://127.0.0.1:2379?ttl=1500ms");
        assertMessage("ttl must be a whole number of seconds", "etcd://127.0.0.1:2379?ttl=0s");
        assertMessage("ttl is not a duration", "etcd://127.0.0.1:2379?ttl=10");
        assertMessage("ttl is not a duration", "etcd://127.0.0.1:2379?ttl=ten");
        assertMessage("timeout needs a duration", "etcd://127.0.0.1:2379?timeout=");
        assertMessage("prefix must start with '/'", "etcd://127.0.0.1:2379?prefix=services");
        assertMessage("endpoint needs host:port", "etcd://127.0.0.1");
        assertMessage("give the key prefix as ?prefix=", "etcd://127.0.0.1:2379/services");
        assertMessage("not an etcd:// URI", "zk://127.0.0.1:2181");
        EtcdConfig c = EtcdConfig.of("127.0.0.1:2379");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.serviceKeyPrefix("a/b"));
        assertTrue(e.getMessage().contains("without '/'"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> c.instanceKey(ServiceInstance.of("users", "h", 1).withId("x/y")));
        assertThrows(IllegalArgumentException.class, () -> EtcdConfig.of("https://127.0.0.1:2379"));
    }

    @Test
    void goDurations() {
        assertEquals(Duration.ofMillis(1500), GoDurations.parse("t", "1.5s"));
        assertEquals(Duration.ofHours(1).plusMinutes(2).plusSeconds(3), GoDurations.parse("t", "1h2m3s"));
        assertEquals(Duration.ofNanos(1_500), GoDurations.parse("t", "1us500ns"));
        assertEquals(Duration.ofNanos(1_000), GoDurations.parse("t", "1µs"));
        assertThrows(IllegalArgumentException.class, () -> GoDurations.parse("t", "1s "));
        assertThrows(IllegalArgumentException.class, () -> GoDurations.parse("t", "-1s"));
    }

    private static void assertMessage(String expected, String uri) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EtcdConfig.fromUri(URI.create(uri)));
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' should say '" + expected + "'");
    }
}
