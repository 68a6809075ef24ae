package io.kit4j.transport.http.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlashProbeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            .*                    | true
            .+                    | true
            .*\\.json             | true
            [a-z/]+               | true
            [^a]+                 | true
            \\S+                  | true
            \\W                   | true
            \\x2F                 | true
            \\x{2f}               | true
            \\u002F               | true
            \\057                 | true
            \\Qa/b\\E             | true
            \\p{Punct}+           | true
            [!-~]+                | true
            (?i)a/b               | true
            [^/]+                 | false
            \\d+                  | false
            \\w+                  | false
            [a-z]{2,3}            | false
            (?:[a-z]+)-(\\d+)     | false
            (?<n>[a-z]+)\\k<n>    | false
            ([a-z])\\1            | false
            \\Qa.b\\E             | false
            [a-z&&[^/]]+          | false
            \\p{Alpha}+           | false
            ^\\d+$                | false
            """)
    void detectsRegexesThatCanMatchASlash(String regex, boolean expected) {
        assertEquals(expected, SlashProbe.mayMatchSlash(regex));
    }
}
