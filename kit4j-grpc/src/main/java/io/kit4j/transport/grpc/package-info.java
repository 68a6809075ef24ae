/**
 * The gRPC transport, on grpc-java: go-kit's {@code transport/grpc} plus streaming.
 *
 * <p>Server: {@link io.kit4j.transport.grpc.GrpcService} binds endpoints to the methods of a generated
 * service through a {@link io.kit4j.transport.grpc.Decoder} and an {@link io.kit4j.transport.grpc.Encoder}
 * — unary, server-streaming ({@link io.kit4j.transport.grpc.ServerStream}) and bidirectional
 * ({@link io.kit4j.transport.grpc.BidiStream}) — with {@link io.kit4j.transport.grpc.ServerOptions}:
 * before hooks (metadata → context), after hooks (context → headers and trailers, success only),
 * finalizers and an error handler. {@link io.kit4j.transport.grpc.GrpcServer} runs the definitions
 * (127.0.0.1, virtual threads, graceful stop).
 *
 * <p>Client: {@link io.kit4j.transport.grpc.GrpcClient} turns a channel and a method into an endpoint
 * with {@link io.kit4j.transport.grpc.ClientOptions} (before, after, finalizers, timeout).
 *
 * <p>Both ways, errors follow kit4j's one model ({@link io.kit4j.transport.grpc.GrpcErrors}): a
 * {@link io.kit4j.errors.KitError} thrown on the server comes back as the same typed error on the client;
 * undeclared failures are {@code INTERNAL} "internal server error". The context's deadline travels as the
 * gRPC deadline and arrives as the server context's deadline; cancellation travels both ways.
 */
package io.kit4j.transport.grpc;
