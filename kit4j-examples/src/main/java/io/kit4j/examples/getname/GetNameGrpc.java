package io.kit4j.examples.getname;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.ServerServiceDefinition;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.examples.pb.GetNameReply;
import io.kit4j.sd.ClosableEndpoint;
import io.kit4j.examples.pb.GetNameRequest;
import io.kit4j.examples.pb.NameServiceGrpc;
import io.kit4j.transport.ErrorHandler;
import io.kit4j.transport.grpc.GrpcClient;
import io.kit4j.transport.grpc.GrpcContextKeys;
import io.kit4j.transport.grpc.GrpcService;
import io.kit4j.transport.grpc.ServerOptions;
import io.kit4j.transport.http.HttpContextKeys;

/**
 * GetName over gRPC ({@code kit4j.examples.NameService/GetName} in {@code usersvc.proto}): the same
 * endpoint as {@code GET /user/{uid}}. A before hook gives the reference's logging middleware the gRPC
 * method where over HTTP it logs the HTTP method.
 */
public final class GetNameGrpc {
    private GetNameGrpc() {
    }

    /** The service definition serving {@code endpoint}; failures go to {@code errors}. */
    public static ServerServiceDefinition service(Endpoint<GetName.Request, GetName.Response> endpoint,
            ErrorHandler errors) {
        ServerOptions options = ServerOptions.builder()
                .before((ctx, md) -> ctx.with(HttpContextKeys.REQUEST_METHOD, ctx.get(GrpcContextKeys.FULL_METHOD)))
                .errorHandler(errors)
                .build();
        return GrpcService.builder(NameServiceGrpc.getServiceDescriptor())
                .options(options)
                .unary(NameServiceGrpc.getGetNameMethod(), endpoint, (ctx, r) -> new GetName.Request(r.getUid()),
                        (ctx, r) -> GetNameReply.newBuilder().setResult(r.result()).build())
                .build();
    }

    /**
     * A client endpoint for the instance at {@code hostPort} on a channel of its own, which starts
     * connecting at once and which closing shuts down.
     */
    public static ClosableEndpoint<GetName.Request, GetName.Response> forInstance(String hostPort) {
        ManagedChannel channel = GrpcClient.plaintext(hostPort);
        channel.getState(true); // connect now, not inside the first call's breaker timeout
        return ClosableEndpoint.of(client(channel), channel::shutdownNow);
    }

    /** The client endpoint for GetName on the instance {@code channel} reaches. */
    public static Endpoint<GetName.Request, GetName.Response> client(Channel channel) {
        return GrpcClient.unary(channel, NameServiceGrpc.getGetNameMethod(),
                (ctx, r) -> GetNameRequest.newBuilder().setUid(r.uid()).build(),
                (ctx, r) -> new GetName.Response(r.getResult()));
    }
}
