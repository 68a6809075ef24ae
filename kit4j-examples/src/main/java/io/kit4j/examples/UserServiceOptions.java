package io.kit4j.examples;

import io.kit4j.tracing.Tracing;
import java.net.URI;

/**
 * What a user service instance adds beyond {@link UserServiceApp.Middlewares}: tracing (with
 * {@link UserServiceApp.Middlewares#FULL} only) and a downstream name service.
 *
 * @param tracing the tracing to record requests with, or null for none
 * @param namesFrom the base URI of another instance whose {@code GET /user/{uid}} answers this instance's
 *     GetName calls (the downstream hop of the tracing example), or null to answer them locally
 */
public record UserServiceOptions(Tracing tracing, URI namesFrom) {
    /** No tracing, GetName answered locally. */
    public static final UserServiceOptions NONE = new UserServiceOptions(null, null);
}
