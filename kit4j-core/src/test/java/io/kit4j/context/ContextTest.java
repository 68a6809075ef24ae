package io.kit4j.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ContextTest {
    static final ContextKey<String> USER = new ContextKey<>("user");
    static final ContextKey<Integer> COUNT = new ContextKey<>("count");

    @Test
    void valuesAreImmutableAndShadowed() {
        Context root = Context.background();
        Context a = root.with(USER, "alice");
        Context b = a.with(USER, "bob").with(COUNT, 3);
        assertNull(root.get(USER));
        assertEquals("alice", a.get(USER));
        assertEquals("bob", b.get(USER));
        assertEquals(3, b.get(COUNT));
        assertNull(a.get(COUNT));
        assertEquals(7, a.getOrDefault(COUNT, 7));
    }

    @Test
    void keysCompareByIdentityNotName() {
        ContextKey<String> other = new ContextKey<>("user");
        Context c = Context.background().with(USER, "alice");
        assertNull(c.get(other));
        assertEquals("ContextKey(user)", other.toString());
    }

    @Test
    void deadlineFollowsTheClockAndTheEarliestWins() {
        ManualClock clock = new ManualClock();
        Context root = Context.background(clock);
        Context c = root.withTimeout(Duration.ofSeconds(10));
        Context tighter = c.withTimeout(Duration.ofSeconds(2));
        Context looser = tighter.withTimeout(Duration.ofSeconds(30));
        assertEquals(clock.now().plusSeconds(2), looser.deadline().orElseThrow());
        assertFalse(tighter.isDone());
        assertEquals(Duration.ofSeconds(2), tighter.remaining().orElseThrow());
        clock.advance(Duration.ofSeconds(2));
        assertTrue(tighter.isDone());
        assertInstanceOf(DeadlineExceededException.class, tighter.err());
        assertEquals("context deadline exceeded", tighter.err().getMessage());
        assertFalse(c.isDone());
        assertTrue(root.deadline().isEmpty());
        assertThrows(DeadlineExceededException.class, tighter::throwIfDone);
    }

    @Test
    void cancelPropagatesDownNotUpAndRunsListeners() {
        Context root = Context.background().with(USER, "alice");
        Cancellable parent = root.withCancel();
        Cancellable child = parent.context().with(COUNT, 1).withCancel();
        AtomicInteger fired = new AtomicInteger();
        Registration reg = child.context().onCancel(fired::incrementAndGet);
        child.context().onCancel(fired::incrementAndGet).close();

        assertFalse(child.context().isDone());
        parent.cancel();
        assertTrue(parent.context().isDone());
        assertTrue(child.context().isDone());
        assertInstanceOf(ContextCanceledException.class, child.context().err());
        assertEquals(499, ((ContextCanceledException) child.context().err()).status());
        assertEquals(1, fired.get(), "only the registration left open fires");
        assertEquals("alice", child.context().get(USER));
        assertFalse(root.isDone());
        reg.close();
        parent.cancel();
        assertEquals(1, fired.get(), "cancel is idempotent");
    }

    @Test
    void childCancelLeavesParentRunning() {
        Cancellable parent = Context.background().withCancel();
        try (Cancellable child = parent.context().withCancel()) {
            assertSame(child.context().isDone(), false);
        }
        assertFalse(parent.context().isDone());
    }

    @Test
    void listenerOnAlreadyCancelledContextRunsAtOnce() {
        Cancellable c = Context.background().withCancel();
        c.cancel();
        AtomicInteger fired = new AtomicInteger();
        c.context().onCancel(fired::incrementAndGet);
        assertEquals(1, fired.get());
        Cancellable late = c.context().withCancel();
        assertTrue(late.context().isDone(), "a scope created under a cancelled one starts cancelled");
    }

    @Test
    void backgroundNeverDoneAndHasNoListeners() {
        AtomicInteger fired = new AtomicInteger();
        Context.background().onCancel(fired::incrementAndGet).close();
        assertFalse(Context.background().isDone());
        assertNull(Context.background().err());
        assertEquals(0, fired.get());
    }

    @Test
    void deadlineAtExactInstantIsDone() {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        Context c = Context.background(clock).withDeadline(Instant.parse("2026-01-01T00:00:01Z"));
        clock.advance(Duration.ofMillis(999));
        assertFalse(c.isDone());
        clock.advance(Duration.ofMillis(1));
        assertTrue(c.isDone());
    }
}
