package io.kit4j.gateway;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the blocking upstream exchanges' waits without a timer per request: every open
 * {@link Http1Connection} is registered here while it is open, and one daemon thread looks at them every
 * {@link #TICK_MILLIS} and closes those whose {@link Http1Connection#expiresAt() expiry} has passed (the
 * blocked read or write then fails, and the exchange reports the deadline). A timed socket read would
 * instead arm and cancel a timer for every park of the request's virtual thread, which costs a wake-up
 * of the JDK's timer thread per request. The price is precision: a deadline is kept to within a tick.
 */
final class Http1Deadlines {
    /** How often expiries are checked. */
    static final long TICK_MILLIS = 50;

    private static final Set<Http1Connection> OPEN = ConcurrentHashMap.newKeySet();
    private static volatile Thread reaper;

    private Http1Deadlines() {
    }

    /** Watches {@code c} until {@link #remove}. */
    static void add(Http1Connection c) {
        OPEN.add(c);
        if (reaper == null) {
            start();
        }
    }

    static void remove(Http1Connection c) {
        OPEN.remove(c);
    }

    private static synchronized void start() {
        if (reaper != null) {
            return;
        }
        Thread t = new Thread(Http1Deadlines::run, "kit4j-gateway-upstream-deadlines");
        t.setDaemon(true);
        t.start();
        reaper = t;
    }

    private static void run() {
        while (true) {
            try {
                TimeUnit.MILLISECONDS.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Http1Connection c : OPEN) {
                long at = c.expiresAt();
                if (at != 0 && now - at >= 0) {
                    c.expire();
                }
            }
        }
    }
}
