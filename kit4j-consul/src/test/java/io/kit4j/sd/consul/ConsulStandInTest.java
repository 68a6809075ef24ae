package io.kit4j.sd.consul;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The stand-in itself follows Consul's documented API where kit4j depends on it (checked with a plain
 * HTTP client, not with the code under test): what it is trusted for in the other tests.
 */
class ConsulStandInTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> put(ConsulStandIn c, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(c.uri() + path))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(ConsulStandIn c, String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(c.uri() + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void registrationIsValidatedLikeConsul() throws Exception {
        try (ConsulStandIn c = ConsulStandIn.builder().start()) {
            assertEquals(400, put(c, "/v1/agent/service/register", "{\"Port\":1}").statusCode());
            assertEquals(400, put(c, "/v1/agent/service/register", "{\"Name\":\"a\",\"Prot\":1}").statusCode());
            assertEquals(400, put(c, "/v1/agent/service/register",
                    "{\"Name\":\"a\",\"Check\":{\"HTTP\":\"http://127.0.0.1:1/\"}}").statusCode(), "Interval required");
            assertEquals(400, put(c, "/v1/agent/service/register",
                    "{\"Name\":\"a\",\"Meta\":{\"bad key\":\"v\"}}").statusCode());
            assertEquals(400, put(c, "/v1/agent/service/register", "not json").statusCode());
            assertEquals(405, get(c, "/v1/agent/service/register").statusCode());
            assertEquals(200, put(c, "/v1/agent/service/register", "{\"Name\":\"a\",\"Port\":80}").statusCode());
            assertNotNull(c.services().get("a"), "ID defaults to Name");
            assertEquals(404, put(c, "/v1/agent/service/deregister/nope", "").statusCode());
            assertEquals("\"127.0.0.1:8300\"", get(c, "/v1/status/leader").body());
        }
    }

    @Test
    void healthAnswerHasConsulsShapeAndIndexHeaders() throws Exception {
        try (ConsulStandIn c = ConsulStandIn.builder().start()) {
            put(c, "/v1/agent/service/register", "{\"ID\":\"a1\",\"Name\":\"a\",\"Tags\":[\"x\"],\"Port\":80,"
                    + "\"Check\":{\"HTTP\":\"http://127.0.0.1:1/health\",\"Interval\":\"1h\"}}");
            HttpResponse<String> r = get(c, "/v1/health/service/a");
            assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
            long index = Long.parseLong(r.headers().firstValue("X-Consul-Index").orElseThrow());
            assertTrue(index > 0);
            assertEquals("true", r.headers().firstValue("X-Consul-KnownLeader").orElseThrow());
            JsonNode e = JSON.readTree(r.body()).get(0);
            assertEquals(ConsulStandIn.NODE_ADDRESS, e.get("Node").get("Address").asText());
            assertEquals("a1", e.get("Service").get("ID").asText());
            assertEquals("a", e.get("Service").get("Service").asText());
            assertEquals("", e.get("Service").get("Address").asText());
            assertEquals(80, e.get("Service").get("Port").asInt());
            assertEquals("serfHealth", e.get("Checks").get(0).get("CheckID").asText());
            assertEquals("service:a1", e.get("Checks").get(1).get("CheckID").asText());
            assertEquals("critical", e.get("Checks").get(1).get("Status").asText(), "HTTP checks start critical");
            assertEquals("[]", get(c, "/v1/health/service/a?passing").body(), "?passing leaves critical out");
            assertEquals("[]", get(c, "/v1/health/service/a?tag=y").body());
            assertEquals(1, JSON.readTree(get(c, "/v1/health/service/a?tag=x").body()).size());
            assertEquals(500, get(c, "/v1/health/service/a?dc=dc2").statusCode());
        }
    }

    @Test
    void aBlockingQueryReturnsOnChangeOrAtTheEndOfItsWait() throws Exception {
        try (ConsulStandIn c = ConsulStandIn.builder().start()) {
            put(c, "/v1/agent/service/register", "{\"Name\":\"a\",\"Port\":80}");
            long index = Long.parseLong(get(c, "/v1/health/service/a").headers().firstValue("X-Consul-Index").orElseThrow());

            // Nothing changes: it answers after the wait (plus jitter) with the same index.
            HttpResponse<String> same = get(c, "/v1/health/service/a?index=" + index + "&wait=50ms");
            assertEquals(String.valueOf(index), same.headers().firstValue("X-Consul-Index").orElseThrow());

            // A stale index answers at once.
            assertEquals(String.valueOf(index), get(c, "/v1/health/service/a?index=" + (index - 1) + "&wait=10m")
                    .headers().firstValue("X-Consul-Index").orElseThrow());

            // A change wakes a query blocked with a 10 minute wait.
            CompletableFuture<HttpResponse<String>> blocked = http.sendAsync(HttpRequest.newBuilder(
                    URI.create(c.uri() + "/v1/health/service/a?index=" + index + "&wait=10m")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            EventLog.awaitTrue("query blocked", () -> c.blockedQueries() == 1);
            put(c, "/v1/agent/service/register", "{\"ID\":\"a2\",\"Name\":\"a\",\"Port\":81}");
            HttpResponse<String> woke = blocked.get(EventLog.PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(Long.parseLong(woke.headers().firstValue("X-Consul-Index").orElseThrow()) > index);
            assertEquals(2, JSON.readTree(woke.body()).size());
        }
    }
}
