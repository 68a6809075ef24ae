package io.kit4j.tracing;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;

/**
 * The span context of a span kit4j makes without the SDK (an unsampled request's span): ids that kit4j
 * generated itself, or a parent's trace id that a propagator already validated, so they are not checked
 * again ({@link SpanContext#create} validates both hex strings on every call, which is most of what such
 * a span costs). Always valid, never remote.
 */
record LocalSpanContext(String traceId, String spanId, TraceFlags flags, TraceState state) implements SpanContext {
    @Override
    public String getTraceId() {
        return traceId;
    }

    @Override
    public String getSpanId() {
        return spanId;
    }

    @Override
    public TraceFlags getTraceFlags() {
        return flags;
    }

    @Override
    public TraceState getTraceState() {
        return state;
    }

    @Override
    public boolean isValid() {
        return true;
    }

    @Override
    public boolean isRemote() {
        return false;
    }
}
