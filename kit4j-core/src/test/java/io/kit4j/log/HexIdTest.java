package io.kit4j.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HexIdTest {

    @Test
    void sixtyFourBitIdsAreSixteenDigitsWithLeadingZeros() {
        HexId id = HexId.of(0x00f067aa0ba902b7L);
        assertEquals("00f067aa0ba902b7", id.toString());
        assertEquals(16, id.digits());
        assertEquals("0000000000000000", HexId.of(0).toString());
        assertEquals("ffffffffffffffff", HexId.of(-1).toString());
        assertEquals("8000000000000000", HexId.of(Long.MIN_VALUE).toString());
    }

    @Test
    void everyNibbleValueIsWrittenAsItsLowerCaseDigit() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        long[] edges = {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x0123456789abcdefL, 0xfedcba9876543210L,
            0x9999999999999999L, 0xaaaaaaaaaaaaaaaaL, 0x0a0a0a0a0a0a0a0aL, 0xf0f0f0f0f0f0f0f0L};
        for (int i = 0; i < 20_000; i++) {
            long high = i < edges.length ? edges[i] : random.nextLong();
            long low = i < edges.length ? edges[edges.length - 1 - i] : random.nextLong();
            assertEquals(String.format("%016x", low), HexId.of(low).toString());
            assertEquals(String.format("%016x%016x", high, low), HexId.of(high, low).toString());
        }
    }

    @Test
    void oneHundredTwentyEightBitIdsPutTheHighHalfFirst() {
        HexId id = HexId.of(0x4bf92f3577b34da6L, 0xa3ce929d0e0e4736L);
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", id.toString());
        assertEquals(32, id.digits());
        assertEquals("0000000000000000000000000000000a", HexId.of(0, 10).toString());
    }

    @Test
    void parseKeepsTheTextAndReadsTheBits() {
        String text = "4bf92f3577b34da6a3ce929d0e0e4736";
        HexId id = HexId.parse(text);
        assertSame(text, id.toString());
        assertEquals(0x4bf92f3577b34da6L, id.high());
        assertEquals(0xa3ce929d0e0e4736L, id.low());
        assertEquals(HexId.of(0x4bf92f3577b34da6L, 0xa3ce929d0e0e4736L), id);
        assertEquals(HexId.of(0x00f067aa0ba902b7L), HexId.parse("00f067aa0ba902b7"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "00f067aa0ba902b", "00F067AA0BA902B7", "00f067aa0ba902bg", "0x0067aa0ba902b7",
        "4bf92f3577b34da6a3ce929d0e0e473"})
    void parseRefusesWhatIsNotSixteenOrThirtyTwoLowerCaseDigits(String hex) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HexId.parse(hex));
        assertTrue(e.getMessage().contains(hex), e.getMessage());
    }

    @Test
    void aSixtyFourBitIdIsNotEqualToTheSameValueOnOneHundredTwentyEightBits() {
        assertNotEquals(HexId.of(7), HexId.of(0, 7));
        assertEquals(HexId.of(7).hashCode(), HexId.of(7).hashCode());
    }

    @Test
    void everyEncoderWritesTheDigits() throws IOException {
        HexId trace = HexId.of(0x4bf92f3577b34da6L, 0xa3ce929d0e0e4736L);
        HexId span = HexId.of(0x00f067aa0ba902b7L);
        assertEquals("trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span_id=00f067aa0ba902b7",
                Logfmt.marshal("trace_id", trace, "span_id", span));
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        Logger.json(json).log("span_id", span);
        assertEquals("{\"span_id\":\"00f067aa0ba902b7\"}\n", json.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theLogWriterEncodesEventsWithIdsLikeAnyOther() throws IOException {
        assertTrue(StreamLogger.immutable(new Object[] {"span_id", HexId.of(1)}));
        ByteArrayOutputStream dest = new ByteArrayOutputStream();
        AsyncOutputStream async = new AsyncOutputStream(dest, 8);
        Logger logger = Logger.logfmt(async);
        logger.log("trace_id", HexId.of(1, 2), "n", 1);
        logger.log("span_id", HexId.parse("00f067aa0ba902b7"));
        async.close();
        assertEquals("trace_id=00000000000000010000000000000002 n=1\nspan_id=00f067aa0ba902b7\n",
                dest.toString(StandardCharsets.UTF_8));
    }
}
