package io.kit4j.metrics.micrometer;

import static org.junit.jupiter.api.Assertions.fail;

import io.micrometer.core.instrument.Clock;
import io.micrometer.statsd.StatsdConfig;
import io.micrometer.statsd.StatsdFlavor;
import io.micrometer.statsd.StatsdMeterRegistry;
import io.micrometer.statsd.StatsdProtocol;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * kit4j metrics through Micrometer's real StatsD registry, which sends UDP datagrams to a socket this test
 * binds on 127.0.0.1 and reads: the lines are checked in the DogStatsD (Datadog) and Etsy formats. This is
 * the wire a StatsD daemon or Datadog agent reads; no such daemon runs here, the socket stands in for it.
 * Micrometer adds its own {@code statistic} tag to counters and gauges.
 */
class StatsdRegistryTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    DatagramSocket socket;
    StatsdMeterRegistry registry;
    final List<String> received = new ArrayList<>();

    @BeforeEach
    void bind() throws Exception {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(200);
    }

    @AfterEach
    void close() {
        if (registry != null) {
            registry.close();
        }
        socket.close();
    }

    StatsdMeterRegistry registry(StatsdFlavor flavor) {
        StatsdConfig config = new StatsdConfig() {
            @Override
            public String get(String key) {
                return null;
            }

            @Override
            public StatsdFlavor flavor() {
                return flavor;
            }

            @Override
            public String host() {
                return "127.0.0.1";
            }

            @Override
            public int port() {
                return socket.getLocalPort();
            }

            @Override
            public StatsdProtocol protocol() {
                return StatsdProtocol.UDP;
            }

            @Override
            public boolean buffered() {
                return false;
            }

            @Override
            public Duration pollingFrequency() {
                return Duration.ofMillis(100);
            }
        };
        registry = new StatsdMeterRegistry(config, Clock.SYSTEM);
        return registry;
    }

    /**
     * The registry connects its UDP client in the background and drops what is recorded before; a gauge is
     * sent at every poll, so its first line received means the client is up.
     */
    MicrometerMetrics connected(StatsdFlavor flavor) throws Exception {
        MicrometerMetrics metrics = MicrometerMetrics.on(registry(flavor));
        metrics.gauge("probe", "").set(1);
        await(l -> l.startsWith("probe"));
        received.clear();
        return metrics;
    }

    @Test
    void dogstatsdLinesCarryTheLabelsAsTags() throws Exception {
        MicrometerMetrics metrics = connected(StatsdFlavor.DATADOG);
        metrics.counter("requests", "").with("method", "GetUser", "error", "false").add(3);
        metrics.timer("request.duration", "").with("method", "GetUser").observe(0.25);
        metrics.histogram("response.size", "").with("route", "/users").observe(512);
        metrics.gauge("in.flight", "").with("route", "/users").set(7);

        await("requests:3|c|#statistic:count,error:false,method:GetUser"::equals);
        await("request.duration:250|ms|#method:GetUser"::equals);
        await("response.size:512|h|#route:/users"::equals);
        await("in.flight:7|g|#statistic:value,route:/users"::equals);
    }

    @Test
    void etsyLinesPutTheLabelsInTheName() throws Exception {
        MicrometerMetrics metrics = connected(StatsdFlavor.ETSY);
        metrics.counter("requests", "").with("method", "GetUser", "error", "true").add(1);
        await("requests.error.true.method.GetUser.statistic.count:1|c"::equals);
    }

    /** Reads datagrams (each may hold several lines) until one line matches, within {@link #WAIT}. */
    void await(Predicate<String> line) throws Exception {
        for (String l : received) {
            if (line.test(l)) {
                return;
            }
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        byte[] buf = new byte[65536];
        while (System.nanoTime() < deadline) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException none) {
                continue;
            }
            for (String l : new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8).split("\n")) {
                received.add(l);
                if (line.test(l)) {
                    return;
                }
            }
        }
        fail("no matching StatsD line within " + WAIT + "; distinct lines received: "
                + received.stream().distinct().limit(50).toList());
    }

    @Test
    void telegrafLinesCarryTheLabelsAsInfluxTags() throws Exception {
        MicrometerMetrics metrics = connected(StatsdFlavor.TELEGRAF);
        metrics.counter("requests", "").with("method", "GetName").add(2);
        await("requests,statistic=count,method=GetName:2|c"::equals);
    }
}
