package io.kit4j.gateway;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * The hop-by-hop headers of RFC 9110 §7.6.1, which a proxy must not forward: {@code Connection} and every
 * header it names, {@code Keep-Alive}, {@code TE}, {@code Trailer}, {@code Transfer-Encoding},
 * {@code Upgrade}, and every {@code Proxy-*} header (Proxy-Connection, Proxy-Authorization,
 * Proxy-Authenticate).
 */
final class HopByHop {
    private static final Set<String> FIXED = Set.of("connection", "keep-alive", "te", "trailer",
            "transfer-encoding", "upgrade");

    private HopByHop() {
    }

    /** The lower-case names {@code fields} makes hop-by-hop through its Connection headers. */
    static Set<String> named(HttpFields fields) {
        Set<String> out = null;
        for (HttpField f : fields) {
            HttpHeader h = f.getHeader(); // known names come parsed as such: no string comparison
            if ((h != null ? h == HttpHeader.CONNECTION : f.getName().equalsIgnoreCase("connection")) && f.getValue() != null) {
                for (String token : f.getValue().split(",")) {
                    String t = token.trim().toLowerCase(Locale.ROOT);
                    if (!t.isEmpty()) {
                        if (out == null) {
                            out = new HashSet<>();
                        }
                        out.add(t);
                    }
                }
            }
        }
        return out == null ? Set.of() : out;
    }

    /** True when the header {@code f} must not cross the proxy. */
    static boolean isHopByHop(HttpField f, Set<String> namedByConnection) {
        HttpHeader h = f.getHeader();
        if (h != null && namedByConnection.isEmpty()) {
            return switch (h) {
                case CONNECTION, KEEP_ALIVE, TE, TRAILER, TRANSFER_ENCODING, UPGRADE, PROXY_CONNECTION,
                        PROXY_AUTHORIZATION, PROXY_AUTHENTICATE -> true;
                default -> false;
            };
        }
        return isHopByHop(f.getLowerCaseName(), namedByConnection);
    }

    /** True when the header {@code lowerName} (lower case) must not cross the proxy. */
    static boolean isHopByHop(String lowerName, Set<String> namedByConnection) {
        return FIXED.contains(lowerName) || lowerName.startsWith("proxy-") || namedByConnection.contains(lowerName);
    }
}
