package io.kit4j.transport.grpc;

import io.grpc.Deadline;
import io.grpc.Grpc;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.kit4j.context.Cancellable;
import io.kit4j.context.Context;
import io.kit4j.errors.ErrorInfo;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The kit4j context of one server call: the gRPC deadline as its deadline, cancelled when gRPC cancels
 * the call (client gone, deadline passed, server stopping), with the method name and peer; and the
 * steps every adapter shares (answering a failure, running the finalizers).
 */
final class ServerCallScope implements io.grpc.Context.CancellationListener {
    private final io.grpc.Context grpcContext;
    private final Cancellable cancellable;

    private ServerCallScope(io.grpc.Context grpcContext, Cancellable cancellable) {
        this.grpcContext = grpcContext;
        this.cancellable = cancellable;
    }

    /** Opens the scope of {@code call}; {@code grpcContext} is the call's gRPC context. */
    static ServerCallScope open(io.grpc.Context grpcContext, ServerCall<?, ?> call, ServerOptions options) {
        Context ctx = Context.background();
        if (options.finalizers.length > 0) {
            ctx = ctx.with(GrpcContextKeys.REQUEST_START_NANOS, ctx.clock().nanoTime());
        }
        Deadline deadline = grpcContext.getDeadline();
        if (deadline != null) {
            ctx = ctx.withTimeout(Duration.ofNanos(deadline.timeRemaining(TimeUnit.NANOSECONDS)));
        }
        ctx = ctx.with(GrpcContextKeys.FULL_METHOD, call.getMethodDescriptor().getFullMethodName());
        SocketAddress peer = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        if (peer != null) {
            ctx = ctx.with(GrpcContextKeys.REMOTE_ADDR, peer);
        }
        ServerCallScope scope = new ServerCallScope(grpcContext, ctx.withCancel());
        grpcContext.addListener(scope, Runnable::run);
        return scope;
    }

    /** The call's context. */
    Context context() {
        return cancellable.context();
    }

    @Override
    public void cancelled(io.grpc.Context context) {
        cancellable.cancel();
    }

    /** Ends the scope: as Go's {@code defer cancel()}, the call's context is cancelled. */
    void close() {
        grpcContext.removeListener(this);
        cancellable.cancel();
    }

    /** Reports {@code error} and closes {@code call} with its status; returns the status sent. */
    static Status fail(ServerCall<?, ?> call, ServerOptions options, Context ctx, Throwable error) {
        options.errorHandler.handle(ctx, error);
        ErrorInfo info = ErrorInfo.of(error);
        Status status = GrpcErrors.status(info);
        try {
            call.close(status, GrpcErrors.trailers(info));
        } catch (IllegalStateException alreadyClosed) {
            // the failure came from sending the answer after the call had been closed or cancelled
        }
        return status;
    }

    /** Runs the finalizers. */
    static void finish(ServerOptions options, Context ctx, Status status, Throwable error) {
        for (ServerFinalizer f : options.finalizers) {
            f.finish(ctx, status, error);
        }
    }
}
