package io.kit4j.examples.auth;

import io.grpc.Metadata;
import io.kit4j.auth.jwt.JwtContextKeys;
import io.kit4j.auth.jwt.JwtHttp;
import io.kit4j.transport.grpc.ClientRequestHook;
import io.kit4j.transport.grpc.ServerRequestHook;

/**
 * The bearer token over gRPC: the {@code authorization} metadata entry carries {@code Bearer <token>},
 * as the {@code Authorization} header does over HTTP, so the same JWT middlewares guard both transports.
 */
public final class GrpcAuth {
    /** The {@code authorization} metadata key (gRPC's name for the HTTP/2 header). */
    public static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private GrpcAuth() {
    }

    /** Server before-hook: a {@code Bearer} token from the metadata into {@link JwtContextKeys#TOKEN}. */
    public static ServerRequestHook metadataToContext() {
        return (ctx, md) -> {
            String token = JwtHttp.bearer(md.get(AUTHORIZATION));
            return token == null ? ctx : ctx.with(JwtContextKeys.TOKEN, token);
        };
    }

    /** Client before-hook sending {@code authorization: <value>} (say {@code Bearer <token>}) on every call. */
    public static ClientRequestHook authorization(String value) {
        return (ctx, md) -> {
            md.put(AUTHORIZATION, value);
            return ctx;
        };
    }
}
