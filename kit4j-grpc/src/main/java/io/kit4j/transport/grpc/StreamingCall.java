package io.kit4j.transport.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.kit4j.context.ContextCanceledException;
import io.kit4j.context.Context;
import io.kit4j.errors.KitError;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One streaming server call: the gRPC listener (events arrive on gRPC's executor) and the stream the
 * endpoint uses (on its own virtual thread). One lock guards the state and every use of the
 * {@link ServerCall}, which is not thread-safe; waiting (for a message, for flow control) releases it.
 *
 * <p>Order: before hooks → decode the request (server streaming) → endpoint. The after hooks run once,
 * before the first reply goes out (their headers are sent then, their trailers kept for the end), or at
 * the end of a successful stream that sent nothing. Returning closes the call with OK; throwing closes it
 * with the error's status ({@link GrpcErrors}); the finalizers run last.
 */
final class StreamingCall<Q, R, PQ, PR> extends ServerCall.Listener<Object> implements ServerStream<Q, R>, BidiStream<Q, R> {
    private static final long POLL_MILLIS = 50;

    private final StreamingHandler<Q, R, PQ, PR> handler;
    private final ServerCall<Object, PR> call;
    private final Metadata requestHeaders;
    private final io.grpc.Context grpcContext;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Object> inbox = new ArrayDeque<>();
    private boolean halfClosed;
    private boolean cancelled;
    private boolean requested;
    private boolean headersSent;
    private Metadata trailers;
    private int received;
    private volatile Context ctx;
    private Q request;

    StreamingCall(StreamingHandler<Q, R, PQ, PR> handler, ServerCall<Object, PR> call, Metadata requestHeaders,
            io.grpc.Context grpcContext) {
        this.handler = handler;
        this.call = call;
        this.requestHeaders = requestHeaders;
        this.grpcContext = grpcContext;
    }

    void start() {
        Thread.ofVirtual().name("kit4j-grpc " + call.getMethodDescriptor().getFullMethodName()).start(this::run);
    }

    // ---- gRPC events (gRPC's executor) ----

    @Override
    public void onMessage(Object message) {
        lock.lock();
        try {
            received++;
            requested = false;
            inbox.add(message);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onHalfClose() {
        lock.lock();
        try {
            halfClosed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (handler.serverStreaming != null) {
            start();
        }
    }

    @Override
    public void onCancel() {
        signal(true);
    }

    @Override
    public void onReady() {
        signal(false);
    }

    private void signal(boolean cancel) {
        lock.lock();
        try {
            cancelled |= cancel;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ---- the endpoint's side (its own virtual thread) ----

    @SuppressWarnings("unchecked")
    private void run() {
        ServerCallScope scope = ServerCallScope.open(grpcContext, call, handler.options);
        ctx = scope.context();
        Status status = Status.OK;
        Throwable failure = null;
        try {
            for (ServerRequestHook hook : handler.options.before) {
                ctx = hook.apply(ctx, requestHeaders);
            }
            if (handler.serverStreaming != null) {
                Object first;
                lock.lock();
                try {
                    if (received != 1) {
                        throw KitError.invalidArgument("a server-streaming call takes one request message, got "
                                + received);
                    }
                    first = inbox.poll();
                } finally {
                    lock.unlock();
                }
                request = decode(first);
                handler.serverStreaming.call(ctx, this);
            } else {
                handler.bidi.call(ctx, this);
            }
            lock.lock();
            try {
                sendHeadersOnce();
                call.close(Status.OK, trailers);
            } finally {
                lock.unlock();
            }
        } catch (Exception | StackOverflowError e) {
            failure = e;
            lock.lock();
            try {
                status = ServerCallScope.fail(call, handler.options, ctx, e);
            } finally {
                lock.unlock();
            }
        } finally {
            scope.close();
            ServerCallScope.finish(handler.options, ctx, status, failure);
        }
    }

    @SuppressWarnings("unchecked")
    private Q decode(Object message) throws Exception {
        if (message instanceof BadMessage bad) {
            throw bad.error();
        }
        return handler.decoder.decode(ctx, (PQ) message);
    }

    @Override
    public Q request() {
        if (handler.serverStreaming == null) {
            throw new IllegalStateException("a bidirectional stream has no single request; use receive()");
        }
        return request;
    }

    @Override
    public Q receive() throws Exception {
        Object message;
        lock.lock();
        try {
            while (true) {
                message = inbox.poll();
                if (message != null) {
                    break;
                }
                if (halfClosed) {
                    return null;
                }
                throwIfGone();
                if (!requested) {
                    requested = true;
                    call.request(1);
                }
                changed.await(POLL_MILLIS, TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
        return decode(message);
    }

    @Override
    public void send(R reply) throws Exception {
        PR message = handler.encoder.encode(ctx, reply);
        lock.lock();
        try {
            sendHeadersOnce();
            while (true) {
                throwIfGone();
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

    /** Runs the after hooks and sends the headers, the first time only (holding the lock). */
    private void sendHeadersOnce() {
        if (headersSent) {
            return;
        }
        headersSent = true;
        Metadata headers = new Metadata();
        trailers = new Metadata();
        Context c = ctx;
        for (ServerResponseHook hook : handler.options.after) {
            c = hook.apply(c, headers, trailers);
        }
        ctx = c;
        call.sendHeaders(headers);
    }

    private void throwIfGone() {
        if (cancelled || ctx.isDone()) {
            RuntimeException why = ctx.err();
            throw why != null ? why : new ContextCanceledException();
        }
    }
}
