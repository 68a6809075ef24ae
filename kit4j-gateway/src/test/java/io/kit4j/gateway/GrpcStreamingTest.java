package io.kit4j.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.kit4j.gateway.testpb.Msg;
import io.kit4j.gateway.testpb.RelayGrpc;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gRPC messages stream through the gateway rather than being held whole: the gateway runs in a JVM of its
 * own with a 64 MiB heap ({@code -Xmx64m}, exiting on OutOfMemoryError) and relays one unary call whose
 * request and answer are each a single 80 MiB message, larger than its whole heap; both arrive intact.
 */
class GrpcStreamingTest {
    private static final int BYTES = 80 << 20;

    @Test
    void messagesLargerThanTheGatewaysHeapStreamThrough(@TempDir Path dir) throws Exception {
        Path errors = dir.resolve("gateway.err");
        try (GrpcUpstream upstream = new GrpcUpstream("big")) {
            Process gw = StreamingTest.fork(upstream.address(), errors);
            ManagedChannel channel = null;
            try {
                int port = StreamingTest.readPort(gw, errors);
                channel = GrpcPassThroughTest.channel(port);
                byte[] blob = GrpcUpstream.pattern(BYTES);
                Msg reply = RelayGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.MINUTES)
                        .unary(Msg.newBuilder().setText("big").setSize(BYTES).setBlob(ByteString.copyFrom(blob)).build());
                assertEquals(Integer.toString(BYTES), reply.getText(), "the upstream got the whole request message");
                assertArrayEquals(blob, reply.getBlob().toByteArray());
                assertTrue(gw.isAlive(), "the gateway JVM is still up after relaying 2 x 80 MiB messages with -Xmx64m");
            } finally {
                if (channel != null) {
                    channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
                }
                gw.getOutputStream().close();
                if (!gw.waitFor(20, TimeUnit.SECONDS)) {
                    gw.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }
}
