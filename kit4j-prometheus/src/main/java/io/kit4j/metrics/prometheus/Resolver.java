package io.kit4j.metrics.prometheus;

import io.kit4j.metrics.LabelValues;
import io.prometheus.metrics.core.metrics.MetricWithFixedMetadata;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns kit4j label values (name/value pairs, in any order) into the data point of a Prometheus metric,
 * whose label values are positional in the order the metric declared its names.
 *
 * @param <D> the data point type
 */
final class Resolver<D> {
    private final String metricName;
    private final List<String> names;
    private final Function<String[], D> lookup;
    private final D unlabelled;

    Resolver(MetricWithFixedMetadata metric, String[] labelNames, Function<String[], D> lookup, D unlabelled) {
        MetricFamilyDescriptor family = metric.getMetricFamilyDescriptor();
        this.metricName = family.getPrometheusName();
        this.names = List.of(labelNames);
        Set<String> declared = family.getLabelNames();
        for (String n : names) {
            if (!declared.contains(PrometheusNaming.prometheusName(n))) {
                throw new IllegalArgumentException("metric " + metricName + " has no label " + n + "; its labels: " + declared);
            }
        }
        this.lookup = lookup;
        this.unlabelled = unlabelled;
    }

    List<String> names() {
        return names;
    }

    /**
     * The data point once {@code labels} gives every declared label a value, else null.
     *
     * @throws IllegalArgumentException if a label is not declared
     */
    D resolveIfComplete(LabelValues labels) {
        if (names.isEmpty()) {
            if (!labels.isEmpty()) {
                throw new IllegalArgumentException("metric " + metricName + " declares no labels; got " + labels);
            }
            return unlabelled;
        }
        int seen = 0;
        boolean[] has = new boolean[names.size()];
        for (int i = 0; i < labels.size(); i++) {
            int at = names.indexOf(labels.name(i));
            if (at < 0) {
                throw new IllegalArgumentException("metric " + metricName + ": label " + labels.name(i)
                        + " is not declared; declared labels: " + names);
            }
            if (!has[at]) {
                has[at] = true;
                seen++;
            }
        }
        return seen == names.size() ? resolve(labels) : null;
    }

    /**
     * The data point of {@code labels}.
     *
     * @throws IllegalArgumentException if a label is not declared or a declared one has no value
     */
    D resolve(LabelValues labels) {
        if (names.isEmpty()) {
            if (!labels.isEmpty()) {
                throw new IllegalArgumentException("metric " + metricName + " declares no labels; got " + labels);
            }
            return unlabelled;
        }
        try {
            return lookup.apply(labels.valuesFor(names));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("metric " + metricName + ": " + e.getMessage(), e);
        }
    }
}
