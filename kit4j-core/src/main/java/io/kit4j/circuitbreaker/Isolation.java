package io.kit4j.circuitbreaker;

/**
 * Where a breaker runs the command, and so how it enforces the timeout.
 */
public enum Isolation {
    /**
     * The default: the command runs on a fresh virtual thread while the caller waits at most the timeout
     * (or the context's deadline, if earlier). When the wait ends first, the command's thread is
     * interrupted and its context cancelled, and the caller gets the timeout at once. Costs a thread
     * start and two hand-offs: a few microseconds when the caller is a virtual thread (as every request of
     * kit4j's HTTP server is); a platform-thread caller also pays an OS wake-up of a carrier thread, tens of
     * microseconds on a busy machine. When there is neither a timeout nor a context deadline the command
     * runs on the caller's thread, since there is nothing to enforce.
     */
    VIRTUAL_THREAD,

    /**
     * The command runs on the caller's thread, like Hystrix's semaphore isolation. The timeout is checked
     * after the call returns: a call that took longer is a timeout (its result is discarded), but nothing
     * interrupts it while it runs. The cheapest mode, for commands that bound their own time.
     */
    SAME_THREAD
}
