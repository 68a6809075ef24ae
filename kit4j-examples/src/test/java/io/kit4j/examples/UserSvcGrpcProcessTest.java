package io.kit4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kit4j usersvc --grpc-port 0} and {@code kit4j client --transport grpc} as real processes. */
class UserSvcGrpcProcessTest {
    @TempDir
    Path dir;

    @Test
    void theClientCallsGetNameOverGrpcAndTheServiceStopsCleanly() throws Exception {
        Path log = dir.resolve("usersvc.log");
        Process svc = ServerProcesses.kit4j("usersvc", "-p", "0", "--grpc-port", "0").redirectOutput(log.toFile()).start();
        try {
            String addr = ServerProcesses.awaitLog(svc, log, "transport=grpc addr=(\\S+)");
            assertTrue(addr.startsWith("127.0.0.1:"), addr);

            Path out = dir.resolve("client.out");
            Process client = ServerProcesses.kit4j("client", "--transport", "grpc", "--instances", addr, "--calls", "2",
                    // a cold JVM's first gRPC call on a loaded machine can take seconds: routing is under test here
                    "--breaker-timeout", "PT60S", "--timeout", "PT90S")
                    .redirectOutput(out.toFile()).start();
            assertTrue(client.waitFor(120, TimeUnit.SECONDS), "client did not finish");
            String printed = Files.readString(out, StandardCharsets.UTF_8);
            assertEquals(0, client.exitValue(), printed);
            assertTrue(printed.contains("call 1: NameService/GetName uid=101 -> shenyi (from " + addr + ")"), printed);
            assertTrue(printed.contains("call 2: NameService/GetName uid=101 -> shenyi (from " + addr + ")"), printed);

            Process bad = ServerProcesses.kit4j("client", "--transport", "smoke", "--instances", addr).start();
            assertTrue(bad.waitFor(120, TimeUnit.SECONDS));
            String badOut = new String(bad.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(bad.exitValue() != 0 && badOut.contains("--transport must be http or grpc"), badOut);

            svc.destroy(); // SIGTERM
            assertTrue(svc.waitFor(60, TimeUnit.SECONDS), "usersvc did not stop");
            String all = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, svc.exitValue(), all);
            assertTrue(all.contains("method=kit4j.examples.NameService/GetName event=\"get user\" uid=101"), all);
        } finally {
            svc.destroyForcibly();
        }
    }
}
