package io.kit4j.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kit4j.transport.http.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Test set-up shared by gateway tests: real {@link EchoUpstream}s, a gateway on a real {@link HttpServer},
 * a JDK HTTP client, and everything closed in reverse order by {@link #close()}.
 */
final class GatewayFixture implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<AutoCloseable> closers = new ArrayList<>();

    /** The JDK HTTP client the fixture's requests use. */
    HttpClient http() {
        return http;
    }

    /** Closes {@code c} with the rest, in reverse order of adding. */
    <T extends AutoCloseable> T add(T c) {
        closers.add(c);
        return c;
    }

    EchoUpstream upstream(String name) {
        EchoUpstream u = new EchoUpstream(name);
        closers.add(u);
        return u;
    }

    Gateway gateway(String yaml, Gateway.Builder b) {
        Gateway g = b.logger(io.kit4j.log.Logger.logfmt(System.out)).routes(RoutesFile.parse(yaml)).build();
        closers.add(g);
        return g;
    }

    HttpServer serve(Gateway g) {
        HttpServer s = HttpServer.builder().maxRequestBodyBytes(1L << 40).handler(g).build().start();
        closers.add(s);
        return s;
    }

    HttpServer serve(String yaml) {
        return serve(gateway(yaml, Gateway.builder()));
    }

    HttpResponse<String> get(HttpServer s, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.uri() + path)).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    @Override
    public void close() throws Exception {
        for (int i = closers.size() - 1; i >= 0; i--) {
            closers.get(i).close();
        }
    }
}
