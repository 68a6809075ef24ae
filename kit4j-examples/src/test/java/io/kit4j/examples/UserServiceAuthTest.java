package io.kit4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.examples.auth.DemoAuth;
import io.kit4j.log.Logger;
import io.kit4j.time.Clock;
import io.kit4j.time.ManualClock;
import io.kit4j.transport.http.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The token API and the protected write routes of the user service, over a real socket. */
class UserServiceAuthTest {
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpServer server;

    @BeforeEach
    void start() {
        server = UserServiceApp.start("127.0.0.1", 0, Logger.nop(), UserServiceApp.Middlewares.FULL);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    HttpResponse<String> send(String method, String path, String body, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.uri() + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    String login(String user, String password) throws Exception {
        HttpResponse<String> r = send("POST", "/login", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}", null);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"token_type\":\"Bearer\",\"expires_in\":900"), r.body());
        return r.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*\\s*", "$1");
    }

    @Test
    void loginIssuesTokensThatUnlockWrites() throws Exception {
        String admin = login("admin", "kit4j-admin");
        assertEquals(3, admin.split("\\.").length);
        HttpResponse<String> created = send("POST", "/users", "{\"name\":\"a\",\"email\":\"a@x.io\"}", "Bearer " + admin);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(200, send("PUT", "/users/1", "{\"age\":3}", "Bearer " + admin).statusCode());
        assertEquals(200, send("GET", "/users/1", null, null).statusCode(), "reads stay open");
        assertEquals(200, send("DELETE", "/users/1", null, "Bearer " + admin).statusCode());
    }

    @Test
    void writesWithoutAGoodTokenAre401AndViewersGet403() throws Exception {
        for (String[] w : new String[][] {{"POST", "/users", "{\"name\":\"a\",\"email\":\"a@x.io\"}"},
                {"PUT", "/users/1", "{\"age\":1}"}, {"DELETE", "/users/1", null}}) {
            HttpResponse<String> none = send(w[0], w[1], w[2], null);
            assertEquals(401, none.statusCode(), w[0]);
            assertEquals("{\"error\":\"no bearer token\",\"code\":\"unauthenticated\"}\n", none.body());
            assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElse(null));
            HttpResponse<String> forged = send(w[0], w[1], w[2], "Bearer " + login("admin", "kit4j-admin") + "x");
            assertEquals(401, forged.statusCode());
            assertTrue(forged.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer error=\"invalid_token\""));
            HttpResponse<String> viewer = send(w[0], w[1], w[2], "Bearer " + login("viewer", "kit4j-viewer"));
            assertEquals(403, viewer.statusCode(), viewer.body());
            assertEquals("{\"error\":\"requires role admin\",\"code\":\"permission_denied\"}\n", viewer.body());
        }
        ManualClock past = new ManualClock(Instant.now().minus(Duration.ofHours(2)));
        String expired = DemoAuth.fromEnvironment().issue(past, "admin", List.of("admin"), Duration.ofMinutes(15));
        HttpResponse<String> r = send("POST", "/users", "{\"name\":\"a\",\"email\":\"a@x.io\"}", "Bearer " + expired);
        assertEquals(401, r.statusCode());
        assertEquals("{\"error\":\"JWT is expired\",\"code\":\"unauthenticated\"}\n", r.body());
        String otherSecret = DemoAuth.of("another-secret-another-secret-another-secret".getBytes(StandardCharsets.UTF_8))
                .issue(Clock.system(), "admin", List.of("admin"), Duration.ofMinutes(5));
        assertEquals(401, send("DELETE", "/users/1", null, "Bearer " + otherSecret).statusCode());
    }

    @Test
    void badLoginsAre401Or400() throws Exception {
        for (String body : List.of("{\"username\":\"admin\",\"password\":\"guess\"}", "{\"username\":\"root\",\"password\":\"kit4j-admin\"}",
                "{\"username\":\"admin\",\"password\":\"\"}")) {
            HttpResponse<String> r = send("POST", "/login", body, null);
            assertEquals(401, r.statusCode(), body);
            assertEquals("{\"error\":\"invalid username or password\",\"code\":\"unauthenticated\"}\n", r.body());
        }
        assertEquals(400, send("POST", "/login", "{\"username\":\"admin\"}", null).statusCode());
        assertEquals(400, send("POST", "/login", "{\"username\":", null).statusCode());
        assertEquals(405, send("GET", "/login", null, null).statusCode());
    }

    @Test
    void tokenCommandIssuesTokensTheServiceAccepts() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = new CommandLine(new Kit4jCommand()).execute("token", "--user", "ops", "--role", "admin", "--ttl", "PT5M");
        } finally {
            System.setOut(old);
        }
        assertEquals(0, code);
        String token = out.toString(StandardCharsets.UTF_8).strip();
        HttpResponse<String> r = send("POST", "/users", "{\"name\":\"o\",\"email\":\"o@x.io\"}", "Bearer " + token);
        assertEquals(201, r.statusCode(), r.body());
        assertEquals(2, new CommandLine(new Kit4jCommand()).execute("token", "--user", "x", "--ttl", "PT0S"));
    }
}
