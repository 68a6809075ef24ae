package io.kit4j.sd;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link Registrar} announces about this instance of a service: its name, a unique id, where it
 * listens, tags, metadata and an optional health check. Its {@link #address()} {@code host:port} is the
 * instance string every {@link Instancer} publishes.
 *
 * @param name the service name, say {@code userservice}
 * @param id unique among the instances of all services in the registry
 * @param host the address clients connect to (an IP or a host name)
 * @param port the port clients connect to
 * @param tags free-form tags (Consul tags; ignored where the registry has none)
 * @param metadata free-form key/value pairs (Consul Meta, Curator payload)
 * @param healthCheck how the registry checks the instance, or null for none
 */
public record ServiceInstance(String name, String id, String host, int port, List<String> tags,
        Map<String, String> metadata, HealthCheck healthCheck) {

    /** Validates and copies. */
    public ServiceInstance {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
        if (name.isBlank() || id.isBlank() || host.isBlank()) {
            throw new IllegalArgumentException("name, id and host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        tags = List.copyOf(tags);
        metadata = Map.copyOf(metadata);
    }

    /**
     * The instance {@code name} at {@code host:port}, with the id {@code name-host-port} (stable across
     * restarts, so a re-registration replaces a stale entry), no tags, no metadata, no health check.
     */
    public static ServiceInstance of(String name, String host, int port) {
        return new ServiceInstance(name, name + "-" + host + "-" + port, host, port, List.of(), Map.of(), null);
    }

    /** This instance with the id {@code id}. */
    public ServiceInstance withId(String id) {
        return new ServiceInstance(name, id, host, port, tags, metadata, healthCheck);
    }

    /** This instance with the tags {@code tags}. */
    public ServiceInstance withTags(List<String> tags) {
        return new ServiceInstance(name, id, host, port, tags, metadata, healthCheck);
    }

    /** This instance with the metadata {@code metadata}. */
    public ServiceInstance withMetadata(Map<String, String> metadata) {
        return new ServiceInstance(name, id, host, port, tags, metadata, healthCheck);
    }

    /** This instance with the health check {@code check}. */
    public ServiceInstance withHealthCheck(HealthCheck check) {
        return new ServiceInstance(name, id, host, port, tags, metadata, check);
    }

    /** {@code host:port}, the instance string of this instance (IPv6 hosts in brackets). */
    public String address() {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }
}
