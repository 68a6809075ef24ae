package io.kit4j.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.kit4j.auth.jwt.Algorithm;
import io.kit4j.auth.jwt.Claims;
import io.kit4j.auth.jwt.JwtKey;
import io.kit4j.auth.jwt.JwtSigner;
import io.kit4j.gateway.testpb.Msg;
import io.kit4j.gateway.testpb.RelayGrpc;
import io.kit4j.transport.http.HttpServer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's own failures on gRPC calls reach grpc-java clients as gRPC statuses (HTTP 200 and
 * {@code grpc-status}), never as HTTP errors they cannot read: no upstream, the route's timeout, a
 * missing JWT, a rate limit. Real grpc-java clients and servers over real sockets.
 */
class GrpcGatewayErrorsTest {
    private final List<AutoCloseable> closers = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closers.size() - 1; i >= 0; i--) {
            closers.get(i).close();
        }
    }

    /** A gateway with {@code yaml} on an h2c server, and a channel to it. */
    private RelayGrpc.RelayBlockingStub through(String yaml) {
        Gateway g = Gateway.builder().routes(RoutesFile.parse(yaml)).build();
        closers.add(g);
        HttpServer s = HttpServer.builder().h2c(true).handler(g).build().start();
        closers.add(s);
        ManagedChannel c = GrpcPassThroughTest.channel(s.port());
        closers.add(() -> c.shutdownNow().awaitTermination(10, TimeUnit.SECONDS));
        return RelayGrpc.newBlockingStub(c).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    private GrpcUpstream upstream() throws Exception {
        GrpcUpstream u = new GrpcUpstream("u");
        closers.add(u);
        return u;
    }

    private static Msg text(String t) {
        return Msg.newBuilder().setText(t).build();
    }

    private static int deadPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void noUpstreamIsUnavailable() throws Exception {
        RelayGrpc.RelayBlockingStub stub = through("""
                routes:
                  - id: down
                    path: /kit4j.gateway.test.Relay/**
                    instances: ["127.0.0.1:%d"]
                  - id: none
                    path: /**
                    instances: []
                """.formatted(deadPort()));
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> stub.unary(text("x")));
        assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode(), refused.getStatus().toString());
        assertTrue(refused.getStatus().getDescription().contains("no upstream instance answered"),
                refused.getStatus().getDescription());
    }

    @Test
    void noInstanceKnownIsUnavailable() throws Exception {
        RelayGrpc.RelayBlockingStub stub = through("""
                routes:
                  - id: none
                    path: /**
                    instances: []
                """);
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub.unary(text("x")));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.getStatus().toString());
    }

    @Test
    void theRoutesTimeoutIsDeadlineExceededFromTheGateway() throws Exception {
        GrpcUpstream u = upstream();
        RelayGrpc.RelayBlockingStub stub = through("""
                routes:
                  - id: slow
                    path: /**
                    instances: ["%s"]
                    timeout: 300ms
                """.formatted(u.address()));
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> stub.unary(Msg.newBuilder().setText("slow").setDelayMillis(3000).build()));
        assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode(), e.getStatus().toString());
        assertTrue(e.getStatus().getDescription().contains("upstream did not answer in time"),
                "the gateway's answer, not the client's own deadline: " + e.getStatus());
    }

    @Test
    void aRouteNeedingAJwtIsUnauthenticatedWithoutOne(@TempDir Path dir) throws Exception {
        byte[] secret = "a-test-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8);
        Path secretFile = dir.resolve("secret");
        Files.write(secretFile, secret);
        GrpcUpstream u = upstream();
        RelayGrpc.RelayBlockingStub stub = through("""
                routes:
                  - id: guarded
                    path: /**
                    instances: ["%s"]
                    jwt: {algorithm: HS256, secretFile: %s}
                """.formatted(u.address(), secretFile));
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub.unary(text("x")));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode(), e.getStatus().toString());
        assertTrue(e.getTrailers().containsKey(Metadata.Key.of("www-authenticate", Metadata.ASCII_STRING_MARSHALLER)));

        String token = JwtSigner.builder(Algorithm.HS256, JwtKey.hmac(secret)).ttl(Duration.ofMinutes(5)).build()
                .sign(Claims.builder().subject("alice").build());
        Metadata auth = new Metadata();
        auth.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        assertEquals("u:x", stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth)).unary(text("x")).getText());
    }

    @Test
    void aRateLimitIsResourceExhausted() throws Exception {
        GrpcUpstream u = upstream();
        RelayGrpc.RelayBlockingStub stub = through("""
                routes:
                  - id: limited
                    path: /**
                    instances: ["%s"]
                    rateLimit: {perSecond: 0.01, burst: 1, key: route}
                """.formatted(u.address()));
        assertEquals("u:x", stub.unary(text("x")).getText());
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub.unary(text("x")));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode(), e.getStatus().toString());
        assertEquals("100", e.getTrailers().get(Metadata.Key.of("retry-after", Metadata.ASCII_STRING_MARSHALLER)));
    }
}
