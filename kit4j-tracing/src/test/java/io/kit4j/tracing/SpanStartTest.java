package io.kit4j.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
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
            assertEquals(TraceId.fromLongs(hi, lo), SpanStart.hex(hi, lo));
        }
        assertEquals("0000000000000000000000000000000f", SpanStart.hex(0, 15));
        assertEquals("ffffffffffffffff8000000000000000", SpanStart.hex(-1, Long.MIN_VALUE));
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

    @Test
    void theDecisionForNewTracesFollowsTheRatioOrIsLeftToTheSdk() {
        assertFalse(SpanStart.SDK_DECIDES.dropNewTrace());
        assertFalse(SpanStart.sampling(1).dropNewTrace());
        assertTrue(SpanStart.sampling(0).dropNewTrace());
        assertFalse(SpanStart.unsampled(SpanContext.getInvalid()), "no parent is not an unsampled parent");
    }
}
