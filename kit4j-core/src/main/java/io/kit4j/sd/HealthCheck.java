package io.kit4j.sd;

import java.time.Duration;
import java.util.Objects;

/**
 * An HTTP health check a registry runs against an instance: {@code GET http://host:port<path>} every
 * {@code interval}, failing after {@code timeout}; an instance critical for
 * {@code deregisterCriticalAfter} is removed. Registries that detect failure by sessions or leases
 * (ZooKeeper, etcd) keep it only as data.
 *
 * @param path the path of the health endpoint, say {@code /health}
 * @param interval time between checks
 * @param timeout time one check may take
 * @param deregisterCriticalAfter how long an instance may fail before the registry removes it
 */
public record HealthCheck(String path, Duration interval, Duration timeout, Duration deregisterCriticalAfter) {

    /** Validates. */
    public HealthCheck {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + path);
        }
        requirePositive(interval, "interval");
        requirePositive(timeout, "timeout");
        requirePositive(deregisterCriticalAfter, "deregisterCriticalAfter");
    }

    /** {@code GET path} every 10 s with a 1 s timeout; removed after 1 minute critical. */
    public static HealthCheck http(String path) {
        return new HealthCheck(path, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(1));
    }

    /** This check run every {@code interval}. */
    public HealthCheck withInterval(Duration interval) {
        return new HealthCheck(path, interval, timeout, deregisterCriticalAfter);
    }

    /** This check with the timeout {@code timeout}. */
    public HealthCheck withTimeout(Duration timeout) {
        return new HealthCheck(path, interval, timeout, deregisterCriticalAfter);
    }

    /** This check removing an instance critical for {@code after}. */
    public HealthCheck withDeregisterCriticalAfter(Duration after) {
        return new HealthCheck(path, interval, timeout, after);
    }

    private static void requirePositive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
    }
}
