package io.kit4j.tracing;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.semconv.ServiceAttributes;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import zipkin2.reporter.BytesMessageSender;
import zipkin2.reporter.urlconnection.URLConnectionSender;

/**
 * Builds a {@link Tracing} on its own OpenTelemetry SDK from what a command line gives: the service name,
 * an exporter spec and a sampling ratio. The examples' {@code --tracing} flag is this spec.
 *
 * <pre>{@code
 * Tracing t = TracingSetup.builder("userservice").exporter("zipkin=http://127.0.0.1:9411").sampleRatio(0.01).build();
 * }</pre>
 *
 * <p>Exporter specs: {@code zipkin=URL} (Zipkin's v2 JSON API; {@code /api/v2/spans} is appended to a URL
 * without a path; sent with the JDK's {@code HttpURLConnection}, zipkin-reporter's URLConnection sender,
 * gzipped unless the URL names this machine: {@code localhost}, {@code 127.x.x.x} or {@code ::1}),
 * {@code otlp=URL} (OTLP over HTTP/protobuf; {@code /v1/traces} appended likewise; sent with the JDK's
 * {@code java.net.http} client). Spans are batched (one export per second or per 512 spans, at most 2048
 * queued; more are dropped rather than slowing requests down). The sampler is parent-based: a request
 * that arrives with a sampling decision keeps it, a new trace is sampled with the given ratio (default 1).
 * Headers: {@link Propagation#w3cAndB3()} unless {@link Builder#propagator} says otherwise.
 */
public final class TracingSetup {
    private TracingSetup() {
    }

    /** Starts the set-up of tracing for the service {@code serviceName}. */
    public static Builder builder(String serviceName) {
        return new Builder(serviceName);
    }

    /**
     * The exporter a spec names: {@code zipkin=URL} or {@code otlp=URL}. (OpenTelemetry deprecated its Zipkin
     * exporter and released it for the last time in 1.63.0, the version pinned here; OTLP is its successor,
     * and Zipkin servers can take OTLP through a collector.)
     */
    @SuppressWarnings("deprecation")
    public static SpanExporter exporter(String spec) {
        Objects.requireNonNull(spec, "spec");
        int eq = spec.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("tracing exporter '" + spec + "': expected zipkin=URL or otlp=URL");
        }
        String kind = spec.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        URI uri = parseUri(spec.substring(eq + 1).trim(), spec);
        return switch (kind) {
            case "zipkin" -> ZipkinSpanExporter.builder()
                    .setSender((BytesMessageSender) URLConnectionSender.newBuilder()
                            .endpoint(withDefaultPath(uri, "/api/v2/spans").toString())
                            .compressionEnabled(!isLoopback(uri))
                            .build())
                    .build();
            case "otlp" -> OtlpHttpSpanExporter.builder().setEndpoint(withDefaultPath(uri, "/v1/traces").toString()).build();
            default -> throw new IllegalArgumentException("tracing exporter '" + spec + "': unknown kind '" + kind
                    + "'; expected zipkin=URL or otlp=URL");
        };
    }

    /**
     * Whether {@code uri} names this machine literally ({@code localhost}, {@code 127.0.0.0/8},
     * {@code ::1}): a collector there gains nothing from compressed batches, and the service would pay
     * the gzip (a third of the exporter's CPU, measured). Names are not resolved.
     */
    static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return false;
        }
        host = host.toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.endsWith(".localhost") || host.equals("[::1]") || host.equals("::1")
                || host.matches("127(\\.\\d{1,3}){3}");
    }

    private static URI parseUri(String s, String spec) {
        String expected = "tracing exporter '" + spec + "': the URL must be http(s)://host[:port][/path]";
        URI uri;
        try {
            uri = URI.create(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(expected, e);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(expected);
        }
        return uri;
    }

    private static URI withDefaultPath(URI uri, String path) {
        String p = uri.getPath();
        return p == null || p.isEmpty() || p.equals("/") ? uri.resolve(path) : uri;
    }

    /** Options of a {@link TracingSetup}. */
    public static final class Builder {
        private final String serviceName;
        private SpanExporter exporter;
        private double ratio = 1.0;
        private TextMapPropagator propagator = Propagation.w3cAndB3();
        private Duration exportInterval = Duration.ofSeconds(1);

        private Builder(String serviceName) {
            this.serviceName = Objects.requireNonNull(serviceName, "serviceName");
        }

        /** The exporter spec, {@code zipkin=URL} or {@code otlp=URL}; see {@link TracingSetup#exporter}. */
        public Builder exporter(String spec) {
            this.exporter = TracingSetup.exporter(spec);
            return this;
        }

        /** The exporter itself (an in-memory one in tests, another SDK exporter). */
        public Builder exporter(SpanExporter exporter) {
            this.exporter = Objects.requireNonNull(exporter, "exporter");
            return this;
        }

        /** The share of new traces sampled, 0 to 1; default 1. Requests that come with a decision keep it. */
        public Builder sampleRatio(double ratio) {
            if (!(ratio >= 0 && ratio <= 1)) {
                throw new IllegalArgumentException("sample ratio must be between 0 and 1, got " + ratio);
            }
            this.ratio = ratio;
            return this;
        }

        /** The header format; default {@link Propagation#w3cAndB3()}. */
        public Builder propagator(TextMapPropagator propagator) {
            this.propagator = Objects.requireNonNull(propagator, "propagator");
            return this;
        }

        /** How often batched spans are exported; default 1 s. */
        public Builder exportInterval(Duration interval) {
            this.exportInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** The tracing; {@link Tracing#close()} flushes and stops its SDK. */
        public Tracing build() {
            if (exporter == null) {
                throw new IllegalStateException("no exporter: call exporter(\"zipkin=URL\") or exporter(SpanExporter)");
            }
            SdkTracerProvider provider = SdkTracerProvider.builder()
                    .setResource(Resource.getDefault().merge(Resource.create(
                            Attributes.of(ServiceAttributes.SERVICE_NAME, serviceName))))
                    .setSampler(Sampler.parentBased(new PresampledSampler(Sampler.traceIdRatioBased(ratio))))
                    .addSpanProcessor(BatchSpanProcessor.builder(exporter).setScheduleDelay(exportInterval).build())
                    .build();
            OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(provider)
                    .setPropagators(ContextPropagators.create(propagator)).build();
            return new Tracing(sdk.getTracer(Tracing.INSTRUMENTATION_NAME), propagator, new Tracing.Flusher() {
                @Override
                public void flush(Duration timeout) {
                    await(provider.forceFlush(), timeout);
                }

                @Override
                public void close() {
                    await(provider.shutdown(), Duration.ofSeconds(10));
                }
            }, SpanStart.sampling(ratio));
        }

        private static void await(CompletableResultCode r, Duration timeout) {
            r.join(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
