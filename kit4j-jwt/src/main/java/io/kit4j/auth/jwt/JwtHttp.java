package io.kit4j.auth.jwt;

import io.kit4j.transport.http.ClientRequestHook;
import io.kit4j.transport.http.RequestHook;

/**
 * Moves tokens between HTTP headers and the context: go-kit's {@code HTTPToContext} and
 * {@code ContextToHTTP}.
 */
public final class JwtHttp {
    private JwtHttp() {
    }

    /**
     * Server before-hook: {@code Authorization: Bearer <token>} into {@link JwtContextKeys#TOKEN}. As in
     * go-kit, the header must be exactly two parts split on one space, the first {@code bearer} in any case;
     * anything else leaves the context unchanged (the parser then answers "no bearer token").
     */
    public static RequestHook httpToContext() {
        return (ctx, request) -> {
            String token = bearer(request.header("Authorization"));
            return token == null ? ctx : ctx.with(JwtContextKeys.TOKEN, token);
        };
    }

    /** Client before-hook: {@link JwtContextKeys#TOKEN} into {@code Authorization: Bearer <token>}, if present. */
    public static ClientRequestHook contextToHttp() {
        return (ctx, request) -> {
            String token = ctx.get(JwtContextKeys.TOKEN);
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return ctx;
        };
    }

    /** The token of an {@code Authorization} header value, or null. */
    /**
     * The token of an {@code Authorization} value {@code Bearer <token>} (go-kit's rule: exactly two parts
     * split on one space, the first {@code bearer} in any case), or null; for transports other than HTTP.
     */
    public static String bearer(String header) {
        if (header == null) {
            return null;
        }
        int sp = header.indexOf(' ');
        if (sp < 0 || header.indexOf(' ', sp + 1) >= 0 || sp == header.length() - 1
                || !header.substring(0, sp).equalsIgnoreCase("bearer")) {
            return null;
        }
        return header.substring(sp + 1);
    }
}
