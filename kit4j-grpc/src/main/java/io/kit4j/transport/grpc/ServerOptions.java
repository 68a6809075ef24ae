package io.kit4j.transport.grpc;

import io.kit4j.transport.ErrorHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The options of a bound gRPC method (go-kit's {@code ServerOption}s): before hooks, after hooks,
 * finalizers and the error handler. Immutable; one instance can serve every method of a service.
 */
public final class ServerOptions {
    private static final ServerOptions DEFAULTS = builder().build();

    final ServerRequestHook[] before;
    final ServerResponseHook[] after;
    final ServerFinalizer[] finalizers;
    final ErrorHandler errorHandler;

    private ServerOptions(Builder b) {
        before = b.before.toArray(ServerRequestHook[]::new);
        after = b.after.toArray(ServerResponseHook[]::new);
        finalizers = b.finalizers.toArray(ServerFinalizer[]::new);
        errorHandler = b.errorHandler;
    }

    /** No hooks, no finalizers, errors ignored (they are still answered). */
    public static ServerOptions defaults() {
        return DEFAULTS;
    }

    /** Starts a set of options. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ServerOptions}; list-valued options append, as go-kit's do. */
    public static final class Builder {
        private final List<ServerRequestHook> before = new ArrayList<>();
        private final List<ServerResponseHook> after = new ArrayList<>();
        private final List<ServerFinalizer> finalizers = new ArrayList<>();
        private ErrorHandler errorHandler = ErrorHandler.nop();

        private Builder() {
        }

        /** go-kit's {@code ServerBefore}: run in order before decoding. */
        public Builder before(ServerRequestHook... hooks) {
            before.addAll(List.of(hooks));
            return this;
        }

        /** go-kit's {@code ServerAfter}: run in order after the endpoint succeeded, before encoding. */
        public Builder after(ServerResponseHook... hooks) {
            after.addAll(List.of(hooks));
            return this;
        }

        /** go-kit's {@code ServerFinalizer}: run in order at the end of every call. */
        public Builder finalizer(ServerFinalizer... fs) {
            finalizers.addAll(List.of(fs));
            return this;
        }

        /** go-kit's {@code ServerErrorHandler}: observes every failure before it is answered. */
        public Builder errorHandler(ErrorHandler h) {
            errorHandler = Objects.requireNonNull(h);
            return this;
        }

        /** The options. */
        public ServerOptions build() {
            return new ServerOptions(this);
        }
    }
}
