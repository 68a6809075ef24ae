package io.kit4j.transport.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Raw HTTP/1.1 over a socket, for attacks an HTTP client would refuse to send or would normalise
 * (dot segments, bad encodings, conflicting lengths, unknown methods, trickled bytes).
 */
final class RawHttp {
    private RawHttp() {
    }

    /** A raw answer: the status (0 when the server closed without answering) and the whole text. */
    record Answer(int status, String text) {
        String body() {
            int i = text.indexOf("\r\n\r\n");
            return i < 0 ? "" : text.substring(i + 4);
        }

        String header(String name) {
            for (String line : text.split("\r\n")) {
                if (line.isEmpty()) {
                    break;
                }
                int c = line.indexOf(':');
                if (c > 0 && line.substring(0, c).equalsIgnoreCase(name)) {
                    return line.substring(c + 1).trim();
                }
            }
            return null;
        }
    }

    /** Sends {@code request} (ISO-8859-1 text, so any byte can be written) and reads until the server closes. */
    static Answer exchange(int port, String request) throws IOException {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    static Answer exchange(int port, byte[] request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request);
                out.flush();
                s.shutdownOutput();
            } catch (IOException closedEarly) {
                // the server may answer and close before reading everything (413, 431): read what it said
            }
            return read(s.getInputStream());
        }
    }

    static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] b = new byte[8192];
        try {
            for (int n; (n = in.read(b)) >= 0; ) {
                buf.write(b, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server neither answered nor closed within 15 s: " + buf, e);
        } catch (IOException reset) {
            // connection reset after an answer: keep what arrived
        }
        String text = buf.toString(StandardCharsets.ISO_8859_1);
        int status = 0;
        if (text.startsWith("HTTP/1.1 ") && text.length() >= 12) {
            status = Integer.parseInt(text.substring(9, 12));
        }
        return new Answer(status, text);
    }
}
