package io.kit4j.tracing;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;

/**
 * The root sampler {@link TracingSetup} gives the SDK: a new trace that kit4j already decided to sample
 * (its parent context marked by {@link SpanStart}) is sampled; any other new trace (a span started on
 * the tracer directly) is left to {@code delegate}, the ratio sampler.
 */
final class PresampledSampler implements Sampler {
    private final Sampler delegate;

    PresampledSampler(Sampler delegate) {
        this.delegate = delegate;
    }

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
            Attributes attributes, List<LinkData> parentLinks) {
        if (parentContext.get(SpanStart.SAMPLED_BY_KIT4J) != null) {
            return SamplingResult.recordAndSample();
        }
        return delegate.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    }

    @Override
    public String getDescription() {
        return "Kit4jPresampled{" + delegate.getDescription() + "}";
    }

    @Override
    public String toString() {
        return getDescription();
    }
}
