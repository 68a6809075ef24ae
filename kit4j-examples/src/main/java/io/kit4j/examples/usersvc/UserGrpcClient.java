package io.kit4j.examples.usersvc;

import io.grpc.Channel;
import io.kit4j.examples.pb.ListUsersRequest;
import io.kit4j.examples.pb.UserId;
import io.kit4j.examples.pb.UserServiceGrpc;
import io.kit4j.examples.usersvc.UserRequests.Deleted;
import io.kit4j.transport.grpc.ClientOptions;
import io.kit4j.transport.grpc.ClientRequestHook;
import io.kit4j.transport.grpc.GrpcClient;

/**
 * The client side of the user service's gRPC transport: the same {@link UserEndpoints}, each a gRPC
 * client endpoint on {@code channel}. Errors the service answers come back as the same typed
 * {@link io.kit4j.errors.KitError}s as over HTTP.
 */
public final class UserGrpcClient {
    private UserGrpcClient() {
    }

    /** The endpoints of the instance {@code channel} reaches. */
    public static UserEndpoints endpoints(Channel channel) {
        return endpoints(channel, new ClientRequestHook[0]);
    }

    /** As above, running {@code before} on each call's metadata (say, to add {@code authorization}). */
    public static UserEndpoints endpoints(Channel channel, ClientRequestHook... before) {
        ClientOptions o = ClientOptions.builder().before(before).build();
        return new UserEndpoints(
                GrpcClient.unary(channel, UserServiceGrpc.getCreateUserMethod(), UserGrpc::encodeCreate,
                        UserGrpc::decodeUser, o),
                GrpcClient.unary(channel, UserServiceGrpc.getGetUserMethod(),
                        (ctx, r) -> UserId.newBuilder().setId(r.id()).build(), UserGrpc::decodeUser, o),
                GrpcClient.unary(channel, UserServiceGrpc.getUpdateUserMethod(), UserGrpc::encodeUpdate,
                        UserGrpc::decodeUser, o),
                GrpcClient.unary(channel, UserServiceGrpc.getDeleteUserMethod(),
                        (ctx, r) -> UserId.newBuilder().setId(r.id()).build(), (ctx, d) -> new Deleted(d.getDeleted()), o),
                GrpcClient.unary(channel, UserServiceGrpc.getListUsersMethod(),
                        (ctx, r) -> ListUsersRequest.newBuilder().setPage(r.page()).setLimit(r.limit()).build(),
                        (ctx, reply) -> reply.getUsersList().stream().map(u -> UserGrpc.decodeUser(ctx, u)).toList(), o));
    }
}
