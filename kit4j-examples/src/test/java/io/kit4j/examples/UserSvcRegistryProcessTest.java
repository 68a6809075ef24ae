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
            Consumer<Event> listener = e -> {
                if (e.error() == null) {
                    listed.set(e.instances());
                }
            };
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
}
