package io.kit4j.sd.etcd;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** A wake-up call for a background loop: raised by any thread, consumed by the loop's next wait. */
final class Signal {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition raisedCondition = lock.newCondition();
    private boolean raised;

    /** Wakes the waiting loop, or the next wait if none waits now. */
    void raise() {
        lock.lock();
        try {
            raised = true;
            raisedCondition.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until raised or until {@code max} has passed; consumes the signal. True when raised. */
    boolean await(Duration max) {
        long nanos = max.toNanos();
        lock.lock();
        try {
            while (!raised && nanos > 0) {
                nanos = raisedCondition.awaitNanos(nanos);
            }
            boolean was = raised;
            raised = false;
            return was;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return raised;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until raised; consumes the signal. */
    void await() {
        lock.lock();
        try {
            while (!raised) {
                raisedCondition.await(1, TimeUnit.HOURS);
            }
            raised = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }
}
