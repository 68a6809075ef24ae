package io.kit4j.transport.http;

import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.KitError;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A body stream that fails with 413 once more than its limit has been read. */
final class LimitedInputStream extends FilterInputStream {
    private final long limit;
    private long count;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) {
        count += n;
        if (count > limit) {
            throw tooLarge(limit);
        }
    }

    static KitError tooLarge(long limit) {
        return new KitError(ErrorCode.PAYLOAD_TOO_LARGE, "request body is larger than " + limit + " bytes");
    }
}
