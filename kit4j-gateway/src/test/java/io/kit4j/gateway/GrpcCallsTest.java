package io.kit4j.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.context.DeadlineExceededException;
import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.KitError;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code grpc-timeout} both ways, what counts as a gRPC content type, and the gateway's error-to-status table. */
class GrpcCallsTest {

    @Test
    void parsesEveryTimeoutUnit() {
        assertEquals(Duration.ofHours(2), GrpcCalls.parseTimeout("2H"));
        assertEquals(Duration.ofMinutes(3), GrpcCalls.parseTimeout("3M"));
        assertEquals(Duration.ofSeconds(4), GrpcCalls.parseTimeout("4S"));
        assertEquals(Duration.ofMillis(500), GrpcCalls.parseTimeout("500m"));
        assertEquals(Duration.ofNanos(7000), GrpcCalls.parseTimeout("7u"));
        assertEquals(Duration.ofNanos(99_999_999), GrpcCalls.parseTimeout("99999999n"));
        assertNull(GrpcCalls.parseTimeout(null));
        for (String bad : new String[] {"", "m", "10", "10x", "-5m", "+5m", "123456789m", "1.5S", " S"}) {
            KitError e = assertThrows(KitError.class, () -> GrpcCalls.parseTimeout(bad), bad);
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        }
    }

    @Test
    void formatsInTheFinestUnitThatFitsEightDigits() {
        assertEquals("50000000n", GrpcCalls.formatTimeout(Duration.ofMillis(50)));
        assertEquals("1500000u", GrpcCalls.formatTimeout(Duration.ofMillis(1500)));
        assertEquals("30000000u", GrpcCalls.formatTimeout(Duration.ofSeconds(30)));
        assertEquals("200000m", GrpcCalls.formatTimeout(Duration.ofSeconds(200)));
        assertEquals("200000S", GrpcCalls.formatTimeout(Duration.ofSeconds(200_000)));
        assertEquals("1n", GrpcCalls.formatTimeout(Duration.ZERO));
        assertEquals("1n", GrpcCalls.formatTimeout(Duration.ofMillis(-5)));
        for (Duration d : new Duration[] {Duration.ofMillis(1), Duration.ofSeconds(7), Duration.ofDays(3)}) {
            assertTrue(GrpcCalls.parseTimeout(GrpcCalls.formatTimeout(d)).compareTo(d) >= 0, d.toString());
        }
    }

    @Test
    void grpcContentTypes() {
        assertTrue(GrpcCalls.isGrpcContentType("application/grpc"));
        assertTrue(GrpcCalls.isGrpcContentType("application/grpc+proto"));
        assertTrue(GrpcCalls.isGrpcContentType("Application/GRPC+json"));
        assertTrue(GrpcCalls.isGrpcContentType("application/grpc; charset=utf-8"));
        assertFalse(GrpcCalls.isGrpcContentType("application/grpc-web"));
        assertFalse(GrpcCalls.isGrpcContentType("application/grpc-web+proto"));
        assertFalse(GrpcCalls.isGrpcContentType("application/json"));
        assertFalse(GrpcCalls.isGrpcContentType(null));
    }

    @Test
    void gatewayFailuresMapToGrpcStatuses() {
        assertEquals(14, GrpcStatus.codeFor(Gateway.answerFor(new UpstreamException("i", true, new java.net.ConnectException()))));
        assertEquals(14, GrpcStatus.codeFor(new KitError(ErrorCode.UNAVAILABLE, "none")));
        assertEquals(4, GrpcStatus.codeFor(Gateway.answerFor(new DeadlineExceededException())));
        assertEquals(16, GrpcStatus.codeFor(new KitError(ErrorCode.UNAUTHENTICATED, "no token")));
        assertEquals(7, GrpcStatus.codeFor(new KitError(ErrorCode.PERMISSION_DENIED, "role")));
        assertEquals(8, GrpcStatus.codeFor(new KitError(ErrorCode.RESOURCE_EXHAUSTED, "limited")));
        assertEquals(8, GrpcStatus.codeFor(new KitError(ErrorCode.PAYLOAD_TOO_LARGE, "big")));
        assertEquals(12, GrpcStatus.codeFor(KitError.notFound("no route")));
        assertEquals(3, GrpcStatus.codeFor(KitError.invalidArgument("bad")));
        assertEquals(13, GrpcStatus.codeFor(new IllegalStateException("bug")));
    }

    @Test
    void messagesArePercentEncodedUtf8() {
        assertEquals("plain text", GrpcStatus.encodeMessage("plain text"));
        assertEquals("100%25 %C3%BC%0A", GrpcStatus.encodeMessage("100% ü\n"));
        assertEquals("", GrpcStatus.encodeMessage(null));
    }
}
