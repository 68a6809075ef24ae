package io.kit4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.log.Logger;
import io.kit4j.transport.http.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Attacks on the user service itself over raw sockets (so no client normalises them): each gets the
 * status it should, as a JSON error, and the service keeps answering.
 */
class UserServiceHostileInputTest {
    static HttpServer server;

    @BeforeAll
    static void start() {
        server = UserServiceApp.start("127.0.0.1", 0, Logger.nop(), UserServiceApp.Middlewares.FULL);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @AfterEach
    void stillServes() throws Exception {
        assertTrue(exchange("GET /health HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII))
                .startsWith("HTTP/1.1 200 "));
    }

    static String exchange(byte[] request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(15_000);
            try {
                s.getOutputStream().write(request);
                s.shutdownOutput();
            } catch (IOException answeredEarly) {
                // the server may answer (413, 431) and close before reading everything
            }
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            try {
                in.transferTo(buf);
            } catch (IOException reset) {
                // keep what arrived
            }
            return buf.toString(StandardCharsets.UTF_8);
        }
    }

    static byte[] request(String method, String target, String headers, byte[] body) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes((method + " " + target + " HTTP/1.1\r\nHost: a\r\nConnection: close\r\n" + headers
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        b.writeBytes(body);
        return b.toByteArray();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            oversized body               | POST   | /login              |                                 | BIG        | 413 | payload_too_large
            deeply nested JSON           | POST   | /login              |                                 | DEEP       | 400 | nesting depth
            invalid UTF-8                | POST   | /login              |                                 | BADUTF8    | 400 | not valid UTF-8
            duplicate keys               | POST   | /login              |                                 | DUPKEYS    | 400 | duplicate field
            number out of range          | POST   | /users              | AUTH                            | BIGAGE     | 400 | number out of range
            dot segments                 | GET    | /users/1/..         |                                 |            | 400 | dot segments
            encoded dot segments         | GET    | /users/%2e%2e/1     |                                 |            | 400 | invalid_argument
            encoded slash                | GET    | /users/1%2F2        |                                 |            | 400 | invalid_argument
            unknown method               | BREW   | /users              |                                 |            | 501 | not implemented
            wrong method                 | PATCH  | /users/1            |                                 |            | 405 | not allowed
            huge bearer token            | DELETE | /users/1            | HUGEAUTH                        |            | 431 | headers_too_large
            token of garbage             | DELETE | /users/1            | GARBAGE                         |            | 401 | JWT is malformed
            alg none                     | DELETE | /users/1            | NONE                            |            | 401 | unexpected signing method
            """)
    void attack(String name, String method, String target, String headers, String body, int status, String words)
            throws Exception {
        String h = headers == null ? "" : switch (headers) {
            case "AUTH" -> "Authorization: " + AuthFixtures.ADMIN + "\r\n";
            case "HUGEAUTH" -> "Authorization: Bearer " + "a".repeat(20_000) + "\r\n";
            case "NONE" -> "Authorization: Bearer " + b64("{\"alg\":\"none\"}") + "." + b64("{\"sub\":\"admin\","
                    + "\"roles\":[\"admin\"],\"iss\":\"kit4j-usersvc\",\"aud\":\"kit4j-usersvc\",\"exp\":9999999999}") + ".\r\n";
            case "GARBAGE" -> "Authorization: Bearer a.b.c\r\n";
            default -> throw new IllegalArgumentException(headers);
        };
        byte[] b = body == null ? new byte[0] : switch (body) {
            case "BIG" -> ("{\"username\":\"" + "x".repeat(2 << 20) + "\"}").getBytes(StandardCharsets.US_ASCII);
            case "DEEP" -> "{\"a\":".repeat(50_000).getBytes(StandardCharsets.US_ASCII);
            case "BADUTF8" -> new byte[] {'{', '"', 'u', 's', 'e', 'r', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
            case "DUPKEYS" -> "{\"username\":\"viewer\",\"password\":\"x\",\"username\":\"admin\"}".getBytes(StandardCharsets.US_ASCII);
            case "BIGAGE" -> "{\"name\":\"a\",\"email\":\"a@x.io\",\"age\":99999999999}".getBytes(StandardCharsets.US_ASCII);
            default -> body.getBytes(StandardCharsets.UTF_8);
        };
        String answer = exchange(request(method, target, h, b));
        assertTrue(answer.startsWith("HTTP/1.1 " + status + " "), name + ": " + answer);
        assertTrue(answer.contains("Content-Type: application/json"), name + ": " + answer);
        assertTrue(answer.contains(words), name + ": " + answer);
        assertEquals(-1, answer.indexOf("Exception"), answer);
    }

    static String b64(String s) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
