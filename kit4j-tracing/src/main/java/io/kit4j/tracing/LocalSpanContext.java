package io.kit4j.tracing;

import io.kit4j.log.HexId;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;

/**
 * The span context of a span kit4j makes without the SDK (an unsampled request's span): ids that kit4j
 * generated itself, or a parent's trace id that a propagator already validated, so they are not checked
 * again ({@link SpanContext#create} validates both hex strings on every call, which is most of what such
 * a span costs). The ids are held as {@link HexId}s: {@link TraceLogging} hands them to log lines as they
 * are, and their hex text is made only if something asks for it (a propagator writing headers for a
 * downstream call). Always valid, never remote.
 */
record LocalSpanContext(HexId traceId, HexId spanId, TraceFlags flags, TraceState state) implements SpanContext {
    @Override
    public String getTraceId() {
        return traceId.toString();
    }

    @Override
    public String getSpanId() {
        return spanId.toString();
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
