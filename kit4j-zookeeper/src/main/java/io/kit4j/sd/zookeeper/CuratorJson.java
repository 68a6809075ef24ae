package io.kit4j.sd.zookeeper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kit4j.sd.HealthCheck;
import io.kit4j.time.Durations;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.curator.x.discovery.ServiceType;
import org.apache.curator.x.discovery.details.InstanceSerializer;

/**
 * Curator's service-discovery JSON, read and written by kit4j. It writes exactly the fields Curator's
 * default {@code JsonInstanceSerializer} writes (its compatible mode: {@code name}, {@code id},
 * {@code address}, {@code port}, {@code sslPort}, {@code payload}, {@code registrationTimeUTC},
 * {@code serviceType}, {@code uriSpec}; no {@code enabled}), with the payload of {@link InstancePayload}
 * under the configured {@code @class}. It reads any instance written by Curator, whatever its payload
 * class (Curator's own serializer fails on a payload class it cannot load); {@code "enabled": false} is
 * kept so the instancer can leave such an instance out.
 */
final class CuratorJson implements InstanceSerializer<InstancePayload> {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final String payloadClass;

    CuratorJson(String payloadClass) {
        this.payloadClass = Objects.requireNonNull(payloadClass, "payloadClass");
    }

    @Override
    public byte[] serialize(ServiceInstance<InstancePayload> instance) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("name", instance.getName());
        root.put("id", instance.getId());
        root.put("address", instance.getAddress());
        root.put("port", instance.getPort());
        root.put("sslPort", instance.getSslPort());
        root.set("payload", payload(instance.getPayload()));
        root.put("registrationTimeUTC", instance.getRegistrationTimeUTC());
        root.put("serviceType", instance.getServiceType() == null ? null : instance.getServiceType().name());
        root.putNull("uriSpec");
        return MAPPER.writeValueAsBytes(root);
    }

    private JsonNode payload(InstancePayload p) {
        if (p == null) {
            return MAPPER.nullNode();
        }
        ObjectNode o = MAPPER.createObjectNode();
        o.put("@class", payloadClass);
        o.put("id", p.id());
        o.put("name", p.name());
        ObjectNode metadata = o.putObject("metadata");
        new java.util.TreeMap<>(p.metadata()).forEach(metadata::put);
        ArrayNode tags = o.putArray("tags");
        p.tags().forEach(tags::add);
        HealthCheck h = p.healthCheck();
        if (h != null) {
            ObjectNode hc = o.putObject("healthCheck");
            hc.put("path", h.path());
            hc.put("interval", Durations.format(h.interval()));
            hc.put("timeout", Durations.format(h.timeout()));
            hc.put("deregisterCriticalAfter", Durations.format(h.deregisterCriticalAfter()));
        }
        return o;
    }

    @Override
    public ServiceInstance<InstancePayload> deserialize(byte[] bytes) throws IOException {
        JsonNode root = MAPPER.readTree(bytes);
        if (root == null || !root.isObject()) {
            throw new IOException("not a Curator service instance: the JSON is not an object");
        }
        String name = text(root, "name");
        String id = text(root, "id");
        if (name == null || id == null) {
            throw new IOException("not a Curator service instance: no name or id");
        }
        ServiceType type = ServiceType.DYNAMIC;
        String t = text(root, "serviceType");
        if (t != null) {
            try {
                type = ServiceType.valueOf(t.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IOException("unknown serviceType " + t, e);
            }
        }
        JsonNode enabled = root.get("enabled");
        return new ServiceInstance<>(name, id, text(root, "address"), integer(root, "port"), integer(root, "sslPort"),
                readPayload(root.get("payload")), root.path("registrationTimeUTC").asLong(0), type, null,
                enabled == null || !enabled.isBoolean() || enabled.booleanValue());
    }

    private static InstancePayload readPayload(JsonNode p) {
        if (p == null || !p.isObject()) {
            return null;
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        JsonNode m = p.get("metadata");
        if (m != null && m.isObject()) {
            m.properties().forEach(e -> {
                if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                    metadata.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        List<String> tags = new ArrayList<>();
        JsonNode ts = p.get("tags");
        if (ts != null && ts.isArray()) {
            ts.forEach(tag -> {
                if (tag.isValueNode() && !tag.isNull()) {
                    tags.add(tag.asText());
                }
            });
        }
        return new InstancePayload(text(p, "id"), text(p, "name"), metadata, tags, null);
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() || !n.isValueNode() ? null : n.asText();
    }

    private static Integer integer(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n != null && n.canConvertToInt() && n.isIntegralNumber() ? n.intValue() : null;
    }
}
