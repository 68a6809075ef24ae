package io.kit4j.gateway;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The addresses whose {@code X-Forwarded-*} and {@code Forwarded} headers the gateway believes: other
 * proxies in front of it. Entries are IP literals or CIDR blocks ({@code 10.0.0.0/8}, {@code ::1/128});
 * host names are refused (no DNS lookups). Everyone else's forwarding headers are dropped and replaced.
 */
public final class TrustedProxies {
    private static final TrustedProxies NONE = new TrustedProxies(List.of(), List.of());

    private final List<String> specs;
    private final List<Block> blocks;

    private record Block(byte[] network, int prefixBits) {
    }

    private TrustedProxies(List<String> specs, List<Block> blocks) {
        this.specs = List.copyOf(specs);
        this.blocks = List.copyOf(blocks);
    }

    /** Trusts nobody: every client-sent forwarding header is replaced. */
    public static TrustedProxies none() {
        return NONE;
    }

    /** Trusts the given IP literals and CIDR blocks; a malformed entry is an {@link IllegalArgumentException}. */
    public static TrustedProxies of(List<String> specs) {
        List<Block> blocks = new ArrayList<>();
        for (String spec : specs) {
            blocks.add(parse(spec));
        }
        return new TrustedProxies(specs, blocks);
    }

    /** The entries as given. */
    public List<String> specs() {
        return specs;
    }

    /** True when {@code ip} (an IP literal, as the server reports the peer) is trusted. */
    public boolean contains(String ip) {
        if (blocks.isEmpty() || ip == null) {
            return false;
        }
        byte[] addr;
        try {
            addr = literal(strip(ip));
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (Block b : blocks) {
            if (b.network.length == addr.length && samePrefix(b.network, addr, b.prefixBits)) {
                return true;
            }
        }
        return false;
    }

    private static Block parse(String spec) {
        String s = spec == null ? "" : spec.trim();
        int slash = s.indexOf('/');
        byte[] addr = literal(slash < 0 ? s : s.substring(0, slash));
        int bits = addr.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("trusted proxy " + spec + ": bad prefix length");
            }
            if (bits < 0 || bits > addr.length * 8) {
                throw new IllegalArgumentException("trusted proxy " + spec + ": prefix length out of range");
            }
        }
        return new Block(addr, bits);
    }

    private static String strip(String ip) {
        return ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
    }

    /** The bytes of an IP literal; anything else (a host name) is refused without a lookup. */
    private static byte[] literal(String s) {
        String v = strip(s);
        if (v.isEmpty() || !v.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')
                || (v.indexOf(':') < 0 && !v.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) {
            throw new IllegalArgumentException("not an IP address or CIDR block: " + s);
        }
        try {
            return InetAddress.getByName(v).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address or CIDR block: " + s, e);
        }
    }

    private static boolean samePrefix(byte[] a, byte[] b, int bits) {
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & mask) == (b[full] & mask);
    }

    @Override
    public String toString() {
        return "TrustedProxies" + specs;
    }
}
