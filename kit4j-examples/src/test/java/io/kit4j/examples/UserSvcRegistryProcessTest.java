package io.kit4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.log.Logger;
import io.kit4j.sd.Event;
import io.kit4j.sd.Instancer;
import io.kit4j.sd.Registries;
import io.kit4j.sd.Registry;
import io.kit4j.sd.zookeeper.EmbeddedZooKeeper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kit4j usersvc --registry zk://…} as a real process against a real ZooKeeper server: it registers
 * once it listens, and on SIGTERM deregisters before it stops, exiting 0.
 */
class UserSvcRegistryProcessTest {
    @TempDir
    Path dir;

    @Test
    void registersThenDeregistersOnSigterm() throws Exception {
        try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start();
                Registry registry = Registries.open(zk.uri(), Logger.nop())) {
            Instancer instancer = registry.instancer("svc-under-test");
            AtomicReference<List<String>> listed = new AtomicReference<>(List.of());
            Consumer<Event> listener = listInto(listed);
            instancer.register(listener);
            Path log = dir.resolve("usersvc.log");
            Process p = ServerProcesses.kit4j("usersvc", "--name", "svc-under-test", "-p", "0",
                    "--registry", zk.uri(), "--deregister-grace", "PT0.2S").redirectOutput(log.toFile()).start();
            try {
                String addr = ServerProcesses.awaitLog(p, log, "event=registry .*addr=(\\S+)");
                for (int i = 0; i < 300 && !listed.get().contains(addr); i++) {
                    Thread.sleep(100);
                }
                assertEquals(List.of(addr), listed.get(), "ZooKeeper lists the instance");
                HttpResponse<String> r = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create("http://" + addr + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode());

                p.destroy(); // SIGTERM
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "process did not stop");
                String all = Files.readString(log, StandardCharsets.UTF_8);
                assertEquals(0, p.exitValue(), all);
                for (int i = 0; i < 300 && !listed.get().isEmpty(); i++) {
                    Thread.sleep(100);
                }
                assertEquals(List.of(), listed.get(), "deregistered on SIGTERM: " + all);
                assertTrue(all.indexOf("event=deregistered") < all.indexOf("event=stopped"), all);
            } finally {
                p.destroyForcibly();
                instancer.deregister(listener);
            }
        }
    }

    @Test
    void theGrpcPortIsRegisteredAsItsOwnServiceAndAGrpcClientFindsIt() throws Exception {
        try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start();
                Registry registry = Registries.open(zk.uri(), Logger.nop())) {
            Instancer grpcInstancer = registry.instancer("svc-g-grpc");
            AtomicReference<List<String>> listed = new AtomicReference<>(List.of());
            Consumer<Event> listener = listInto(listed);
            grpcInstancer.register(listener);
            Path log = dir.resolve("usersvc.log");
            Process p = ServerProcesses.kit4j("usersvc", "--name", "svc-g", "-p", "0", "--grpc-port", "0",
                    "--registry", zk.uri(), "--deregister-grace", "PT0.2S").redirectOutput(log.toFile()).start();
            try {
                String grpcAddr = ServerProcesses.awaitLog(p, log, "event=registry .*id=svc-g-grpc-\\S+ addr=(\\S+)");
                for (int i = 0; i < 300 && !listed.get().contains(grpcAddr); i++) {
                    Thread.sleep(100);
                }
                assertEquals(List.of(grpcAddr), listed.get(), "ZooKeeper lists the gRPC port as svc-g-grpc");
                assertTrue(Files.readString(log).contains("transport=grpc addr=" + grpcAddr),
                        "the registered address is the gRPC server's");

                Path out = dir.resolve("client.out");
                Process client = ServerProcesses.kit4j("client", "--transport", "grpc", "--registry", zk.uri(),
                        "--name", "svc-g", "--calls", "2", "--breaker-timeout", "PT60S", "--timeout", "PT90S")
                        .redirectOutput(out.toFile()).start();
                assertTrue(client.waitFor(120, TimeUnit.SECONDS), "client did not finish");
                String printed = Files.readString(out, StandardCharsets.UTF_8);
                assertEquals(0, client.exitValue(), printed);
                assertTrue(printed.contains("call 2: NameService/GetName uid=101 -> shenyi (from " + grpcAddr + ")"),
                        printed);

                p.destroy(); // SIGTERM
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "process did not stop");
                assertEquals(0, p.exitValue(), Files.readString(log));
                for (int i = 0; i < 300 && !listed.get().isEmpty(); i++) {
                    Thread.sleep(100);
                }
                assertEquals(List.of(), listed.get(), "the gRPC port deregistered on SIGTERM too");
            } finally {
                p.destroyForcibly();
                grpcInstancer.deregister(listener);
            }
        }
    }

    /** A listener keeping the latest instance list (errors leave it as it was). */
    private static Consumer<Event> listInto(AtomicReference<List<String>> listed) {
        return e -> {
            if (e.error() == null) {
                listed.set(e.instances());
            }
        };
    }
}
