package io.kit4j.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A route's {@code headers}: header name to a regular expression that one of the request's values of that
 * header must match whole ({@code X-Version: "v2|v3"}, {@code X-Canary: "true"}, {@code X-Tenant: ".+"} for
 * "present"). Names are case-insensitive; a header the request lacks never matches. All entries must hold.
 */
final class HeaderMatch {
    static final HeaderMatch ANY = new HeaderMatch(List.of(), List.of(), Map.of());

    private final List<String> names;
    private final List<Pattern> patterns;
    private final Map<String, String> view;

    private HeaderMatch(List<String> names, List<Pattern> patterns, Map<String, String> view) {
        this.names = names;
        this.patterns = patterns;
        this.view = view;
    }

    /** Compiles {@code spec} (null or empty: matches every request); a bad name or regex is an error saying which. */
    static HeaderMatch of(Map<String, String> spec) {
        if (spec == null || spec.isEmpty()) {
            return ANY;
        }
        List<String> names = new ArrayList<>();
        List<Pattern> patterns = new ArrayList<>();
        Map<String, String> view = new TreeMap<>();
        for (Map.Entry<String, String> e : spec.entrySet()) {
            String name = e.getKey() == null ? "" : e.getKey().trim();
            if (name.isEmpty() || !name.chars().allMatch(HeaderMatch::tokenChar)) {
                throw new IllegalArgumentException("headers: not a header name: '" + e.getKey() + "'");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("headers." + name + ": a regular expression is required (\".+\": present)");
            }
            try {
                patterns.add(Pattern.compile(e.getValue()));
            } catch (PatternSyntaxException x) {
                throw new IllegalArgumentException("headers." + name + ": not a regular expression: " + x.getDescription());
            }
            names.add(name.toLowerCase(Locale.ROOT));
            view.put(name, e.getValue());
        }
        return new HeaderMatch(List.copyOf(names), List.copyOf(patterns), Map.copyOf(view));
    }

    /** True when every entry has a matching value among {@code values.apply(name)}. */
    boolean matches(Function<String, List<String>> values) {
        for (int i = 0; i < names.size(); i++) {
            if (!any(values.apply(names.get(i)), patterns.get(i))) {
                return false;
            }
        }
        return true;
    }

    boolean isEmpty() {
        return names.isEmpty();
    }

    /** The entries as configured, for the admin view. */
    Map<String, String> view() {
        return view;
    }

    private static boolean any(List<String> values, Pattern p) {
        if (values == null) {
            return false;
        }
        for (String v : values) {
            if (p.matcher(v).matches()) {
                return true;
            }
        }
        return false;
    }

    private static boolean tokenChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
