package io.kit4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.log.Logger;
import io.kit4j.transport.http.HttpServer;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reference services over a real socket, checked with the JDK's own HTTP client. */
class UserServiceHttpTest {
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    HttpServer server;

    @BeforeEach
    void start() {
        server = UserServiceApp.start("127.0.0.1", 0, Logger.logfmt(logs), UserServiceApp.Middlewares.FULL);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    /** Writes {@code request} on a new connection and reads until the server closes it or 10 s pass. */
    String rawExchange(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = socket.getInputStream().read(buf)) > 0; ) {
                    got.write(buf, 0, n);
                    String sofar = got.toString(StandardCharsets.UTF_8);
                    if (sofar.contains("\r\n\r\n") && sofar.endsWith("}\n")) {
                        break;
                    }
                }
            } catch (java.net.SocketException closed) {
                // the server may reset the connection after its answer; what was read is the answer
            }
            return got.toString(StandardCharsets.UTF_8);
        }
    }

    HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.uri() + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", AuthFixtures.ADMIN).method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    void expect(String method, String path, String body, int status, String json) throws Exception {
        HttpResponse<String> r = send(method, path, body);
        assertEquals(status, r.statusCode(), method + " " + path + " -> " + r.body());
        assertEquals(json + "\n", r.body(), method + " " + path);
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), method + " " + path);
    }

    @Test
    void getName() throws Exception {
        expect("GET", "/user/101", null, 200, "{\"result\":\"shenyi\"}");
        expect("GET", "/user/7", null, 200, "{\"result\":\"guest\"}");
        expect("GET", "/user/abc", null, 404, "{\"error\":\"no route for GET /user/abc\",\"code\":\"not_found\"}");
        expect("GET", "/user/99999999999999999999", null, 400,
                "{\"error\":\"path parameter uid is out of range\",\"code\":\"invalid_argument\"}");
        String log = logs.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("method=GET event=\"get user\" uid=101"), log);
    }

    @Test
    void crudWithTheReferenceStatuses() throws Exception {
        expect("POST", "/users", "{\"name\":\"alice\",\"email\":\"a@x.io\",\"age\":30}", 201,
                "{\"id\":1,\"name\":\"alice\",\"email\":\"a@x.io\",\"age\":30}");
        expect("POST", "/users", "{\"name\":\"bob\",\"email\":\"b@x.io\"}", 201,
                "{\"id\":2,\"name\":\"bob\",\"email\":\"b@x.io\",\"age\":0}");
        expect("POST", "/users", "{\"name\":\"eve\",\"email\":\"a@x.io\"}", 409,
                "{\"error\":\"a user with email a@x.io already exists\",\"code\":\"already_exists\"}");
        expect("GET", "/users/1", null, 200, "{\"id\":1,\"name\":\"alice\",\"email\":\"a@x.io\",\"age\":30}");
        expect("PUT", "/users/1", "{\"age\":31}", 200, "{\"id\":1,\"name\":\"alice\",\"email\":\"a@x.io\",\"age\":31}");
        expect("PUT", "/users/1", "{\"name\":\"\",\"email\":\"al@x.io\"}", 200,
                "{\"id\":1,\"name\":\"alice\",\"email\":\"al@x.io\",\"age\":31}");
        expect("PUT", "/users/2", "{\"email\":\"al@x.io\"}", 409,
                "{\"error\":\"a user with email al@x.io already exists\",\"code\":\"already_exists\"}");
        expect("POST", "/users", "{\"name\":\"new\",\"email\":\"a@x.io\"}", 201,
                "{\"id\":3,\"name\":\"new\",\"email\":\"a@x.io\",\"age\":0}");
        expect("GET", "/users", null, 200, "[{\"id\":1,\"name\":\"alice\",\"email\":\"al@x.io\",\"age\":31},"
                + "{\"id\":2,\"name\":\"bob\",\"email\":\"b@x.io\",\"age\":0},{\"id\":3,\"name\":\"new\",\"email\":\"a@x.io\",\"age\":0}]");
        expect("GET", "/users?page=2&limit=2", null, 200, "[{\"id\":3,\"name\":\"new\",\"email\":\"a@x.io\",\"age\":0}]");
        expect("GET", "/users?page=5&limit=2", null, 200, "[]");
        expect("DELETE", "/users/2", null, 200, "{\"deleted\":true}");
        expect("DELETE", "/users/2", null, 404, "{\"error\":\"user 2 not found\",\"code\":\"not_found\"}");
        expect("GET", "/users/2", null, 404, "{\"error\":\"user 2 not found\",\"code\":\"not_found\"}");
        expect("PUT", "/users/2", "{\"age\":1}", 404, "{\"error\":\"user 2 not found\",\"code\":\"not_found\"}");
        expect("GET", "/health", null, 200, "{\"status\":\"OK\"}");
        String log = logs.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("method=CreateUser took="), log);
        assertTrue(log.contains("method=DeleteUser took=") && log.contains("err=\"user 2 not found\""), log);
    }

    @Test
    void badInputGets400sWithClearMessages() throws Exception {
        String bad = "\",\"code\":\"invalid_argument\"}";
        expect("POST", "/users", "{\"email\":\"a@x.io\"}", 400, "{\"error\":\"name is required" + bad);
        expect("POST", "/users", "{\"name\":\"a\"}", 400, "{\"error\":\"email is required" + bad);
        expect("POST", "/users", "{\"name\":\"a\",\"email\":\"nope\"}", 400, "{\"error\":\"email is not a valid address" + bad);
        expect("POST", "/users", "{\"name\":\"a\",\"email\":\"a@x.io\",\"age\":-1}", 400, "{\"error\":\"age must be between 0 and 200" + bad);
        expect("POST", "/users", "{\"name\":\"a\",\"email\":\"a@x.io\",\"age\":\"30\"}", 400,
                "{\"error\":\"invalid JSON: field \\\"age\\\" must be an integer" + bad);
        expect("POST", "/users", "{\"name\":[1],\"email\":\"a@x.io\"}", 400, "{\"error\":\"invalid JSON: field \\\"name\\\" must be a string" + bad);
        expect("POST", "/users", "{\"name\":\"a\",", 400, "{\"error\":\"malformed JSON at line 1, column 13" + bad);
        expect("POST", "/users", "null", 400, "{\"error\":\"request body must not be null" + bad);
        expect("PUT", "/users/1", "null", 400, "{\"error\":\"request body must not be null" + bad);
        expect("GET", "/users/abc", null, 400, "{\"error\":\"path parameter id must be an integer" + bad);
        expect("GET", "/users/99999999999999999999", null, 400, "{\"error\":\"path parameter id is out of range" + bad);
        expect("GET", "/users?page=0", null, 400, "{\"error\":\"page must be 1 or more" + bad);
        expect("GET", "/users?limit=101", null, 400, "{\"error\":\"limit must be between 1 and 100" + bad);
        expect("GET", "/users?limit=x", null, 400, "{\"error\":\"query parameter limit must be an integer" + bad);
        expect("GET", "/users?page=99999999999", null, 400, "{\"error\":\"query parameter page is out of range" + bad);
        expect("DELETE", "/users", null, 405, "{\"error\":\"method DELETE is not allowed on this path\",\"code\":\"method_not_allowed\"}");
        expect("GET", "/nope", null, 404, "{\"error\":\"no route for GET /nope\",\"code\":\"not_found\"}");
        // Raw socket: the server answers a declared 2 MiB body before reading it; an HTTP client still
        // uploading 2 MiB may see the connection closed under it instead of the answer.
        String big = rawExchange("POST /users HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + (2 << 20) + "\r\n\r\n{\"name\":\"xxxx");
        assertTrue(big.startsWith("HTTP/1.1 413 "), big);
        assertTrue(big.endsWith("\r\n\r\n{\"error\":\"request body is larger than 1048576 bytes\",\"code\":\"payload_too_large\"}\n"), big);
        expect("GET", "/health", null, 200, "{\"status\":\"OK\"}");
    }

    @Test
    void emailsStayUniqueUnderConcurrentCreates() throws Exception {
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            calls.add(() -> send("POST", "/users", "{\"name\":\"n\",\"email\":\"same@x.io\"}").statusCode());
        }
        int created = 0;
        int conflicts = 0;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Integer> f : pool.invokeAll(calls)) {
                int s = f.get();
                created += s == 201 ? 1 : 0;
                conflicts += s == 409 ? 1 : 0;
            }
        }
        assertEquals(1, created);
        assertEquals(39, conflicts);
    }
}
