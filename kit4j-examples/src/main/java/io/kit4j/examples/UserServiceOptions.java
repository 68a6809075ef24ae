package io.kit4j.examples;

import io.kit4j.examples.usersvc.UserService;
import io.kit4j.tracing.Tracing;
import java.net.URI;

/**
 * What a user service instance adds beyond {@link UserServiceApp.Middlewares}: tracing (with
 * {@link UserServiceApp.Middlewares#FULL} only) and a downstream name service.
 *
 * @param tracing the tracing to record requests with, or null for none
 * @param namesFrom the base URI of another instance whose {@code GET /user/{uid}} answers this instance's
 *     GetName calls (the downstream hop of the tracing example), or null to answer them locally
 * @param store the user service the endpoints serve, or null for a new in-memory one per instance (the
 *     demo gives its instances one shared store, as instances behind one database would have)
 */
public record UserServiceOptions(Tracing tracing, URI namesFrom, UserService store) {
    /** No tracing, GetName answered locally. */
    public static final UserServiceOptions NONE = new UserServiceOptions(null, null, null);

    /** {@code tracing} and {@code namesFrom} over a new in-memory store. */
    public UserServiceOptions(Tracing tracing, URI namesFrom) {
        this(tracing, namesFrom, null);
    }

    /** These options with {@code store} as the user service. */
    public UserServiceOptions withStore(UserService store) {
        return new UserServiceOptions(tracing, namesFrom, store);
    }
}
