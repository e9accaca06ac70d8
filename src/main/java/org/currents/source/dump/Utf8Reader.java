package org.currents.source.dump;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Decodes an export's bytes as strict UTF-8 (the only encoding MediaWiki writes) and skips a
 * leading byte order mark. Unlike {@link java.io.InputStreamReader}, which throws away what it
 * decoded before a bad byte, it hands on every good character first and fails on the next
 * read, so the XML reader's error points at the bad byte and names the page it is in. Decoding
 * here also keeps the JDK's XML reader from printing "[Fatal Error]" lines to System.err.
 */
final class Utf8Reader extends Reader {
    /** Bytes that are not UTF-8; the message says which and where. */
    static final class InvalidUtf8 extends CharacterCodingException {
        private static final long serialVersionUID = 1L;
        private final String message;

        InvalidUtf8(String message) {
            this.message = message;
        }

        @Override
        public String getMessage() {
            return message;
        }
    }

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes;
    private long consumed; // bytes moved out of the buffer before its current start
    private boolean eof;
    private boolean flushed;
    private boolean started;
    private IOException failure; // handed on by the read after the good characters before it
    private int pending = -1; // a char decoded but not yet handed on, or -1

    Utf8Reader(InputStream in, int bufferSize) {
        this.in = in;
        this.bytes = ByteBuffer.allocate(bufferSize);
        bytes.flip();
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pending >= 0) {
            buf[off] = (char) pending;
            pending = -1;
            return 1;
        }
        if (failure != null) {
            throw failure;
        }
        if (flushed) {
            return -1;
        }
        CharBuffer out = CharBuffer.wrap(buf, off, len);
        while (true) {
            if (out.remaining() == 1 && len == 1) {
                // a surrogate pair needs two chars of room: decode into a spare pair
                return readOne(buf, off);
            }
            CoderResult r = decoder.decode(bytes, out, eof);
            if (r.isError()) {
                InvalidUtf8 invalid = invalid(r.length());
                failure = invalid;
                int n = chars(buf, off, out);
                if (n > 0) {
                    return n; // the good characters first; the next read fails
                }
                throw invalid;
            }
            if (eof && r.isUnderflow() && !flushed) {
                decoder.flush(out);
                flushed = true;
            }
            boolean full = r.isOverflow();
            if (full || eof || in.available() <= 0) {
                int n = chars(buf, off, out);
                if (n > 0) {
                    return n;
                }
                if (eof) {
                    return -1;
                }
            }
            if (!full) {
                try {
                    fill();
                } catch (IOException e) {
                    // a truncated .gz fails here: what was decoded before still counts
                    int n = chars(buf, off, out);
                    if (n > 0) {
                        failure = e;
                        return n;
                    }
                    throw e;
                }
            }
        }
    }

    /** One character into {@code buf[off]}; the second of a surrogate pair waits for the next read. */
    private int readOne(char[] buf, int off) throws IOException {
        char[] two = new char[2];
        int n;
        do {
            n = read(two, 0, 2);
        } while (n == 0);
        if (n < 0) {
            return -1;
        }
        buf[off] = two[0];
        if (n == 2) {
            pending = two[1];
        }
        return 1;
    }

    /** How many characters were decoded into {@code buf} since {@code off}, less a leading BOM. */
    private int chars(char[] buf, int off, CharBuffer out) {
        int n = out.position() - off;
        if (!started && n > 0) {
            started = true;
            if (buf[off] == '\uFEFF') {
                System.arraycopy(buf, off + 1, buf, off, n - 1);
                out.position(out.position() - 1);
                n--;
            }
        }
        return n;
    }

    private void fill() throws IOException {
        consumed += bytes.position();
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            eof = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    private InvalidUtf8 invalid(int length) {
        StringBuilder hex = new StringBuilder();
        for (int k = 0; k < length && bytes.position() + k < bytes.limit(); k++) {
            hex.append(k == 0 ? "" : " ")
                    .append(String.format(Locale.ROOT, "0x%02X", bytes.get(bytes.position() + k) & 0xff));
        }
        return new InvalidUtf8((hex.length() == 0 ? "a cut-off character" : "byte " + hex) + " at byte "
                + (consumed + bytes.position()) + " is not UTF-8");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
