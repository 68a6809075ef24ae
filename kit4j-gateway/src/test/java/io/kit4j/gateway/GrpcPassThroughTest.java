package io.kit4j.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.kit4j.gateway.testpb.Msg;
import io.kit4j.gateway.testpb.RelayGrpc;
import io.kit4j.gateway.testpb.UnroutedGrpc;
import io.kit4j.gateway.testpb.WireGrpc;
import io.kit4j.metrics.prometheus.PrometheusMetrics;
import io.kit4j.transport.http.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * gRPC through the gateway over real sockets: grpc-java's generated stubs (Netty, h2c) → the gateway on a
 * kit4j {@link HttpServer} with {@code h2c(true)} → real grpc-java servers ({@link GrpcUpstream}) and a
 * kit4j-http h2c handler that shows what reaches an upstream on the wire. Unary, server, client and bidi
 * streaming, statuses with messages and custom trailers, deadlines, the gateway's own failures as gRPC
 * statuses, balancing and metrics, and plain HTTP/1.1 on the same port.
 */
class GrpcPassThroughTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    static GrpcUpstream a;
    static GrpcUpstream b;
    static EchoUpstream http;
    static HttpServer wire;
    static Gateway gateway;
    static HttpServer server;
    static ManagedChannel channel;
    static PrometheusMetrics prometheus;

    @BeforeAll
    static void start() throws Exception {
        a = new GrpcUpstream("a");
        b = new GrpcUpstream("b");
        http = new EchoUpstream("h");
        wire = HttpServer.builder().h2c(true).handler(GrpcPassThroughTest::wireEcho).build().start();
        prometheus = PrometheusMetrics.create();
        GatewayMetrics metrics = new GatewayMetrics(
                prometheus.counter("kit4j_gateway_requests_total", "requests", "route", "code"),
                prometheus.histogram("kit4j_gateway_request_duration_seconds", "duration", "route"),
                prometheus.counter("kit4j_gateway_upstream_requests_total", "attempts", "upstream", "instance", "outcome"));
        gateway = Gateway.builder().metrics(metrics).metricsHandler(prometheus.handler())
                .routes(RoutesFile.parse("""
                        routes:
                          - id: relay
                            path: /kit4j.gateway.test.Relay/**
                            instances: ["%s", "%s"]
                            timeout: 20s
                          - id: wire
                            path: /kit4j.gateway.test.Wire/**
                            instances: ["%s"]
                          - id: http
                            path: /echo/**
                            instances: ["%s"]
                        """.formatted(a.address(), b.address(), wire.uri().getAuthority(), http.address())))
                .build();
        server = HttpServer.builder().h2c(true).maxRequestBodyBytes(1L << 40).handler(gateway).build().start();
        channel = channel(server.port());
    }

    @AfterAll
    static void stop() throws Exception {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        server.stop();
        gateway.close();
        wire.stop();
        http.close();
        a.close();
        b.close();
    }

    static ManagedChannel channel(int port) {
        return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().maxInboundMessageSize(256 << 20).build();
    }

    /** A unary gRPC handler in plain kit4j-http: answers what reached it (te, grpc-timeout, X-Forwarded-For). */
    private static void wireEcho(io.kit4j.context.Context ctx, io.kit4j.transport.http.ServerRequest req,
            io.kit4j.transport.http.ServerResponse resp) throws Exception {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(req.bodyBytes()));
        in.readByte();
        byte[] message = new byte[in.readInt()];
        in.readFully(message);
        String got = Msg.parseFrom(message).getText();
        byte[] out = Msg.newBuilder().setText(got + "|te=" + req.header("te") + "|timeout=" + req.header("grpc-timeout")
                + "|xff=" + req.header("x-forwarded-for") + "|proto=" + req.protocol()).build().toByteArray();
        resp.contentType("application/grpc").trailer("grpc-status", "0").trailer("x-wire", "yes");
        resp.write(ByteBuffer.allocate(5 + out.length).put((byte) 0).putInt(out.length).put(out).array());
    }

    /** Records the trailers of every call made through it. */
    static final class Trailers implements ClientInterceptor {
        final AtomicReference<Metadata> last = new AtomicReference<>();

        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
            return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                @Override
                public void start(Listener<R> listener, Metadata headers) {
                    super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                        @Override
                        public void onClose(Status status, Metadata trailers) {
                            last.set(trailers);
                            super.onClose(status, trailers);
                        }
                    }, headers);
                }
            };
        }
    }

    private static RelayGrpc.RelayBlockingStub blocking() {
        return RelayGrpc.newBlockingStub(channel).withDeadlineAfter(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Msg text(String t) {
        return Msg.newBuilder().setText(t).build();
    }

    @Test
    void unaryCallsAreBalancedOverBothInstances() {
        Set<String> servedBy = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            String reply = blocking().unary(text("hi" + i)).getText();
            assertTrue(reply.endsWith(":hi" + i), reply);
            servedBy.add(reply.substring(0, reply.indexOf(':')));
        }
        assertEquals(Set.of("a", "b"), servedBy, "round robin over both upstream instances");
    }

    @Test
    void serverStreamingArrivesInOrderWithTheUpstreamsTrailers() {
        Trailers t = new Trailers();
        Iterator<Msg> replies = RelayGrpc.newBlockingStub(ClientInterceptors.intercept(channel, t))
                .withDeadlineAfter(WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .serverStream(Msg.newBuilder().setText("s").setN(50).build());
        int i = 0;
        while (replies.hasNext()) {
            assertEquals(i++, replies.next().getN());
        }
        assertEquals(50, i);
        assertNotNull(t.last.get().get(GrpcUpstream.SERVED_BY), "the upstream's custom trailer came through");
    }

    @Test
    void anErrorAfterMessagesKeepsTheMessagesStatusAndTrailers() {
        Trailers t = new Trailers();
        Iterator<Msg> replies = RelayGrpc.newBlockingStub(ClientInterceptors.intercept(channel, t))
                .withDeadlineAfter(WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .serverStream(Msg.newBuilder().setText("fail-after").setN(3).build());
        List<Integer> got = new ArrayList<>();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> replies.forEachRemaining(m -> got.add(m.getN())));
        assertEquals(List.of(0, 1, 2), got);
        assertEquals(Status.Code.ABORTED, e.getStatus().getCode());
        assertEquals("stopped after 3", e.getStatus().getDescription());
        assertEquals("after", e.getTrailers().get(GrpcUpstream.CUSTOM));
    }

    @Test
    void clientStreamingSendsEveryMessage() throws Exception {
        CompletableFuture<Msg> done = new CompletableFuture<>();
        StreamObserver<Msg> out = RelayGrpc.newStub(channel).withDeadlineAfter(WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .clientStream(observer(done));
        for (int i = 0; i < 20; i++) {
            out.onNext(Msg.newBuilder().setBlob(com.google.protobuf.ByteString.copyFrom(new byte[1000])).build());
        }
        out.onCompleted();
        Msg reply = done.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(20, reply.getN());
        assertEquals(20_000, reply.getSize());
    }

    @Test
    void bidiPingPongWaitsForEachAnswerWithoutDeadlock() throws Exception {
        BlockingQueue<Object> in = new LinkedBlockingQueue<>();
        StreamObserver<Msg> out = RelayGrpc.newStub(channel).withDeadlineAfter(WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .bidi(new StreamObserver<>() {
                    @Override
                    public void onNext(Msg m) {
                        in.add(m);
                    }

                    @Override
                    public void onError(Throwable t) {
                        in.add(t);
                    }

                    @Override
                    public void onCompleted() {
                        in.add("done");
                    }
                });
        for (int i = 0; i < 10; i++) {
            out.onNext(Msg.newBuilder().setText("ping").setN(i).build());
            Object answer = in.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(answer instanceof Msg, "answer " + i + " came before the next ping: " + answer);
            assertEquals(i, ((Msg) answer).getN());
            assertEquals("pong:ping", ((Msg) answer).getText());
        }
        out.onCompleted();
        assertEquals("done", in.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
    }

    @Test
    void trailersOnlyErrorArrivesWithMessageAndCustomTrailersIntact() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> blocking().unary(text("fail")));
        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        assertEquals(GrpcUpstream.FAIL_MESSAGE, e.getStatus().getDescription());
        Metadata t = e.getTrailers();
        assertEquals("yes", t.get(GrpcUpstream.CUSTOM));
        assertArrayEquals(GrpcUpstream.BINARY, t.get(GrpcUpstream.CUSTOM_BIN));
        assertArrayEquals(GrpcUpstream.BINARY, t.get(GrpcUpstream.DETAILS));
        assertNotNull(t.get(GrpcUpstream.SERVED_BY));
    }

    @Test
    void aMessageOfSeveralMegabytesPassesBothWays() {
        byte[] blob = GrpcUpstream.pattern(6 << 20);
        Msg reply = blocking().unary(Msg.newBuilder().setText("big").setSize(5 << 20)
                .setBlob(com.google.protobuf.ByteString.copyFrom(blob)).build());
        assertEquals(Integer.toString(6 << 20), reply.getText());
        assertArrayEquals(GrpcUpstream.pattern(5 << 20), reply.getBlob().toByteArray());
    }

    @Test
    void theClientsDeadlineGoesUpstreamAsGrpcTimeout() {
        String left = RelayGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                .unary(text("deadline")).getText();
        long millis = Long.parseLong(left);
        assertTrue(millis > 0 && millis <= 60_000, left);
        String routeBound = RelayGrpc.newBlockingStub(channel).unary(text("deadline")).getText(); // no deadline
        assertTrue(!routeBound.equals("none") && Long.parseLong(routeBound) <= 20_000,
                "without a client deadline the route's timeout (20s) goes upstream: " + routeBound);
    }

    @Test
    void aDeadlineShorterThanTheUpstreamsDelayIsDeadlineExceeded() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> RelayGrpc.newBlockingStub(channel)
                .withDeadlineAfter(300, TimeUnit.MILLISECONDS)
                .unary(Msg.newBuilder().setText("slow").setDelayMillis(3000).build()));
        assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
    }

    @Test
    void whatReachesTheUpstreamOnTheWire() {
        Trailers t = new Trailers();
        String got = WireGrpc.newBlockingStub(ClientInterceptors.intercept(channel, t))
                .withDeadlineAfter(WAIT.toMillis(), TimeUnit.MILLISECONDS).echo(text("w")).getText();
        assertTrue(got.startsWith("w|te=trailers|timeout="), got);
        assertTrue(got.contains("|xff=127.0.0.1|proto=HTTP/2.0"), got);
        assertEquals("yes", t.last.get().get(Metadata.Key.of("x-wire", Metadata.ASCII_STRING_MARSHALLER)));
    }

    @Test
    void noRouteIsUnimplemented() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> UnroutedGrpc.newBlockingStub(channel)
                .withDeadlineAfter(WAIT.toMillis(), TimeUnit.MILLISECONDS).ping(text("x")));
        assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("no route"), e.getStatus().getDescription());
    }

    @Test
    void http11OnTheSamePortStillWorks() throws Exception {
        HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(URI.create(server.uri() + "/echo/x")).timeout(WAIT).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("h", r.headers().firstValue("X-Instance").orElseThrow());
        assertEquals(HttpClient.Version.HTTP_1_1, r.version());
    }

    @Test
    void plainHttp2RequestsWithABodyOfUnknownLengthAreRelayed() throws Exception {
        org.eclipse.jetty.client.HttpClient h2 = new org.eclipse.jetty.client.HttpClient(
                new org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2(
                        new org.eclipse.jetty.http2.client.HTTP2Client()));
        h2.start();
        try {
            org.eclipse.jetty.client.AsyncRequestContent body = new org.eclipse.jetty.client.AsyncRequestContent("text/plain");
            var pending = new org.eclipse.jetty.client.CompletableResponseListener(h2.newRequest(server.uri() + "/echo/x")
                    .method("POST").body(body).timeout(30, TimeUnit.SECONDS)).send();
            body.write(ByteBuffer.wrap(new byte[1000]), org.eclipse.jetty.util.Callback.NOOP);
            body.write(ByteBuffer.wrap(new byte[234]), org.eclipse.jetty.util.Callback.NOOP);
            body.close();
            org.eclipse.jetty.client.ContentResponse r = pending.get(30, TimeUnit.SECONDS);
            assertEquals(200, r.getStatus(), r.getContentAsString());
            assertTrue(r.getContentAsString().contains("\"bodyBytes\":1234"), r.getContentAsString());
        } finally {
            h2.stop();
        }
    }

    @Test
    void metricsCountGrpcCallsPerRouteAndInstance() throws Exception {
        blocking().unary(text("counted"));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.uri() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.body().contains("kit4j_gateway_requests_total{code=\"200\",route=\"relay\"}"), r.body());
        assertTrue(r.body().contains("upstream=\"relay\""), r.body());
    }

    private static StreamObserver<Msg> observer(CompletableFuture<Msg> done) {
        return new StreamObserver<>() {
            @Override
            public void onNext(Msg m) {
                done.complete(m);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                done.complete(null);
            }
        };
    }
}
