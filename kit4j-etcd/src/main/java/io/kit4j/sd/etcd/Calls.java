package io.kit4j.sd.etcd;

import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for jetcd's asynchronous calls with a bound, and reads their failures. */
final class Calls {
    private Calls() {
    }

    /**
     * The result of {@code call}, waiting at most {@code timeout}. A failure is thrown as the call's own
     * exception (unwrapped); a call still running after {@code timeout} is cancelled and a
     * {@link TimeoutException} is thrown.
     */
    static <T> T await(CompletableFuture<T> call, Duration timeout, String what) throws Exception {
        try {
            return call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof Exception x) {
                throw x;
            }
            throw e;
        } catch (TimeoutException e) {
            call.cancel(true);
            TimeoutException t = new TimeoutException("etcd " + what + " took longer than " + timeout);
            t.initCause(e);
            throw t;
        }
    }

    /** True when {@code e} is etcd saying that a lease does not exist (expired or revoked). */
    static boolean isLeaseNotFound(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EtcdException x && x.getErrorCode() == ErrorCode.NOT_FOUND) {
                return true;
            }
        }
        return false;
    }
}
