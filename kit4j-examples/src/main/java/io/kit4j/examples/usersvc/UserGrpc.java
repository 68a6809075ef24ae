package io.kit4j.examples.usersvc;

import io.grpc.ServerServiceDefinition;
import io.kit4j.context.Context;
import io.kit4j.examples.pb.CreateUserRequest;
import io.kit4j.examples.pb.DeleteUserReply;
import io.kit4j.examples.pb.ListUsersReply;
import io.kit4j.examples.pb.ListUsersRequest;
import io.kit4j.examples.pb.UpdateUserRequest;
import io.kit4j.examples.pb.UserId;
import io.kit4j.examples.pb.UserServiceGrpc;
import io.kit4j.examples.usersvc.UserRequests.ById;
import io.kit4j.examples.usersvc.UserRequests.Create;
import io.kit4j.examples.usersvc.UserRequests.ListPage;
import io.kit4j.examples.usersvc.UserRequests.Update;
import io.kit4j.transport.ErrorHandler;
import io.kit4j.transport.grpc.GrpcService;
import io.kit4j.transport.grpc.ServerOptions;
import io.kit4j.transport.grpc.ServerRequestHook;
import java.util.List;

/**
 * The user service's gRPC transport ({@code kit4j.examples.UserService} in {@code usersvc.proto}): the
 * same {@link UserEndpoints} as {@link UserHttp}, bound to the generated methods through decoders and
 * encoders. Errors are the service's own (a 404 is {@code NOT_FOUND}, a 409 {@code ALREADY_EXISTS}, a
 * 400 {@code INVALID_ARGUMENT}).
 */
public final class UserGrpc {
    /** The default page and page size, as {@code GET /users} has them. */
    static final int DEFAULT_PAGE = 1;
    static final int DEFAULT_LIMIT = 10;

    private UserGrpc() {
    }

    /** The service definition serving {@code e}; failures go to {@code errors}. */
    public static ServerServiceDefinition service(UserEndpoints e, ErrorHandler errors) {
        return service(e, errors, new ServerRequestHook[0]);
    }

    /** The service definition serving {@code e}, running {@code before} on each call's metadata first. */
    public static ServerServiceDefinition service(UserEndpoints e, ErrorHandler errors, ServerRequestHook... before) {
        return GrpcService.builder(UserServiceGrpc.getServiceDescriptor())
                .options(ServerOptions.builder().before(before).errorHandler(errors).build())
                .unary(UserServiceGrpc.getCreateUserMethod(), e.create(),
                        (ctx, r) -> new Create(r.getName(), r.getEmail(), r.getAge()), UserGrpc::encodeUser)
                .unary(UserServiceGrpc.getGetUserMethod(), e.get(), UserGrpc::decodeId, UserGrpc::encodeUser)
                .unary(UserServiceGrpc.getUpdateUserMethod(), e.update(), UserGrpc::decodeUpdate, UserGrpc::encodeUser)
                .unary(UserServiceGrpc.getDeleteUserMethod(), e.delete(), UserGrpc::decodeId,
                        (ctx, d) -> DeleteUserReply.newBuilder().setDeleted(d.deleted()).build())
                .unary(UserServiceGrpc.getListUsersMethod(), e.list(), UserGrpc::decodeList, UserGrpc::encodeList)
                .build();
    }

    static ById decodeId(Context ctx, UserId r) {
        return new ById(r.getId());
    }

    static Update decodeUpdate(Context ctx, UpdateUserRequest r) {
        return new Update(r.getId(), r.hasName() ? r.getName() : null, r.hasEmail() ? r.getEmail() : null,
                r.hasAge() ? r.getAge() : null);
    }

    static ListPage decodeList(Context ctx, ListUsersRequest r) {
        return new ListPage(r.getPage() == 0 ? DEFAULT_PAGE : r.getPage(), r.getLimit() == 0 ? DEFAULT_LIMIT : r.getLimit());
    }

    static io.kit4j.examples.pb.User encodeUser(Context ctx, User u) {
        return io.kit4j.examples.pb.User.newBuilder().setId(u.id()).setName(u.name()).setEmail(u.email())
                .setAge(u.age()).build();
    }

    static User decodeUser(Context ctx, io.kit4j.examples.pb.User u) {
        return new User(u.getId(), u.getName(), u.getEmail(), u.getAge());
    }

    static ListUsersReply encodeList(Context ctx, List<User> users) {
        ListUsersReply.Builder b = ListUsersReply.newBuilder();
        for (User u : users) {
            b.addUsers(encodeUser(ctx, u));
        }
        return b.build();
    }

    static CreateUserRequest encodeCreate(Context ctx, Create c) {
        return CreateUserRequest.newBuilder().setName(nullToEmpty(c.name())).setEmail(nullToEmpty(c.email()))
                .setAge(c.age()).build();
    }

    static UpdateUserRequest encodeUpdate(Context ctx, Update u) {
        UpdateUserRequest.Builder b = UpdateUserRequest.newBuilder().setId(u.id());
        if (u.name() != null) {
            b.setName(u.name());
        }
        if (u.email() != null) {
            b.setEmail(u.email());
        }
        if (u.age() != null) {
            b.setAge(u.age());
        }
        return b.build();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
