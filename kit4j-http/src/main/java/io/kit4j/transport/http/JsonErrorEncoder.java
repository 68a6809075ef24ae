package io.kit4j.transport.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.kit4j.context.Context;
import io.kit4j.errors.ErrorInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The default error encoder: answers {@code {"error": "...", "code": "..."}} as
 * {@code application/json; charset=utf-8} with the status the error declares (see {@link ErrorInfo}),
 * adding the headers it carries. Undeclared errors become 500 with a generic message.
 */
public final class JsonErrorEncoder implements ErrorEncoder {
    /** The shared instance. */
    public static final JsonErrorEncoder INSTANCE = new JsonErrorEncoder();

    /** The Content-Type of JSON answers. */
    public static final String JSON_UTF8 = "application/json; charset=utf-8";

    private JsonErrorEncoder() {
    }

    @Override
    public void encode(Context ctx, Throwable error, ServerResponse response) {
        ErrorInfo info = ErrorInfo.of(error);
        if (!response.reset()) {
            throw new IllegalStateException("response already committed", error);
        }
        response.status(info.status()).contentType(JSON_UTF8);
        for (Map.Entry<String, List<String>> h : info.headers().entrySet()) {
            for (String v : h.getValue()) {
                response.addHeader(h.getKey(), v);
            }
        }
        response.write(body(info));
    }

    /** The JSON body for {@code info}, newline-terminated. */
    public static byte[] body(ErrorInfo info) {
        JsonStringEncoder enc = JsonStringEncoder.getInstance();
        String json = "{\"error\":\"" + new String(enc.quoteAsString(info.message())) + "\",\"code\":\""
                + info.code().id() + "\"}\n";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
