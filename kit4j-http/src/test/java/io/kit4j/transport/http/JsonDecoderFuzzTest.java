package io.kit4j.transport.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kit4j.errors.ErrorInfo;
import io.kit4j.errors.KitError;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes {@link JsonCodec}'s decoders with Jazzer: any bytes, decoded as records, untyped JSON, lists
 * and maps, must give a value or a 400 {@link KitError} — never another exception, never a 5xx. Seeds
 * are in {@code src/test/resources/io/kit4j/transport/http/JsonDecoderFuzzTestInputs}.
 */
class JsonDecoderFuzzTest {
    static final AtomicLong RUNS = new AtomicLong();

    record Address(String street, Integer zip) {
    }

    record User(String name, String email, int age, long id, double score, float ratio, boolean admin,
            Integer optional, List<String> tags, Map<String, Address> addresses, Address home) {
    }

    /** Chosen by the first input byte: '0' (0x30) is User, '1' Object, '2' User[], '3' Map, ... */
    static final Class<?>[] TYPES = {User.class, Object.class, User[].class, Map.class, List.class, String.class,
        Double.class, int.class};


    /** Input: one byte choosing the target type (low bits) and the stream or byte-array path (high bit), then the body. */
    @FuzzTest(maxDuration = "8s")
    void decodersAnswerAValueOrA400(byte[] input) {
        RUNS.incrementAndGet();
        if (input.length == 0) {
            return;
        }
        Class<?> type = TYPES[Math.floorMod((input[0] & 0x7f) - '0', TYPES.length)];
        boolean stream = (input[0] & 0x80) != 0;
        byte[] body = java.util.Arrays.copyOfRange(input, 1, input.length);
        try {
            Object value = stream ? JsonCodec.defaults().read(new java.io.ByteArrayInputStream(body), type)
                    : JsonCodec.defaults().read(body, type);
            if (value != null) {
                JsonCodec.defaults().write(value); // what was accepted can be written back
            }
        } catch (KitError e) {
            ErrorInfo info = ErrorInfo.of(e);
            assertTrue(info.status() == 400, "status " + info.status() + ": " + info.message());
            assertTrue(!info.message().contains("com.fasterxml") && !info.message().contains("io.kit4j"),
                    "no internals in the message: " + info.message());
        }
    }

    @AfterAll
    static void report() {
        System.out.println("JsonDecoderFuzzTest: " + RUNS.get() + " inputs ran");
    }
}
