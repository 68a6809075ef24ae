package io.kit4j.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.context.Context;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.endpoint.Failer;
import io.kit4j.errors.KitError;
import io.kit4j.log.Logger;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.semconv.ErrorAttributes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The endpoint middleware against the OpenTelemetry SDK's in-memory exporter. */
class TracingMiddlewareTest {
    final InMemoryTracing otel = new InMemoryTracing();

    @AfterEach
    void close() {
        otel.close();
    }

    record Answer(String value, Throwable failed) implements Failer {
    }

    @Test
    void aCallIsOneInternalSpanNamedAfterTheEndpointAndCurrentWhileItRuns() throws Exception {
        AtomicReference<Span> seen = new AtomicReference<>();
        AtomicReference<Span> inContext = new AtomicReference<>();
        Endpoint<String, String> ep = (ctx, q) -> {
            seen.set(Span.current());
            inContext.set(TracingContext.span(ctx));
            return q + "!";
        };
        Endpoint<String, String> traced = otel.tracing.<String, String>middleware("GetName").apply(ep);
        assertEquals("hi!", traced.call(Context.background(), "hi"));

        SpanData s = otel.only("GetName");
        assertEquals(SpanKind.INTERNAL, s.getKind());
        assertFalse(s.getParentSpanContext().isValid(), "no trace in the context: a new trace");
        assertEquals(StatusCode.UNSET, s.getStatus().getStatusCode());
        assertEquals(s.getSpanId(), seen.get().getSpanContext().getSpanId(), "current during the call");
        assertEquals(s.getSpanId(), inContext.get().getSpanContext().getSpanId(), "in the kit4j context");
        assertFalse(Span.current().getSpanContext().isValid(), "no longer current afterwards");
    }

    @Test
    void nestedEndpointsMakeChildSpansOfTheTraceInTheContext() throws Exception {
        Endpoint<String, String> inner = otel.tracing.<String, String>middleware("Inner").apply((ctx, q) -> q);
        Endpoint<String, String> outer = otel.tracing.<String, String>middleware("Outer").apply(inner::call);
        Span parent = otel.tracing.tracer().spanBuilder("request").startSpan();
        Context ctx = TracingContext.with(Context.background(), io.opentelemetry.context.Context.root().with(parent));
        outer.call(ctx, "x");
        parent.end();

        SpanData request = otel.only("request");
        SpanData o = otel.only("Outer");
        SpanData i = otel.only("Inner");
        assertEquals(request.getTraceId(), o.getTraceId());
        assertEquals(request.getTraceId(), i.getTraceId());
        assertEquals(request.getSpanId(), o.getParentSpanId());
        assertEquals(o.getSpanId(), i.getParentSpanId());
    }

    @Test
    void anExceptionIsRecordedAndRethrownUnchanged() {
        KitError boom = KitError.notFound("user 7 not found");
        Endpoint<String, String> traced = otel.tracing.<String, String>middleware("GetUser").apply((ctx, q) -> {
            throw boom;
        });
        KitError thrown = assertThrows(KitError.class, () -> traced.call(Context.background(), "7"));
        assertSame(boom, thrown);

        SpanData s = otel.only("GetUser");
        assertEquals(StatusCode.ERROR, s.getStatus().getStatusCode());
        assertEquals("user 7 not found", s.getStatus().getDescription());
        assertEquals(KitError.class.getName(), s.getAttributes().get(ErrorAttributes.ERROR_TYPE));
        EventData e = s.getEvents().get(0);
        assertEquals("exception", e.getName());
    }

    @Test
    void aBusinessErrorInAFailerIsRecorded() throws Exception {
        Endpoint<String, Answer> traced = otel.tracing.<String, Answer>middleware("Create").apply(
                (ctx, q) -> new Answer(null, new IllegalArgumentException("email already taken")));
        Answer a = traced.call(Context.background(), "x");
        assertTrue(a.failed() instanceof IllegalArgumentException);

        SpanData s = otel.only("Create");
        assertEquals(StatusCode.ERROR, s.getStatus().getStatusCode());
        assertEquals("email already taken", s.getStatus().getDescription());
        assertEquals(IllegalArgumentException.class.getName(), s.getAttributes().get(ErrorAttributes.ERROR_TYPE));
    }

    @Test
    void aSuccessfulFailerIsNotAnError() throws Exception {
        Endpoint<String, Answer> traced = otel.tracing.<String, Answer>middleware("Create").apply(
                (ctx, q) -> new Answer("ok", null));
        traced.call(Context.background(), "x");
        assertEquals(StatusCode.UNSET, otel.only("Create").getStatus().getStatusCode());
    }

    @Test
    void namedMiddlewareNamesEachSpanAfterItsEndpoint() throws Exception {
        otel.tracing.middleware().apply("A", (Endpoint<String, String>) (ctx, q) -> q).call(Context.background(), "");
        otel.tracing.middleware().apply("B", (Endpoint<String, String>) (ctx, q) -> q).call(Context.background(), "");
        assertEquals(1, otel.spans().stream().filter(s -> s.getName().equals("A")).count());
        assertEquals(1, otel.spans().stream().filter(s -> s.getName().equals("B")).count());
    }

    @Test
    void logLinesInsideTheCallCarryItsTraceAndSpanIds() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Logger logger = TraceLogging.with(Logger.logfmt(out));
        Endpoint<String, String> traced = otel.tracing.<String, String>middleware("GetName").apply((ctx, q) -> {
            logger.log("msg", "inside");
            return q;
        });
        traced.call(Context.background(), "x");
        logger.log("msg", "outside");

        SpanData s = otel.only("GetName");
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals("trace_id=" + s.getTraceId() + " span_id=" + s.getSpanId() + " msg=inside", lines[0]);
        assertEquals("trace_id= span_id= msg=outside", lines[1]);
    }

    @Test
    void anUnsampledCallStillHasIdsForTheLogsButExportsNothing() throws Exception {
        try (InMemoryTracing off = new InMemoryTracing(Sampler.alwaysOff())) {
            AtomicReference<Object> traceId = new AtomicReference<>();
            off.tracing.<String, String>middleware("GetName").apply((ctx, q) -> {
                traceId.set(TraceLogging.traceId().value());
                return q;
            }).call(Context.background(), "x");
            assertEquals(32, traceId.get().toString().length(), traceId.get().toString());
            assertTrue(off.spans().isEmpty());
        }
    }
}
