package io.kit4j.tracing;

import io.kit4j.log.HexId;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How kit4j's hooks and middleware start spans that will not be recorded without the SDK's span builder.
 *
 * <p>Under a valid parent that is not sampled, a parent-based sampler (OpenTelemetry's default, and what
 * {@link TracingSetup} builds) drops every child: kit4j then takes that decision itself and, where a span
 * is needed at all (a server request, for its ids in log lines and downstream), makes a non-recording one
 * with the parent's trace id and flags and a new span id, no attributes. For a new trace, when the share
 * of sampled traces is known ({@link TracingSetup}), kit4j draws the decision once: a dropped trace gets
 * ids of its own and nothing else; a kept one goes to the SDK with a parent context marked
 * {@link #SAMPLED_BY_KIT4J}, which {@link PresampledSampler} honours so the ratio is not applied twice.
 * With {@link Tracing#of} the SDK's sampler decides every new trace.
 */
final class SpanStart {
    /** Marks the parent context of a new trace that kit4j decided to sample. */
    static final ContextKey<Boolean> SAMPLED_BY_KIT4J = ContextKey.named("kit4j.tracing.sampled");

    /** The SDK's flags for a trace it starts without sampling it: not sampled, random trace id (W3C level 2). */
    private static final TraceFlags UNSAMPLED_NEW =
            TraceFlags.builder().setSampled(false).setRandomTraceId(true).build();
    private static final Context KEEP = Context.root().with(SAMPLED_BY_KIT4J, Boolean.TRUE);

    /** The SDK decides new traces. */
    static final SpanStart SDK_DECIDES = new SpanStart(Double.NaN);

    private final double ratio;

    private SpanStart(double ratio) {
        this.ratio = ratio;
    }

    /** kit4j samples {@code ratio} (0 to 1) of new traces itself. */
    static SpanStart sampling(double ratio) {
        return new SpanStart(ratio);
    }

    /** True for a valid span context that is not sampled: nothing under it is recorded. */
    static boolean unsampled(SpanContext parent) {
        return parent.isValid() && !parent.isSampled();
    }

    /** True when kit4j drops a new trace now (never when the SDK decides). */
    boolean dropNewTrace() {
        return ratio == ratio && (ratio <= 0 || ratio < 1 && ThreadLocalRandom.current().nextDouble() >= ratio);
    }

    /** The parent to give the SDK's span builder for a new trace that {@link #dropNewTrace} kept. */
    Context newTraceParent() {
        return ratio == ratio ? KEEP : Context.root();
    }

    /**
     * A non-recording child of {@code parent}: its trace id, flags and state, a new span id. A parent
     * whose trace id is not 32 lower-case hex digits (which {@code SpanContext.create} and the
     * propagators never make valid, but another implementation of {@link SpanContext} might) gets a
     * new trace instead: a trace header never fails a request.
     */
    static Span unsampledChild(SpanContext parent) {
        HexId traceId;
        if (parent instanceof LocalSpanContext local) {
            traceId = local.traceId();
        } else {
            try {
                traceId = HexId.parse(parent.getTraceId());
            } catch (IllegalArgumentException e) {
                return unsampledRoot();
            }
            if (traceId.digits() != 32) {
                return unsampledRoot();
            }
        }
        return Span.wrap(new LocalSpanContext(traceId, newSpanId(), parent.getTraceFlags(), parent.getTraceState()));
    }

    /** A non-recording span of a new trace: new ids, not sampled. */
    static Span unsampledRoot() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long hi;
        long lo;
        do {
            hi = r.nextLong();
            lo = r.nextLong();
        } while (hi == 0 && lo == 0);
        return Span.wrap(new LocalSpanContext(HexId.of(hi, lo), newSpanId(), UNSAMPLED_NEW, TraceState.getDefault()));
    }

    private static HexId newSpanId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long id;
        do {
            id = r.nextLong();
        } while (id == 0);
        return HexId.of(id);
    }
}
