package io.kit4j.transport.grpc;

import io.grpc.Metadata;
import io.kit4j.context.ContextKey;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Hooks that move single metadata values: go-kit's {@code SetRequestHeader}, {@code SetResponseHeader},
 * {@code SetResponseTrailer} (keys are lower-cased; a key ending in {@code -bin} carries the value's
 * UTF-8 bytes, which gRPC sends base64-encoded), and the two directions between a context value and a
 * metadata entry, for propagating, say, a request id through a chain of services.
 */
public final class GrpcMetadata {
    private GrpcMetadata() {
    }

    /** go-kit's {@code SetRequestHeader}: a client before hook adding {@code key: value}. */
    public static ClientRequestHook setRequestHeader(String key, String value) {
        return (ctx, md) -> {
            put(md, key, value);
            return ctx;
        };
    }

    /** go-kit's {@code SetResponseHeader}: a server after hook adding a response header. */
    public static ServerResponseHook setResponseHeader(String key, String value) {
        return (ctx, headers, trailers) -> {
            put(headers, key, value);
            return ctx;
        };
    }

    /** go-kit's {@code SetResponseTrailer}: a server after hook adding a trailer. */
    public static ServerResponseHook setResponseTrailer(String key, String value) {
        return (ctx, headers, trailers) -> {
            put(trailers, key, value);
            return ctx;
        };
    }

    /** A server before hook storing the last value of request header {@code key} (if sent) under {@code ctxKey}. */
    public static ServerRequestHook toContext(String key, ContextKey<String> ctxKey) {
        return (ctx, md) -> {
            String v = get(md, key);
            return v == null ? ctx : ctx.with(ctxKey, v);
        };
    }

    /** A client before hook sending the context's value under {@code ctxKey} (if any) as header {@code key}. */
    public static ClientRequestHook fromContext(ContextKey<String> ctxKey, String key) {
        return (ctx, md) -> {
            String v = ctx.get(ctxKey);
            if (v != null) {
                put(md, key, v);
            }
            return ctx;
        };
    }

    /** Adds {@code value} under {@code key} (lower-cased; {@code -bin} keys carry UTF-8 bytes). */
    public static void put(Metadata md, String key, String value) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
            md.put(Metadata.Key.of(k, Metadata.BINARY_BYTE_MARSHALLER), value.getBytes(StandardCharsets.UTF_8));
        } else {
            md.put(Metadata.Key.of(k, Metadata.ASCII_STRING_MARSHALLER), value);
        }
    }

    /** The last value under {@code key}, or null ({@code -bin} values decoded as UTF-8). */
    public static String get(Metadata md, String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
            byte[] v = md.get(Metadata.Key.of(k, Metadata.BINARY_BYTE_MARSHALLER));
            return v == null ? null : new String(v, StandardCharsets.UTF_8);
        }
        return md.get(Metadata.Key.of(k, Metadata.ASCII_STRING_MARSHALLER));
    }
}
