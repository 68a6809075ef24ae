package io.kit4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kit4j usersvc} as a real process: it serves, and SIGTERM makes it stop cleanly with status 0. */
class UserSvcProcessTest {
    @TempDir
    Path dir;

    @Test
    void servesThenStopsCleanlyOnSigterm() throws Exception {
        Path log = dir.resolve("usersvc.log");
        Process p = ServerProcesses.kit4j("usersvc", "--name", "svc-under-test", "-p", "0").redirectOutput(log.toFile()).start();
        try {
            String addr = ServerProcesses.awaitLog(p, log, "event=listening addr=(\\S+)");
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(addr + "/user/101")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("{\"result\":\"shenyi\"}\n", r.body());

            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "process did not stop");
            String all = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), all);
            assertTrue(all.contains("service=svc-under-test method=GET event=\"get user\" uid=101"), all);
            assertTrue(all.contains("event=stopping") && all.contains("event=stopped"), all);
        } finally {
            p.destroyForcibly();
        }
    }
}
