package io.kit4j.metrics.prometheus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small parser of the Prometheus text format and OpenMetrics text, written for the tests so that they
 * assert samples (name, labels, value) rather than strings.
 */
final class Exposition {
    record Sample(String name, Map<String, String> labels, double value) {
    }

    final List<Sample> samples = new ArrayList<>();
    final Map<String, String> types = new HashMap<>();
    final Map<String, String> helps = new HashMap<>();
    boolean eof;

    static Exposition parse(String text) {
        Exposition e = new Exposition();
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            if (e.eof) {
                throw new IllegalArgumentException("content after # EOF: " + line);
            }
            if (line.equals("# EOF")) {
                e.eof = true;
            } else if (line.startsWith("# TYPE ")) {
                String[] p = line.substring(7).split(" ", 2);
                e.types.put(p[0], p[1]);
            } else if (line.startsWith("# HELP ")) {
                String[] p = line.substring(7).split(" ", 2);
                e.helps.put(p[0], p.length > 1 ? p[1] : "");
            } else if (line.startsWith("#")) {
                continue;
            } else {
                e.samples.add(sample(line));
            }
        }
        return e;
    }

    private static Sample sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String label = line.substring(i, eq);
                if (line.charAt(eq + 1) != '"') {
                    throw new IllegalArgumentException("unquoted label value: " + line);
                }
                StringBuilder v = new StringBuilder();
                int j = eq + 2;
                while (line.charAt(j) != '"') {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char n = line.charAt(++j);
                        v.append(n == 'n' ? '\n' : n);
                    } else {
                        v.append(c);
                    }
                    j++;
                }
                labels.put(label, v.toString());
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            i++;
        }
        String[] rest = line.substring(i).trim().split(" ");
        return new Sample(name, labels, parseValue(rest[0]));
    }

    private static double parseValue(String s) {
        return switch (s) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }

    /** The samples called {@code name}. */
    List<Sample> named(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The value of the one sample called {@code name} with exactly {@code labels} (name/value pairs). */
    double value(String name, String... labels) {
        Map<String, String> want = new LinkedHashMap<>();
        for (int k = 0; k < labels.length; k += 2) {
            want.put(labels[k], labels[k + 1]);
        }
        List<Sample> found = samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(want)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one sample " + name + want + ", found " + found + " among " + samples);
        }
        return found.get(0).value();
    }
}
