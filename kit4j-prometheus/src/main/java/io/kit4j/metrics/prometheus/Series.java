package io.kit4j.metrics.prometheus;

import io.kit4j.metrics.LabelValues;
import java.util.List;

/**
 * One series of a wrapped Prometheus metric: the label values a kit4j metric instance holds so far and,
 * once they name every declared label, its data point, looked up once. What the four wrappers share.
 *
 * @param <D> the data point type
 */
final class Series<D> {
    private final Resolver<D> resolver;
    private final LabelValues labels;
    private final D point;

    private Series(Resolver<D> resolver, LabelValues labels, D point) {
        this.resolver = resolver;
        this.labels = labels;
        this.point = point;
    }

    /** The series without label values (its point resolved at once when the metric declares no labels). */
    static <D> Series<D> root(Resolver<D> resolver) {
        return new Series<>(resolver, LabelValues.EMPTY, resolver.names().isEmpty() ? resolver.resolve(LabelValues.EMPTY) : null);
    }

    /** This series with {@code labelValues} added; this one when none are given. */
    Series<D> with(String... labelValues) {
        LabelValues next = labels.with(labelValues);
        return next == labels ? this : new Series<>(resolver, next, resolver.resolveIfComplete(next));
    }

    /** The data point to record into; fails naming the missing label when the label values are incomplete. */
    D point() {
        D p = point;
        return p != null ? p : resolver.resolve(labels);
    }

    LabelValues labels() {
        return labels;
    }

    List<String> names() {
        return resolver.names();
    }
}
