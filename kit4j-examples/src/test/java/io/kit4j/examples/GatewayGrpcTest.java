package io.kit4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.kit4j.examples.pb.GetNameRequest;
import io.kit4j.examples.pb.NameServiceGrpc;
import io.kit4j.examples.pb.UserId;
import io.kit4j.examples.pb.UserServiceGrpc;
import io.kit4j.gateway.Gateway;
import io.kit4j.gateway.RoutesFile;
import io.kit4j.log.Logger;
import io.kit4j.transport.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The sample routes' gRPC routes: grpc-java stubs → the gateway (h2c, as {@code bin/kit4j gateway} serves)
 * → the user service's kit4j {@code GrpcServer}; its typed errors come back as the same gRPC statuses.
 */
class GatewayGrpcTest {

    @Test
    void grpcCallsPassThroughTheSampleRoutesToTheUserService() throws Exception {
        GrpcServing.Instance svc = GrpcServing.start("127.0.0.1", 0, 0, Logger.nop(), UserServiceApp.Middlewares.FULL);
        String routes = Files.readString(Path.of("gateway-routes.yaml"))
                .replace("127.0.0.1:9090", "127.0.0.1:" + svc.grpc().port());
        ManagedChannel[] open = new ManagedChannel[1];
        try (Gateway gateway = Gateway.builder().routes(RoutesFile.parse(routes.replaceAll("(?m)^\\s+service: userservice\\n", "    instances: []\n"))).build();
                HttpServer gw = HttpServer.builder().h2c(true).handler(gateway).build().start()) {
            ManagedChannel channel = io.kit4j.transport.grpc.GrpcClient.plaintext("127.0.0.1:" + gw.port());
            open[0] = channel;
            assertEquals("shenyi", NameServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .getName(GetNameRequest.newBuilder().setUid(101).build()).getResult());
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> UserServiceGrpc
                    .newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .getUser(UserId.newBuilder().setId(987654).build()));
            assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode(), e.getStatus().toString());
        } finally {
            if (open[0] != null) {
                open[0].shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            }
            svc.stop();
        }
    }
}
