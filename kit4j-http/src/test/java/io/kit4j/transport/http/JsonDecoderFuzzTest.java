package io.kit4j.transport.http;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kit4j.errors.ErrorInfo;
import io.kit4j.errors.KitError;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;

class JsonDecoderFuzzTest {
    static final AtomicLong RUNS = new AtomicLong();
    record Inner(String a, long b) {}
    record Target(String name, String email, int age, double score, Integer opt, java.util.List<Inner> items) {}

    @FuzzTest(maxDuration = "5s")
    void decodersAnswerOnly400s(FuzzedDataProvider data) {
        RUNS.incrementAndGet();
        int which = data.consumeInt(0, 2);
        byte[] body = data.consumeRemainingAsBytes();
        Class<?> type = switch (which) { case 0 -> Target.class; case 1 -> Object.class; default -> Inner[].class; };
        try {
            JsonCodec.defaults().read(body, type);
        } catch (KitError e) {
            ErrorInfo info = ErrorInfo.of(e);
            if (info.status() != 400) throw new AssertionError("status " + info.status(), e);
        }
    }

    @AfterAll
    static void report() {
        System.out.println("JsonDecoderFuzzTest: " + RUNS.get() + " inputs");
    }
}
