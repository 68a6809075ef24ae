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


    /**
     * Every 400 message the codec writes: its own sentences, where only a field name (the client's own text,
     * quoted) or a position varies. A parser message passed through would not match. (Checking for
     * "com.fasterxml" in the text instead fails on a field the client named so: the fuzzer found one.)
     */
    static final java.util.regex.Pattern MESSAGE_SHAPE = java.util.regex.Pattern.compile(
            "(?s)(invalid JSON: number out of range( for field \".*\")?|invalid JSON: unexpected data after the JSON value"
            + "|malformed JSON|invalid JSON: duplicate field '.*')( at line \\d+, column \\d+)?"
            + "|request body is empty: a JSON value is required|request body must not be null"
            + "|malformed JSON: the body is not valid UTF-8( \\(at byte \\d+\\))?"
            + "|invalid JSON: expected (an integer|a number|a boolean|a string|an array|an object|a valid value) as the body"
            + "|invalid JSON: field \".*\" must be (an integer|a number|a boolean|a string|an array|an object|a valid value)"
            + "|invalid JSON(: bad value for field \".*\")?"
            + "|invalid JSON: [a-z ]+|could not read the request body");

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
            assertTrue(MESSAGE_SHAPE.matcher(info.message()).matches(),
                    "the message has one of the codec's own shapes (no parser internals): " + info.message());
        }
    }

    @AfterAll
    static void report() {
        System.out.println("JsonDecoderFuzzTest: " + RUNS.get() + " inputs ran");
    }
}
