package io.kit4j.transport.grpc;

import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.CallOptions;
import io.kit4j.context.Context;
import io.kit4j.context.DeadlineExceededException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The options of a gRPC client endpoint (go-kit's {@code ClientOption}s): before hooks, after hooks,
 * finalizers, a timeout for calls whose context has no deadline, and grpc-java {@link CallOptions}
 * (compression, credentials, ...). Immutable.
 */
public final class ClientOptions {
    private static final ClientOptions DEFAULTS = builder().build();

    final ClientRequestHook[] before;
    final ClientResponseHook[] after;
    final ClientFinalizer[] finalizers;
    private final Duration timeout;
    private final CallOptions callOptions;

    private ClientOptions(Builder b) {
        before = b.before.toArray(ClientRequestHook[]::new);
        after = b.after.toArray(ClientResponseHook[]::new);
        finalizers = b.finalizers.toArray(ClientFinalizer[]::new);
        timeout = b.timeout;
        // Listener events only record state and wake the caller, so they run on the transport's thread.
        callOptions = b.callOptions.withExecutor(MoreExecutors.directExecutor());
    }

    /** No hooks, no finalizers, no timeout beyond the context's deadline. */
    public static ClientOptions defaults() {
        return DEFAULTS;
    }

    /** Starts a set of options. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The call options of one call: the context's deadline (or the timeout, if the context has none)
     * as the gRPC deadline. Throws the context's error when it is done already.
     */
    CallOptions forCall(Context ctx) {
        ctx.throwIfDone();
        var remaining = ctx.remaining();
        if (remaining.isPresent()) {
            long nanos = remaining.get().toNanos();
            if (nanos <= 0) {
                throw new DeadlineExceededException();
            }
            if (timeout != null) {
                nanos = Math.min(nanos, timeout.toNanos());
            }
            return callOptions.withDeadlineAfter(nanos, TimeUnit.NANOSECONDS);
        }
        return timeout == null ? callOptions : callOptions.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    void finish(Context ctx, Throwable error) {
        for (ClientFinalizer f : finalizers) {
            f.finish(ctx, error);
        }
    }

    /** Builds {@link ClientOptions}; list-valued options append. */
    public static final class Builder {
        private final List<ClientRequestHook> before = new ArrayList<>();
        private final List<ClientResponseHook> after = new ArrayList<>();
        private final List<ClientFinalizer> finalizers = new ArrayList<>();
        private Duration timeout;
        private CallOptions callOptions = CallOptions.DEFAULT;

        private Builder() {
        }

        /** go-kit's {@code ClientBefore}: run in order after encoding, before sending. */
        public Builder before(ClientRequestHook... hooks) {
            before.addAll(List.of(hooks));
            return this;
        }

        /** go-kit's {@code ClientAfter}: run in order after a successful call, before decoding. */
        public Builder after(ClientResponseHook... hooks) {
            after.addAll(List.of(hooks));
            return this;
        }

        /** go-kit's {@code ClientFinalizer}: run in order at the end of every call. */
        public Builder finalizer(ClientFinalizer... fs) {
            finalizers.addAll(List.of(fs));
            return this;
        }

        /** The longest a call may take (the earlier of this and the context's deadline). Default: no limit. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** grpc-java call options to start from (the executor is always kit4j's own). */
        public Builder callOptions(CallOptions options) {
            this.callOptions = Objects.requireNonNull(options);
            return this;
        }

        /** The options. */
        public ClientOptions build() {
            return new ClientOptions(this);
        }
    }
}
