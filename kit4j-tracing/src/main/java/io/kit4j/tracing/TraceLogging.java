package io.kit4j.tracing;

import io.kit4j.log.HexId;
import io.kit4j.log.Logger;
import io.kit4j.log.Valuer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The current trace in log lines: {@link Valuer}s that read the thread's current span (the one the
 * tracing middleware and server hooks make current while a request runs) when an event is logged.
 *
 * <pre>{@code
 * Logger logger = TraceLogging.with(Logger.logfmt(out));
 * // ... inside a traced request: trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span_id=00f067aa0ba902b7 msg=...
 * }</pre>
 *
 * <p>Outside a span the values are empty strings. The ids are those of the span even when it is not
 * sampled (an unsampled trace still has ids and propagates them), so log lines of one request correlate
 * whatever the sampler decided. A value is an {@link HexId} for the spans kit4j makes itself (unsampled
 * requests: the log writer formats its digits) and a {@code String} otherwise; {@code toString()} gives
 * the digits either way.
 */
public final class TraceLogging {
    private static final Valuer TRACE_ID = () -> id(Span.current().getSpanContext(), true);
    private static final Valuer SPAN_ID = () -> id(Span.current().getSpanContext(), false);

    private TraceLogging() {
    }

    /** The current trace id, 32 hex digits ({@link HexId} or {@code String}), or {@code ""}. */
    public static Valuer traceId() {
        return TRACE_ID;
    }

    /** The current span id, 16 hex digits ({@link HexId} or {@code String}), or {@code ""}. */
    public static Valuer spanId() {
        return SPAN_ID;
    }

    /** {@code logger} with {@code trace_id} and {@code span_id} on every event. */
    public static Logger with(Logger logger) {
        return logger.with("trace_id", TRACE_ID, "span_id", SPAN_ID);
    }

    /**
     * The id as a {@link HexId} for kit4j's own unsampled spans (the log writer formats it; no
     * {@code String} is made for it), else the span context's text.
     */
    private static Object id(SpanContext sc, boolean trace) {
        if (sc instanceof LocalSpanContext local) {
            return trace ? local.traceId() : local.spanId();
        }
        if (!sc.isValid()) {
            return "";
        }
        return trace ? sc.getTraceId() : sc.getSpanId();
    }
}
