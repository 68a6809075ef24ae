package io.kit4j.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ErrorInfoTest {

    static final class Teapot extends RuntimeException implements HasStatus, HasHeaders {
        Teapot() {
            super("i am a teapot");
        }

        @Override
        public int status() {
            return 418;
        }

        @Override
        public Map<String, List<String>> headers() {
            return Map.of("X-Brew", List.of("tea"));
        }
    }

    @Test
    void kitErrorsDeclareStatusCodeAndMessage() {
        ErrorInfo i = ErrorInfo.of(KitError.notFound("user 7 not found"));
        assertEquals(new ErrorInfo(404, ErrorCode.NOT_FOUND, "user 7 not found", Map.of()), i);
        assertEquals(409, ErrorInfo.of(KitError.alreadyExists("x")).status());
        assertEquals("resource_exhausted", ErrorInfo.of(KitError.resourceExhausted("slow down")).code().id());
    }

    @Test
    void undeclaredErrorsRevealNothing() {
        ErrorInfo i = ErrorInfo.of(new IllegalStateException("db password is hunter2"));
        assertEquals(500, i.status());
        assertEquals("internal server error", i.message());
        assertEquals(ErrorCode.INTERNAL, i.code());
        assertEquals("internal server error", ErrorInfo.of(KitError.internal(new RuntimeException("secret"))).message());
    }

    @Test
    void userTypesWithStatusAndHeaders() {
        ErrorInfo i = ErrorInfo.of(new Teapot());
        assertEquals(418, i.status());
        assertEquals("i am a teapot", i.message());
        assertEquals(ErrorCode.INVALID_ARGUMENT, i.code());
        assertEquals(List.of("tea"), i.headers().get("X-Brew"));
    }

    @Test
    void wrappersAreUnwrapped() {
        ErrorInfo i = ErrorInfo.of(new CompletionException(new ExecutionException(KitError.unavailable("down"))));
        assertEquals(503, i.status());
        assertEquals("down", i.message());
    }

    @Test
    void blankMessagesFallBackToTheCodeName() {
        assertEquals("not found", ErrorInfo.of(new KitError(ErrorCode.NOT_FOUND, "")).message());
    }

    @Test
    void codesForStatuses() {
        assertEquals(ErrorCode.HEADERS_TOO_LARGE, ErrorCode.forStatus(431));
        assertEquals(ErrorCode.INVALID_ARGUMENT, ErrorCode.forStatus(418));
        assertEquals(ErrorCode.INTERNAL, ErrorCode.forStatus(599));
        assertEquals(ErrorCode.DEADLINE_EXCEEDED, ErrorCode.forStatus(504));
    }

    static final class Wrapping extends RuntimeException implements Wrapper {
        private final Throwable inner;

        Wrapping(Throwable inner) {
            super("details for the logs: 10.0.0.7 refused");
            this.inner = inner;
        }

        @Override
        public Throwable unwrap() {
            return inner;
        }
    }

    @Test
    void wrappersAreDescribedByWhatTheyStandFor() {
        ErrorInfo declared = ErrorInfo.of(new Wrapping(new CompletionException(KitError.unavailable("try later"))));
        assertEquals(new ErrorInfo(503, ErrorCode.UNAVAILABLE, "try later", Map.of()), declared);
        ErrorInfo undeclared = ErrorInfo.of(new Wrapping(new IllegalStateException("secret")));
        assertEquals(new ErrorInfo(500, ErrorCode.INTERNAL, "internal server error", Map.of()), undeclared);
        assertEquals(500, ErrorInfo.of(new Wrapping(null)).status());
    }
}
