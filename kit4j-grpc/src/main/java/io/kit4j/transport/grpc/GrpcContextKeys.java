package io.kit4j.transport.grpc;

import io.kit4j.context.ContextKey;
import java.net.SocketAddress;

/**
 * The context keys of the gRPC transport. The server adapter puts the full method name and the peer's
 * address into every call's context before the before hooks run (go-kit needs a separate interceptor
 * for the method name; kit4j's adapter is the call handler and knows it); the client endpoint puts the
 * full method name into the context before its hooks, as go-kit's client does.
 */
public final class GrpcContextKeys {
    /** The full method name, {@code package.Service/Method}: go-kit's {@code ContextKeyRequestMethod}. */
    public static final ContextKey<String> FULL_METHOD = new ContextKey<>("grpc.full_method");
    /** Server side: the client's address, when the transport knows it. */
    public static final ContextKey<SocketAddress> REMOTE_ADDR = new ContextKey<>("grpc.remote_addr");
    /**
     * Server side, for finalizers: {@link io.kit4j.time.Clock#nanoTime()} when the call began (set when the
     * adapter has finalizers).
     */
    public static final ContextKey<Long> REQUEST_START_NANOS = new ContextKey<>("grpc.request.start_nanos");

    private GrpcContextKeys() {
    }
}
