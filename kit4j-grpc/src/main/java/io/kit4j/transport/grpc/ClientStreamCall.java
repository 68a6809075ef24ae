package io.kit4j.transport.grpc;

import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import io.kit4j.context.Context;
import io.kit4j.context.ContextCanceledException;
import io.kit4j.context.Registration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One streaming client call (server-streaming or bidirectional). Events arrive on the transport's
 * thread and only record state; the caller's threads pull replies one at a time ({@code request(1)}
 * per {@link #receive()}: flow control by pulling) and wait for readiness before sending. One lock guards
 * the state and every use of the {@link ClientCall}, which is not thread-safe.
 */
final class ClientStreamCall<Q, R, PQ, PR> extends ClientCall.Listener<PR> implements ClientBidiStream<Q, R> {
    private static final long POLL_MILLIS = 50;

    private final ClientCall<PQ, PR> call;
    private final Encoder<Q, PQ> encoder;
    private final Decoder<PR, R> decoder;
    private final ClientOptions options;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<PR> inbox = new ArrayDeque<>();
    private Context ctx;
    private Registration onCancel = () -> { };
    private Metadata headers;
    private Status status;
    private Metadata trailers;
    private boolean requested;
    private boolean ended;

    ClientStreamCall(ClientCall<PQ, PR> call, Context ctx, Encoder<Q, PQ> encoder, Decoder<PR, R> decoder,
            ClientOptions options) {
        this.call = call;
        this.ctx = ctx;
        this.encoder = encoder;
        this.decoder = decoder;
        this.options = options;
    }

    /** Starts the call; for a server-streaming call also sends the one request and half-closes. */
    void start(Metadata requestHeaders, PQ onlyRequest) {
        lock.lock();
        try {
            call.start(this, requestHeaders);
            if (onlyRequest != null) {
                call.sendMessage(onlyRequest);
                call.halfClose();
            }
        } finally {
            lock.unlock();
        }
        onCancel = ctx.onCancel(this::cancelFromContext);
    }

    // ---- transport events ----

    @Override
    public void onHeaders(Metadata h) {
        lock.lock();
        try {
            headers = h;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onMessage(PR message) {
        lock.lock();
        try {
            requested = false;
            inbox.add(message);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onReady() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onClose(Status s, Metadata t) {
        lock.lock();
        try {
            status = s;
            trailers = t;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void cancelFromContext() {
        lock.lock();
        try {
            if (status == null) {
                call.cancel("context canceled", null);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ---- the caller's side ----

    @Override
    public R receive() throws Exception {
        PR message;
        lock.lock();
        try {
            while (true) {
                message = inbox.poll();
                if (message != null) {
                    break;
                }
                if (ended) {
                    return null;
                }
                if (status != null) {
                    return endWith(status);
                }
                if (ctx.isDone()) {
                    throw fail(ctx.err(), true);
                }
                if (!requested) {
                    requested = true;
                    call.request(1);
                }
                changed.await(POLL_MILLIS, TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
        return decoder.decode(ctx, message);
    }

    @Override
    public void send(Q value) throws Exception {
        PQ message = encoder.encode(ctx, value);
        lock.lock();
        try {
            while (true) {
                if (status != null) {
                    // the call ended: receive() reports how
                    throw GrpcErrors.fromStatus(status.isOk() ? Status.FAILED_PRECONDITION
                            .withDescription("the stream has ended") : status, trailers);
                }
                if (ctx.isDone()) {
                    throw fail(ctx.err(), true);
                }
                if (call.isReady()) {
                    break;
                }
                changed.await(POLL_MILLIS, TimeUnit.MILLISECONDS);
            }
            call.sendMessage(message);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void halfClose() {
        lock.lock();
        try {
            if (status == null) {
                call.halfClose();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!ended) {
                if (status == null) {
                    call.cancel("closed by the client", null);
                }
                fail(new ContextCanceledException(), false);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The end of the stream as the server sent it (holding the lock): null on OK, else the typed error. */
    private R endWith(Status s) throws Exception {
        if (!s.isOk()) {
            boolean ownDeadline = ctx.isDone()
                    && (s.getCode() == Status.Code.CANCELLED || s.getCode() == Status.Code.DEADLINE_EXCEEDED);
            throw fail(ownDeadline ? ctx.err() : GrpcErrors.fromStatus(s, trailers), false);
        }
        ended = true;
        onCancel.close();
        Throwable failure = null;
        try {
            for (ClientResponseHook hook : options.after) {
                ctx = hook.apply(ctx, headers != null ? headers : new Metadata(), trailers);
            }
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            options.finish(ctx, failure);
        }
        return null;
    }

    /** Ends the stream with {@code error} (holding the lock), cancelling the call if asked; returns it. */
    private RuntimeException fail(RuntimeException error, boolean cancel) {
        if (!ended) {
            ended = true;
            onCancel.close();
            if (cancel && status == null) {
                call.cancel("client stopped", null);
            }
            options.finish(ctx, error);
        }
        return error;
    }
}
