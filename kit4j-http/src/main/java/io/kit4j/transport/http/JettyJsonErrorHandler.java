package io.kit4j.transport.http;

import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.ErrorInfo;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Makes the errors Jetty answers on its own (malformed requests, 431 for oversized headers, 400 for
 * ambiguous URIs) JSON in kit4j's error format, without stack traces, whatever the request method.
 */
final class JettyJsonErrorHandler extends ErrorHandler {

    /** Every method gets its JSON error body (Jetty's default writes one only for GET, POST and HEAD). */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        byte[] body = JsonErrorEncoder.body(info(code, message));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JsonErrorEncoder.JSON_UTF8);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, JsonErrorEncoder.JSON_UTF8);
        return ByteBuffer.wrap(JsonErrorEncoder.body(info(status, reason)));
    }

    private static ErrorInfo info(int status, String reason) {
        ErrorCode code = ErrorCode.forStatus(status);
        String generic = HttpStatus.getMessage(status);
        String message = status >= 400 && status < 500 && reason != null && !reason.isBlank()
                ? reason.toLowerCase(java.util.Locale.ROOT)
                : generic.toLowerCase(java.util.Locale.ROOT);
        return new ErrorInfo(status, code, message, Map.of());
    }
}
