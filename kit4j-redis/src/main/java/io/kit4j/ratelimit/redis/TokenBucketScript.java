package io.kit4j.ratelimit.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * The Lua script {@code token-bucket.lua} (beside this class) that takes tokens from one bucket atomically
 * on the Redis server. It runs by its SHA-1 ({@code EVALSHA}, the script's text is not sent each time);
 * when the server does not know it ({@code NOSCRIPT}: a new or restarted server, {@code SCRIPT FLUSH}) it
 * runs once by its text ({@code EVAL}), which caches it again.
 */
final class TokenBucketScript {
    static final String SOURCE = load();
    static final String SHA1 = sha1(SOURCE);

    private TokenBucketScript() {
    }

    /** The script's raw answer for {@code key} and {@code args}; Jedis exceptions pass through. */
    static List<?> run(UnifiedJedis jedis, String key, List<String> args) {
        List<String> keys = List.of(key);
        Object out;
        try {
            out = jedis.evalsha(SHA1, keys, args);
        } catch (JedisNoScriptException e) {
            out = jedis.eval(SOURCE, keys, args);
        }
        if (!(out instanceof List<?> list) || list.size() != 3) {
            throw new IllegalStateException("unexpected answer of the token bucket script: " + out);
        }
        return list;
    }

    private static String load() {
        try (InputStream in = TokenBucketScript.class.getResourceAsStream("token-bucket.lua")) {
            if (in == null) {
                throw new IllegalStateException("token-bucket.lua is missing from the kit4j-redis jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
