package io.kit4j.transport.grpc;

import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.kit4j.endpoint.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Binds endpoints to the methods of a generated gRPC service and builds the
 * {@link ServerServiceDefinition} a server runs. No generated {@code ImplBase} is needed: each method
 * descriptor ({@code UserServiceGrpc.getGetUserMethod()}) is bound to an endpoint through a decoder and
 * an encoder, go-kit's {@code NewServer(e, dec, enc, opts...)}. Methods left unbound answer
 * {@code UNIMPLEMENTED}.
 *
 * <pre>{@code
 * ServerServiceDefinition svc = GrpcService.builder(UserServiceGrpc.getServiceDescriptor())
 *         .options(ServerOptions.builder().errorHandler(ErrorHandler.logging(logger)).build())
 *         .unary(UserServiceGrpc.getGetUserMethod(), getUser, UserGrpc::decodeById, UserGrpc::encodeUser)
 *         .build();
 * }</pre>
 *
 * <p>Request bytes that do not parse as the method's request message are answered with
 * {@code INVALID_ARGUMENT} (grpc-java alone answers {@code UNKNOWN}).
 */
public final class GrpcService {
    private GrpcService() {
    }

    /** Starts binding the methods of the service {@code descriptor} describes (its schema is kept for reflection). */
    public static Builder builder(ServiceDescriptor descriptor) {
        return new Builder(descriptor.getName(), descriptor.getSchemaDescriptor());
    }

    /** Starts binding the methods of the service named {@code serviceName} ({@code package.Service}). */
    public static Builder builder(String serviceName) {
        return new Builder(serviceName, null);
    }

    /** Binds endpoints to methods; each method takes the options set last before it. */
    public static final class Builder {
        private final String name;
        private final Object schema;
        private final List<ServerMethodDefinition<?, ?>> methods = new ArrayList<>();
        private ServerOptions options = ServerOptions.defaults();

        private Builder(String name, Object schema) {
            this.name = Objects.requireNonNull(name);
            this.schema = schema;
        }

        /** The options of the methods bound after this call. */
        public Builder options(ServerOptions options) {
            this.options = Objects.requireNonNull(options);
            return this;
        }

        /** Serves the unary {@code method} with {@code endpoint}. */
        public <PQ, PR, Q, R> Builder unary(MethodDescriptor<PQ, PR> method, Endpoint<Q, R> endpoint,
                Decoder<PQ, Q> decoder, Encoder<R, PR> encoder) {
            require(method, MethodDescriptor.MethodType.UNARY);
            add(method, new UnaryHandler<>(endpoint, decoder, encoder, options));
            return this;
        }

        /**
         * Serves the server-streaming {@code method} with {@code endpoint}, which gets the decoded request
         * and sends replies through the {@link ServerStream}.
         */
        public <PQ, PR, Q, R> Builder serverStreaming(MethodDescriptor<PQ, PR> method,
                Endpoint<ServerStream<Q, R>, ?> endpoint, Decoder<PQ, Q> decoder, Encoder<R, PR> encoder) {
            require(method, MethodDescriptor.MethodType.SERVER_STREAMING);
            add(method, StreamingHandler.serverStreaming(endpoint, decoder, encoder, options));
            return this;
        }

        /** Serves the bidirectional-streaming {@code method} with {@code endpoint} (see {@link BidiStream}). */
        public <PQ, PR, Q, R> Builder bidiStreaming(MethodDescriptor<PQ, PR> method,
                Endpoint<BidiStream<Q, R>, ?> endpoint, Decoder<PQ, Q> decoder, Encoder<R, PR> encoder) {
            require(method, MethodDescriptor.MethodType.BIDI_STREAMING);
            add(method, StreamingHandler.bidi(endpoint, decoder, encoder, options));
            return this;
        }

        /** The service definition to add to a server ({@link GrpcServer.Builder#service}). */
        public ServerServiceDefinition build() {
            ServiceDescriptor.Builder d = ServiceDescriptor.newBuilder(name).setSchemaDescriptor(schema);
            for (ServerMethodDefinition<?, ?> m : methods) {
                d.addMethod(m.getMethodDescriptor());
            }
            ServerServiceDefinition.Builder b = ServerServiceDefinition.builder(d.build());
            for (ServerMethodDefinition<?, ?> m : methods) {
                b.addMethod(m);
            }
            return b.build();
        }

        private void require(MethodDescriptor<?, ?> method, MethodDescriptor.MethodType type) {
            if (method.getType() != type) {
                throw new IllegalArgumentException(method.getFullMethodName() + " is " + method.getType() + ", not " + type);
            }
            if (!name.equals(method.getServiceName())) {
                throw new IllegalArgumentException(method.getFullMethodName() + " is not a method of " + name);
            }
        }

        private <PQ, PR> void add(MethodDescriptor<PQ, PR> method, io.grpc.ServerCallHandler<Object, PR> handler) {
            methods.add(ServerMethodDefinition.create(TolerantMarshaller.wrap(method), handler));
        }
    }
}
