package io.kit4j.sd.consul;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kit4j.sd.HealthCheck;
import io.kit4j.sd.ServiceInstance;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wire format of the three calls, against the Consul stand-in. */
class ConsulClientTest {

    @Test
    void registrationJsonUsesConsulsFieldNames() throws Exception {
        ServiceInstance inst = ServiceInstance.of("users", "10.0.0.7", 8080)
                .withTags(List.of("v1", "blue")).withMetadata(Map.of("zone", "a"))
                .withHealthCheck(new HealthCheck("/health", Duration.ofSeconds(10), Duration.ofSeconds(1),
                        Duration.ofMinutes(1)));
        JsonNode j = new ObjectMapper().valueToTree(ServiceRegistration.of(inst));
        assertEquals("users-10.0.0.7-8080", j.get("ID").asText());
        assertEquals("users", j.get("Name").asText());
        assertEquals("[\"v1\",\"blue\"]", j.get("Tags").toString());
        assertEquals("10.0.0.7", j.get("Address").asText());
        assertEquals(8080, j.get("Port").asInt());
        assertEquals("a", j.get("Meta").get("zone").asText());
        JsonNode c = j.get("Check");
        assertEquals("http://10.0.0.7:8080/health", c.get("HTTP").asText());
        assertEquals("GET", c.get("Method").asText());
        assertEquals("10s", c.get("Interval").asText());
        assertEquals("1s", c.get("Timeout").asText());
        assertEquals("1m0s", c.get("DeregisterCriticalServiceAfter").asText());
        assertEquals(7, j.size());
        assertFalse(new ObjectMapper().valueToTree(ServiceRegistration.of(ServiceInstance.of("u", "h", 1)))
                .has("Check"));
    }

    @Test
    void ipv6HostIsBracketedInTheCheckUrl() {
        ServiceInstance inst = ServiceInstance.of("users", "::1", 8080).withHealthCheck(HealthCheck.http("/health"));
        assertEquals("http://[::1]:8080/health", ServiceRegistration.of(inst).check().http());
        assertEquals("[::1]:8080", new ServiceEntry("", "x", "::1", 8080, List.of()).instance());
    }

    @Test
    void pathSegmentsArePercentEncoded() {
        assertEquals("a%2Fb%20c%3Fd", ConsulClient.pathSegment("a/b c?d"));
        assertEquals("users-10.0.0.7-8080_~", ConsulClient.pathSegment("users-10.0.0.7-8080_~"));
        assertEquals("%C3%A9", ConsulClient.pathSegment("é"));
    }

    @Test
    void roundTripOnTheStandIn() throws Exception {
        try (ConsulStandIn consul = ConsulStandIn.builder().start();
                ConsulClient client = new ConsulClient(consul.uri(), null, null, Duration.ofSeconds(10))) {
            client.register(new ServiceRegistration("odd/id 1", "users", List.of("v1"), null, 9000, Map.of(), null));
            assertTrue(consul.services().containsKey("odd/id 1"));
            HealthResult r = client.service("users", "v1", true, 0, Duration.ofSeconds(1));
            assertEquals(1, r.entries().size());
            ServiceEntry e = r.entries().get(0);
            assertEquals("odd/id 1", e.serviceId());
            assertEquals("", e.serviceAddress());
            assertEquals(ConsulStandIn.NODE_ADDRESS + ":9000", e.instance(), "Node.Address when Service.Address is empty");
            assertTrue(r.index() > 0);
            assertEquals(0, client.service("users", "v2", true, 0, Duration.ofSeconds(1)).entries().size());
            client.deregister("odd/id 1");
            assertTrue(consul.services().isEmpty());
            ConsulException missing = assertThrows(ConsulException.class, () -> client.deregister("odd/id 1"));
            assertEquals(404, missing.status());
            ConsulException bad = assertThrows(ConsulException.class,
                    () -> client.register(new ServiceRegistration("x", "", List.of(), null, 1, Map.of(), null)));
            assertEquals(400, bad.status());
            assertTrue(bad.getMessage().contains("Missing service name"), bad.getMessage());
        }
    }

    @Test
    void otherDatacenterAndTokenReachConsul() throws Exception {
        try (ConsulStandIn consul = ConsulStandIn.builder().requireToken("s3cret").start();
                ConsulClient good = new ConsulClient(consul.uri(), "s3cret", "dc1", Duration.ofSeconds(10));
                ConsulClient anonymous = new ConsulClient(consul.uri(), null, null, Duration.ofSeconds(10));
                ConsulClient elsewhere = new ConsulClient(consul.uri(), "s3cret", "dc9", Duration.ofSeconds(10))) {
            assertEquals(0, good.service("users", null, true, 0, Duration.ofSeconds(1)).entries().size());
            assertEquals("s3cret", consul.requests().get(0).token());
            assertEquals("dc1", consul.requests().get(0).param("dc"));
            assertEquals(403, assertThrows(ConsulException.class,
                    () -> anonymous.service("users", null, true, 0, Duration.ofSeconds(1))).status());
            assertEquals(500, assertThrows(ConsulException.class,
                    () -> elsewhere.service("users", null, true, 0, Duration.ofSeconds(1))).status());
        }
    }
}
