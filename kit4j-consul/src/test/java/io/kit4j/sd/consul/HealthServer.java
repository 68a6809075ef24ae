package io.kit4j.sd.consul;

import io.kit4j.transport.http.EndpointHandler;
import io.kit4j.transport.http.HttpServer;
import io.kit4j.transport.http.JsonCodec;
import io.kit4j.transport.http.Router;
import java.time.Duration;
import java.util.Map;

/** A real kit4j HTTP server on 127.0.0.1 serving {@code GET /health}: the instance Consul checks. */
final class HealthServer implements AutoCloseable {
    private final HttpServer server;

    HealthServer() {
        Router router = new Router();
        router.get("/health", EndpointHandler.of((ctx, q) -> Map.of("status", "OK"), (ctx, r) -> null,
                JsonCodec.defaults().encoder()));
        server = HttpServer.builder().host("127.0.0.1").port(0).drainTimeout(Duration.ofMillis(200))
                .handler(router).build().start();
    }

    int port() {
        return server.port();
    }

    /** Stops listening: the next checks are refused. */
    void stop() {
        server.stop();
    }

    @Override
    public void close() {
        if (server.isRunning()) {
            server.stop();
        }
    }
}
