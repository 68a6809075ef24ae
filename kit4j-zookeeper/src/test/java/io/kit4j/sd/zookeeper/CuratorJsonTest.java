package io.kit4j.sd.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.curator.x.discovery.ServiceType;
import org.apache.curator.x.discovery.details.JsonInstanceSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.zookeeper.discovery.ZookeeperInstance;

/** kit4j's Curator JSON against Curator's own serializer. */
class CuratorJsonTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesWhatCuratorsDefaultSerializerWrites() throws Exception {
        byte[] curators = new JsonInstanceSerializer<>(ZookeeperInstance.class).serialize(
                new ServiceInstance<>("svc", "svc-1", "10.0.0.1", 8080, null,
                        new ZookeeperInstance("svc-1", "svc", Map.of("a", "1")), 1234L, ServiceType.DYNAMIC, null));
        byte[] ours = new CuratorJson(ZooKeeperOptions.DEFAULT_PAYLOAD_CLASS).serialize(
                new ServiceInstance<>("svc", "svc-1", "10.0.0.1", 8080, null,
                        new InstancePayload("svc-1", "svc", Map.of("a", "1"), List.of(), null), 1234L, ServiceType.DYNAMIC, null));
        JsonNode theirs = JSON.readTree(curators);
        JsonNode mine = JSON.readTree(ours);
        assertEquals(names(theirs), names(mine), "the same fields in the same order");
        ((ObjectNode) mine.get("payload")).remove("tags");
        assertEquals(theirs, mine, "the same JSON, but for kit4j's extra payload field 'tags'");
        assertEquals(new String(curators, StandardCharsets.UTF_8).replace("}},", "},\"tags\":[]},"),
                new String(ours, StandardCharsets.UTF_8), "byte for byte, but for 'tags'");
    }

    @Test
    void readsWhatCuratorWritesWhateverThePayload() throws Exception {
        CuratorJson json = new CuratorJson("x.Y");
        ServiceInstance<InstancePayload> i = json.deserialize(("{\"name\":\"svc\",\"id\":\"i\",\"address\":\"h\",\"port\":1,"
                + "\"sslPort\":2,\"payload\":{\"@class\":\"com.example.Unknown\",\"metadata\":{\"n\":3,\"s\":\"x\",\"o\":{}},"
                + "\"tags\":[\"t\",null]},\"registrationTimeUTC\":5,\"serviceType\":\"STATIC\",\"uriSpec\":"
                + "{\"parts\":[{\"value\":\"scheme\",\"variable\":true}]},\"enabled\":false,\"future\":1}")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("svc", i.getName());
        assertEquals("i", i.getId());
        assertEquals("h", i.getAddress());
        assertEquals(1, i.getPort());
        assertEquals(2, i.getSslPort());
        assertEquals(5, i.getRegistrationTimeUTC());
        assertEquals(ServiceType.STATIC, i.getServiceType());
        assertFalse(i.isEnabled());
        assertEquals(new InstancePayload(null, null, Map.of("n", "3", "s", "x"), List.of("t"), null), i.getPayload());

        ServiceInstance<InstancePayload> bare = json.deserialize("{\"name\":\"svc\",\"id\":\"i\"}".getBytes(StandardCharsets.UTF_8));
        assertNull(bare.getPayload());
        assertNull(bare.getPort());
        assertEquals(ServiceType.DYNAMIC, bare.getServiceType());
    }

    @Test
    void refusesWhatIsNotAnInstance() {
        CuratorJson json = new CuratorJson("x.Y");
        assertThrows(IOException.class, () -> json.deserialize("[]".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IOException.class, () -> json.deserialize("{\"id\":\"i\"}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IOException.class, () -> json.deserialize("{".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IOException.class, () -> json.deserialize(
                "{\"name\":\"s\",\"id\":\"i\",\"serviceType\":\"ODD\"}".getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
