package io.kit4j.sd.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;

/** The embedded server is a real ZooKeeper: a plain ZooKeeper client uses it, on loopback only. */
class EmbeddedZooKeeperTest {

    @Test
    void servesAPlainZooKeeperClientOnLoopbackOnlyAndCleansUp() throws Exception {
        Path data;
        int port;
        try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start()) {
            port = zk.port();
            data = zk.dataDir();
            assertTrue(port > 0);
            assertEquals("127.0.0.1:" + port, zk.connectString());
            assertEquals("zk://127.0.0.1:" + port, zk.uri());
            String hexPort = String.format(Locale.ROOT, ":%04X", port);
            List<String> listening = listeners(port);
            assertEquals(1, listening.size(), "one listening socket: " + listening);
            assertTrue(List.of("0100007F" + hexPort, "0000000000000000FFFF00000100007F" + hexPort).contains(listening.get(0)),
                    "listens on 127.0.0.1 only (IPv4, or IPv4-mapped on an IPv6 socket): " + listening);
            assertTrue(srvr(port).contains("Mode: standalone"), "answers srvr as a standalone server");

            ZooKeeper plain = new ZooKeeper(zk.connectString(), 10_000, e -> { });
            try {
                Await.until("connected", () -> plain.getState().isConnected());
                plain.create("/hello", "world".getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE,
                        CreateMode.PERSISTENT);
                assertEquals("world", new String(plain.getData("/hello", false, null), StandardCharsets.UTF_8));
            } finally {
                plain.close();
            }
            assertTrue(Files.isDirectory(data));
        }
        assertFalse(Files.exists(data), "the data directory is deleted on close");
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, s.getLocalPort(), "the port is free again");
        }
    }

    @Test
    void startsOnTheGivenPortWithTheGivenTick() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(port, Duration.ofMillis(500))) {
            assertEquals(port, zk.port());
            ZooKeeper plain = new ZooKeeper(zk.connectString(), 60_000, e -> { });
            try {
                Await.until("connected", () -> plain.getState().isConnected());
                assertEquals(10_000, plain.getSessionTimeout(), "sessions are capped at 20 ticks");
            } finally {
                plain.close();
            }
            assertThrows(IllegalStateException.class, () -> EmbeddedZooKeeper.start(port), "the port is taken");
        }
    }

    @Test
    void refusesBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> EmbeddedZooKeeper.start(-1));
        assertThrows(IllegalArgumentException.class, () -> EmbeddedZooKeeper.start(70000));
        assertThrows(IllegalArgumentException.class, () -> EmbeddedZooKeeper.start(0, Duration.ZERO));
    }

    /** The local addresses listening on {@code port}, as /proc/net/tcp and tcp6 write them. */
    private static List<String> listeners(int port) throws IOException {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        List<String> out = new java.util.ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[1].endsWith(hexPort) && f[3].equals("0A")) { // 0A = LISTEN
                    out.add(f[1]);
                }
            }
        }
        return out;
    }

    private static String srvr(int port) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write("srvr".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
