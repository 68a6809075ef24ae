package io.kit4j.transport.http.routing;

import java.util.regex.Pattern;

/**
 * One parsed segment of a {@link PathTemplate}: the unit the route trie branches on. The {@code key} of
 * the variable kinds identifies the segment's shape (its regex, not its variable names), so templates
 * that agree up to some segment share trie nodes.
 */
sealed interface Segment {

    /** Literal text that must equal the decoded request segment exactly. */
    record Literal(String text) implements Segment {}

    /**
     * A segment holding one or more variables, possibly mixed with literal text, such as {@code {id}},
     * {@code {uid:\d+}} or {@code {name}.json}. A null {@code pattern} means one variable spanning the whole
     * segment with no regex: any non-empty segment matches, without running a regex. Otherwise
     * {@code groups[i]} is the capturing group of the i-th variable in {@code pattern}.
     */
    record Variable(String key, Pattern pattern, int[] groups) implements Segment {

        /** The number of variables this segment captures. */
        int count() {
            return groups.length;
        }
    }

    /** A variable spanning the rest of the path, slashes included; always the template's last segment. */
    record CatchAll(String key, Pattern pattern) implements Segment {}
}
