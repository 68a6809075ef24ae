package io.kit4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.kit4j.context.Context;
import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.KitError;
import io.kit4j.examples.getname.GetName;
import io.kit4j.examples.getname.GetNameGrpc;
import io.kit4j.examples.pb.GetNameRequest;
import io.kit4j.examples.pb.ListUsersRequest;
import io.kit4j.examples.pb.NameServiceGrpc;
import io.kit4j.examples.pb.UpdateUserRequest;
import io.kit4j.examples.pb.UserServiceGrpc;
import io.kit4j.examples.usersvc.User;
import io.kit4j.examples.usersvc.UserEndpoints;
import io.kit4j.examples.usersvc.UserGrpcClient;
import io.kit4j.examples.usersvc.UserHttpClient;
import io.kit4j.examples.usersvc.UserRequests.ById;
import io.kit4j.examples.usersvc.UserRequests.Create;
import io.kit4j.examples.usersvc.UserRequests.ListPage;
import io.kit4j.examples.usersvc.UserRequests.Update;
import io.kit4j.log.Logger;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The user service over gRPC beside HTTP: one store, one middleware stack, the same typed errors. */
class UserServiceGrpcTest {
    static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    static GrpcServing.Instance instance;
    static ManagedChannel channel;
    static UserEndpoints grpc;
    static UserEndpoints http;

    @BeforeAll
    static void start() {
        Logger logger = Logger.logfmt(new PrintStream(LOG, true, StandardCharsets.UTF_8));
        instance = GrpcServing.start("127.0.0.1", 0, 0, logger, UserServiceApp.Middlewares.FULL);
        channel = io.kit4j.transport.grpc.GrpcClient.plaintext(instance.grpc().target());
        grpc = UserGrpcClient.endpoints(channel, io.kit4j.examples.auth.GrpcAuth.authorization(AuthFixtures.ADMIN));
        // writes need an admin token over both transports
        http = UserHttpClient.endpoints(instance.http().uri(),
                io.kit4j.transport.http.ClientRequestHook.header("Authorization", AuthFixtures.ADMIN));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        instance.stop();
    }

    @Test
    void bothTransportsServeOneStore() throws Exception {
        Context ctx = Context.background();
        User alice = grpc.create().call(ctx, new Create("alice", "alice@grpc.example", 30));
        assertEquals(alice, http.get().call(ctx, new ById(alice.id())));
        User older = http.update().call(ctx, new Update(alice.id(), null, null, 31));
        assertEquals(older, grpc.get().call(ctx, new ById(alice.id())));
        User renamed = grpc.update().call(ctx, new Update(alice.id(), "alicia", null, null));
        assertEquals(new User(alice.id(), "alicia", "alice@grpc.example", 31), renamed);
        List<User> page = grpc.list().call(ctx, new ListPage(1, 100));
        assertTrue(page.contains(renamed), page.toString());
        assertTrue(grpc.delete().call(ctx, new ById(alice.id())).deleted());
        assertEquals(ErrorCode.NOT_FOUND, assertThrows(KitError.class, () -> http.get().call(ctx, new ById(alice.id()))).code());
    }

    @Test
    void theSameTypedErrorsAsOverHttp() throws Exception {
        Context ctx = Context.background();
        grpc.create().call(ctx, new Create("bob", "bob@grpc.example", 20));
        for (UserEndpoints e : List.of(grpc, http)) {
            KitError dup = assertThrows(KitError.class, () -> e.create().call(ctx, new Create("eve", "bob@grpc.example", 1)));
            assertEquals(ErrorCode.ALREADY_EXISTS, dup.code());
            assertEquals("a user with email bob@grpc.example already exists", dup.getMessage());
            KitError noName = assertThrows(KitError.class, () -> e.create().call(ctx, new Create("", "x@grpc.example", 1)));
            assertEquals(ErrorCode.INVALID_ARGUMENT, noName.code());
            assertEquals("name is required", noName.getMessage());
            KitError missing = assertThrows(KitError.class, () -> e.get().call(ctx, new ById(987654)));
            assertEquals(ErrorCode.NOT_FOUND, missing.code());
            assertEquals("user 987654 not found", missing.getMessage());
            assertEquals(ErrorCode.INVALID_ARGUMENT,
                    assertThrows(KitError.class, () -> e.list().call(ctx, new ListPage(1, 1000))).code());
        }
    }

    @Test
    void aGeneratedStubSeesGrpcStatusesAndDefaults() {
        UserServiceGrpc.UserServiceBlockingStub anonymous = UserServiceGrpc.newBlockingStub(channel);
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> anonymous.updateUser(UpdateUserRequest.newBuilder().setId(424242).setAge(3).build()));
        assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode(), "writes need a token over gRPC too");
        Metadata md = new Metadata();
        md.put(io.kit4j.examples.auth.GrpcAuth.AUTHORIZATION, AuthFixtures.ADMIN);
        UserServiceGrpc.UserServiceBlockingStub stub = anonymous.withInterceptors(
                io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(md));
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> stub.updateUser(UpdateUserRequest.newBuilder().setId(424242).setAge(3).build()));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        assertEquals("user 424242 not found", e.getStatus().getDescription());
        // page and limit 0 are the defaults (1 and 10), as absent query parameters are over HTTP
        stub.listUsers(ListUsersRequest.getDefaultInstance());
        assertEquals(Status.Code.INVALID_ARGUMENT, assertThrows(StatusRuntimeException.class,
                () -> stub.listUsers(ListUsersRequest.newBuilder().setPage(-1).build())).getStatus().getCode());

        NameServiceGrpc.NameServiceBlockingStub names = NameServiceGrpc.newBlockingStub(channel);
        assertEquals("shenyi", names.getName(GetNameRequest.newBuilder().setUid(101).build()).getResult());
        assertEquals("guest", names.getName(GetNameRequest.newBuilder().setUid(7).build()).getResult());
    }

    @Test
    void theSameMiddlewaresLogAndCountGrpcCalls() throws Exception {
        var getName = GetNameGrpc.client(channel);
        assertEquals("shenyi", getName.call(Context.background(), new GetName.Request(101)).result());
        String log = LOG.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("method=kit4j.examples.NameService/GetName event=\"get user\" uid=101"), log);

        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(instance.http().uri() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(metrics.body().contains("requests_total{error=\"false\",method=\"GetName\"}"), metrics.body());
    }
}
