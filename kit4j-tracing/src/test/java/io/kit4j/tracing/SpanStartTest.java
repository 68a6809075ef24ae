package io.kit4j.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.log.HexId;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.extension.trace.propagation.B3Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The ids and decisions kit4j makes without the SDK. */
class SpanStartTest {
    @Test
    void idsAreHexAsOpenTelemetryWritesThem() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 1000; i++) {
            long hi = r.nextLong();
            long lo = r.nextLong();
            assertEquals(TraceId.fromLongs(hi, lo), HexId.of(hi, lo).toString());
            assertEquals(SpanId.fromLong(lo), HexId.of(lo).toString());
            assertEquals(HexId.of(hi, lo), HexId.parse(TraceId.fromLongs(hi, lo)));
        }
    }

    @Test
    void logLinesGetTheIdsOfKit4jSpansAsTheyAreAndTheSameDigitsGoDownstream() {
        SpanContext parent = SpanContext.createFromRemoteParent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                TraceFlags.getDefault(), TraceState.getDefault());
        for (Span span : new Span[] {SpanStart.unsampledRoot(), SpanStart.unsampledChild(parent)}) {
            try (Scope ignored = span.makeCurrent()) {
                Object traceId = TraceLogging.traceId().value();
                Object spanId = TraceLogging.spanId().value();
                assertInstanceOf(HexId.class, traceId);
                assertInstanceOf(HexId.class, spanId);
                Map<String, String> headers = new HashMap<>();
                W3CTraceContextPropagator.getInstance().inject(Context.current(), headers, Map::put);
                assertEquals("00-" + traceId + "-" + spanId + "-" + span.getSpanContext().getTraceFlags().asHex(),
                        headers.get("traceparent"));
            }
        }
        SpanContext child = SpanStart.unsampledChild(parent).getSpanContext();
        assertSame(parent.getTraceId(), child.getTraceId(), "the parent's text is kept, not made again");
    }

    @Test
    void anUnsampledRootHasValidNewIdsAndIsNotRecorded() {
        Span a = SpanStart.unsampledRoot();
        Span b = SpanStart.unsampledRoot();
        SpanContext sc = a.getSpanContext();
        assertTrue(sc.isValid());
        assertFalse(sc.isSampled());
        assertTrue(sc.getTraceFlags().isTraceIdRandom());
        assertFalse(a.isRecording());
        assertNotEquals(sc.getTraceId(), b.getSpanContext().getTraceId());
    }

    @Test
    void anUnsampledChildKeepsTheTraceFlagsAndStateWithANewSpanId() {
        SpanContext parent = SpanContext.createFromRemoteParent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                TraceFlags.getDefault(), TraceState.builder().put("vendor", "x").build());
        assertTrue(SpanStart.unsampled(parent));
        SpanContext child = SpanStart.unsampledChild(parent).getSpanContext();
        assertEquals(parent.getTraceId(), child.getTraceId());
        assertNotEquals(parent.getSpanId(), child.getSpanId());
        assertTrue(child.isValid());
        assertEquals(parent.getTraceFlags(), child.getTraceFlags());
        assertEquals("x", child.getTraceState().get("vendor"));
    }

    /** A span context of another implementation than the SDK's, which calls itself valid whatever its ids. */
    private record OddContext(String traceId) implements SpanContext {
        @Override
        public String getTraceId() {
            return traceId;
        }

        @Override
        public String getSpanId() {
            return "00f067aa0ba902b7";
        }

        @Override
        public TraceFlags getTraceFlags() {
            return TraceFlags.getDefault();
        }

        @Override
        public TraceState getTraceState() {
            return TraceState.getDefault();
        }

        @Override
        public boolean isValid() {
            return true;
        }

        @Override
        public boolean isRemote() {
            return true;
        }
    }

    @Test
    void aParentWithIdsThatAreNotLowerCaseHexGetsANewTraceNotAnError() {
        for (String odd : new String[] {"4BF92F3577B34DA6A3CE929D0E0E4736", "463ac35c9f6413ad", "not-hex"}) {
            SpanContext child = SpanStart.unsampledChild(new OddContext(odd)).getSpanContext();
            assertTrue(child.isValid(), odd);
            assertNotEquals(odd.toLowerCase(java.util.Locale.ROOT), child.getTraceId());
            assertEquals(32, child.getTraceId().length());
        }
    }

    @Test
    void unsampledSpansHaveIdsOpenTelemetryAcceptsAndPropagates() {
        SpanContext parent = SpanContext.createFromRemoteParent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                TraceFlags.getDefault(), TraceState.getDefault());
        for (Span span : new Span[] {SpanStart.unsampledRoot(), SpanStart.unsampledChild(parent)}) {
            SpanContext sc = span.getSpanContext();
            // kit4j skips the check SpanContext.create makes: the ids must pass it all the same
            SpanContext checked = SpanContext.create(sc.getTraceId(), sc.getSpanId(), sc.getTraceFlags(), sc.getTraceState());
            assertTrue(checked.isValid(), sc.toString());
            assertFalse(sc.isRemote());
            assertEquals(16, sc.getTraceIdBytes().length);
            assertEquals(sc.getSpanId(), checked.getSpanId());

            Map<String, String> headers = new HashMap<>();
            Context ctx = Context.root().with(span);
            W3CTraceContextPropagator.getInstance().inject(ctx, headers, Map::put);
            B3Propagator.injectingMultiHeaders().inject(ctx, headers, Map::put);
            assertEquals("00-" + sc.getTraceId() + "-" + sc.getSpanId() + "-" + sc.getTraceFlags().asHex(), headers.get("traceparent"));
            assertEquals(sc.getTraceId(), headers.get("X-B3-TraceId"));
            assertEquals(sc.getSpanId(), headers.get("X-B3-SpanId"));
            assertEquals("0", headers.get("X-B3-Sampled"));

            SpanContext read = Span.fromContext(W3CTraceContextPropagator.getInstance()
                    .extract(Context.root(), headers, MAP_GETTER)).getSpanContext();
            assertEquals(checked.getTraceId(), read.getTraceId());
            assertEquals(checked.getSpanId(), read.getSpanId());
            assertFalse(read.isSampled());
        }
    }

    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    @Test
    void theDecisionForNewTracesFollowsTheRatioOrIsLeftToTheSdk() {
        assertFalse(SpanStart.SDK_DECIDES.dropNewTrace());
        assertFalse(SpanStart.sampling(1).dropNewTrace());
        assertTrue(SpanStart.sampling(0).dropNewTrace());
        assertFalse(SpanStart.unsampled(SpanContext.getInvalid()), "no parent is not an unsampled parent");
    }
}
