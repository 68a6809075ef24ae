package io.kit4j.metrics.prometheus;

import io.kit4j.context.Context;
import io.kit4j.transport.http.Handler;
import io.kit4j.transport.http.ServerRequest;
import io.kit4j.transport.http.ServerResponse;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;
import java.util.Objects;

/**
 * Serves a {@link PrometheusRegistry} for scraping, as a kit4j-http {@link Handler}:
 * {@code router.get("/metrics", MetricsHandler.of(registry))}.
 *
 * <p>The answer is the Prometheus text format 0.0.4 ({@code text/plain; version=0.0.4; charset=utf-8}),
 * or OpenMetrics 1.0.0 ({@code application/openmetrics-text; version=1.0.0; charset=utf-8}) when the
 * {@code Accept} header asks for {@code application/openmetrics-text} at least as strongly as for plain
 * text (Prometheus servers do). Any other {@code Accept}, or none, gets the text format rather than a 406,
 * as Prometheus' own exporters do. The protobuf format is not offered.
 */
public final class MetricsHandler implements Handler {
    private static final ExpositionFormatWriter TEXT = PrometheusTextFormatWriter.create();
    private static final ExpositionFormatWriter OPEN_METRICS = OpenMetricsTextFormatWriter.create();

    private final PrometheusRegistry registry;

    private MetricsHandler(PrometheusRegistry registry) {
        this.registry = registry;
    }

    /** The handler serving {@code registry}. */
    public static MetricsHandler of(PrometheusRegistry registry) {
        return new MetricsHandler(Objects.requireNonNull(registry, "registry"));
    }

    @Override
    public void handle(Context ctx, ServerRequest request, ServerResponse response) throws Exception {
        ExpositionFormatWriter writer = wantsOpenMetrics(request.header("Accept")) ? OPEN_METRICS : TEXT;
        response.status(200).contentType(writer.getContentType());
        writer.write(response.body(), registry.scrape());
    }

    /**
     * True if {@code accept} prefers OpenMetrics: its best quality for {@code application/openmetrics-text}
     * is above zero and not below its best for {@code text/plain}, {@code text/*} or {@code *}{@code /*}.
     */
    static boolean wantsOpenMetrics(String accept) {
        if (accept == null || accept.isEmpty()) {
            return false;
        }
        double openMetrics = 0;
        double text = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim();
                if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
                    try {
                        q = Double.parseDouble(p.substring(2).trim());
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (type.equals("application/openmetrics-text")) {
                openMetrics = Math.max(openMetrics, q);
            } else if (type.equals("text/plain") || type.equals("text/*") || type.equals("*/*")) {
                text = Math.max(text, q);
            }
        }
        return openMetrics > 0 && openMetrics >= text;
    }
}
