package io.kit4j.sd.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ZooKeeperOptionsTest {

    @Test
    void defaults() {
        ZooKeeperOptions o = ZooKeeperOptions.parse(URI.create("zk://127.0.0.1:2181"));
        assertEquals("127.0.0.1:2181", o.connectString());
        assertEquals("/services", o.basePath());
        assertEquals(Duration.ofSeconds(15), o.sessionTimeout());
        assertEquals(Duration.ofSeconds(5), o.connectionTimeout());
        assertEquals("org.springframework.cloud.zookeeper.discovery.ZookeeperInstance", o.payloadClass());
    }

    @Test
    void everyOption() {
        ZooKeeperOptions o = ZooKeeperOptions.parse(URI.create("zk://zk1:2181,zk2/?basePath=/a/b"
                + "&sessionTimeout=4s&connectionTimeout=1500&payloadClass=java.util.LinkedHashMap"));
        assertEquals("zk1:2181,zk2:2181", o.connectString());
        assertEquals("/a/b", o.basePath());
        assertEquals(Duration.ofSeconds(4), o.sessionTimeout());
        assertEquals(Duration.ofMillis(1500), o.connectionTimeout());
        assertEquals("java.util.LinkedHashMap", o.payloadClass());
    }

    @Test
    void ipv6Servers() {
        assertEquals("[::1]:2182", ZooKeeperOptions.parse(URI.create("zk://[::1]:2182")).connectString());
        assertEquals("[::1]:2181,h:1", ZooKeeperOptions.of("[::1], h:1").connectString());
        assertThrows(IllegalArgumentException.class, () -> ZooKeeperOptions.of("::1:2181"));
    }

    @ParameterizedTest
    @CsvSource({"500ms,500", "15s,15000", "2m,120000", "1h,3600000", "250,250"})
    void durations(String text, long millis) {
        assertEquals(Duration.ofMillis(millis),
                ZooKeeperOptions.parse(URI.create("zk://h?sessionTimeout=" + text)).sessionTimeout());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "zk://",                                   // no server
        "zk://h:2181/services",                    // a path instead of ?basePath=
        "zk://h:port",                             // bad port
        "zk://h:0",                                // port out of range
        "zk://h:2181,,h2:2181",                    // empty server
        "zk://user@h:2181",                        // user information
        "zk://h?timeout=5s",                       // unknown option
        "zk://h?sessionTimeout=soon",              // bad duration
        "zk://h?sessionTimeout=0s",                // zero
        "zk://h?sessionTimeout=99999999999h",      // too large
        "zk://h?sessionTimeout=",                  // no value
        "zk://h?basePath=services",                // relative path
        "zk://h?basePath=/services/",              // trailing slash
        "zk://h?basePath=/a&basePath=/b",          // given twice
        "zk://h?payloadClass=not%20a%20class",     // not a class name
        "etcd://h:2379",                           // another scheme
    })
    void badUrisAreRefusedNamingTheProblem(String uri) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ZooKeeperOptions.parse(URI.create(uri)));
        assertTrue(e.getMessage().contains("zk"), e.getMessage());
    }

    @Test
    void anUnknownOptionIsNamedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ZooKeeperOptions.parse(URI.create("zk://h?session=5s")));
        assertEquals("zk: unknown option 'session' (known: basePath, sessionTimeout, connectionTimeout, payloadClass)",
                e.getMessage());
    }
}
