package io.kit4j.tracing;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.List;

/** An OpenTelemetry SDK (parent-based sampling, every new trace sampled by default) exporting every ended span at once to the SDK's in-memory exporter. */
final class InMemoryTracing implements AutoCloseable {
    final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    final SdkTracerProvider provider;
    final OpenTelemetrySdk sdk;
    final Tracing tracing;

    InMemoryTracing() {
        this(Sampler.parentBased(Sampler.alwaysOn()));
    }

    InMemoryTracing(Sampler sampler) {
        provider = SdkTracerProvider.builder().setSampler(sampler)
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
        sdk = OpenTelemetrySdk.builder().setTracerProvider(provider)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
        tracing = Tracing.of(sdk, Propagation.w3cAndB3());
    }

    List<SpanData> spans() {
        return exporter.getFinishedSpanItems();
    }

    SpanData only(String name) {
        List<SpanData> named = spans().stream().filter(s -> s.getName().equals(name)).toList();
        if (named.size() != 1) {
            throw new AssertionError("expected one span named " + name + ", got " + spans());
        }
        return named.get(0);
    }

    @Override
    public void close() {
        sdk.close();
    }
}
