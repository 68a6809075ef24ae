package io.kit4j.sd.zookeeper;

import io.kit4j.sd.HealthCheck;
import io.kit4j.sd.ServiceInstance;
import java.util.List;
import java.util.Map;

/**
 * The {@code payload} of a kit4j instance in Curator's service-discovery JSON: what Curator's own fields
 * (name, id, address, port) do not hold. Written as
 *
 * <pre>{@code
 * "payload": {
 *   "@class": "org.springframework.cloud.zookeeper.discovery.ZookeeperInstance",   // ZooKeeperOptions.payloadClass
 *   "id": "userservice-127.0.0.1-8080",
 *   "name": "userservice",
 *   "metadata": {"version": "1.2"},                                               // ServiceInstance.metadata
 *   "tags": ["blue"],                                                              // ServiceInstance.tags
 *   "healthCheck": {"path": "/health", "interval": "10s", "timeout": "1s",        // only with a health check
 *                   "deregisterCriticalAfter": "1m0s"}
 * }
 * }</pre>
 *
 * <p>{@code id}, {@code name} and {@code metadata} are the fields of Spring Cloud Zookeeper's
 * {@code ZookeeperInstance}, whose class name is written by default, so Spring Cloud clients deserialize
 * kit4j's instances and see the metadata; they ignore {@code tags} and {@code healthCheck}. Durations are
 * written as Go durations ({@code 1m30s}). When reading, kit4j ignores {@code @class} and
 * {@code healthCheck} and takes {@code id}, {@code name}, {@code metadata} (scalar values as text) and
 * {@code tags} from any payload object that has them, so instances registered by Spring Cloud or other
 * Curator clients are read whatever their payload class.
 *
 * @param id the instance id
 * @param name the service name
 * @param metadata the instance's metadata
 * @param tags the instance's tags
 * @param healthCheck the health check, or null (always null when read back)
 */
public record InstancePayload(String id, String name, Map<String, String> metadata, List<String> tags,
        HealthCheck healthCheck) {

    /** Copies. */
    public InstancePayload {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** The payload describing {@code instance}. */
    public static InstancePayload of(ServiceInstance instance) {
        return new InstancePayload(instance.id(), instance.name(), instance.metadata(), instance.tags(),
                instance.healthCheck());
    }
}
