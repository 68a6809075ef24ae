package io.kit4j.transport.http.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathDecoderTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            abc              | abc
            a%2Fb            | a/b
            a%2fb            | a/b
            %20x%20          | " x "
            a+b              | a+b
            caf%C3%A9        | café
            café%20bar       | café bar
            %E2%82%AC        | €
            %F0%9F%98%80     | 😀
            100%25           | 100%
            """)
    void decodesSegments(String raw, String decoded) {
        assertEquals(decoded, PathDecoder.decode(raw, 0, raw.length()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            %zz          | malformed percent-escape "%zz" at index 0
            ab%4         | malformed percent-escape "%4" at index 2
            ab%          | malformed percent-escape "%" at index 2
            %4g          | malformed percent-escape "%4g" at index 0
            %٣٣          | malformed percent-escape
            %C3          | not valid UTF-8
            %FF          | not valid UTF-8
            %C3x         | not valid UTF-8
            %ED%A0%80    | not valid UTF-8
            """)
    void rejectsMalformedEscapes(String raw, String message) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> PathDecoder.decode(raw, 0, raw.length()));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void splitsBeforeDecodingAndLeavesPlainSegmentsNull() {
        assertArrayEquals(new String[] {null, "a/b", null, "c d"},
                PathDecoder.decodeSegments("/users/a%2Fb/x/c%20d"));
        assertArrayEquals(new String[] {"%", null}, PathDecoder.decodeSegments("/%25/"));
    }

    @Test
    void escapeMustFitInsideItsSegment() {
        assertThrows(IllegalArgumentException.class, () -> PathDecoder.decodeSegments("/a%2/F"));
    }
}
