package org.currents.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * A response ready to send, as bytes: the body, its gzip form (for bodies worth compressing)
 * and its entity tag, computed once when the response is made so that a cached response is
 * sent without any work but the copy.
 *
 * @param status the HTTP status
 * @param contentType the media type with charset
 * @param body the body
 * @param gzip the body gzipped, or null when it is too small to gain from it
 * @param etag the strong entity tag of the body (quoted), or null for errors
 * @param cacheControl the {@code Cache-Control} value
 * @param link a {@code Link} header value (the next page), or null
 * @param lastModified the {@code Last-Modified} value (an HTTP date), or null
 */
record Response(
        int status,
        String contentType,
        byte[] body,
        byte[] gzip,
        String etag,
        String cacheControl,
        String link,
        String lastModified) {
    /** Bodies shorter than this are sent as they are: gzip's header would eat the gain. */
    static final int GZIP_FROM = 512;

    /** Pages of the live archive: cache, but ask again each time (a 304 is cheap). */
    static final String REVALIDATE = "public, max-age=0, must-revalidate";
    /** Assets that change only with the program. */
    static final String ASSET = "public, max-age=3600";

    static Response of(
            int status, String contentType, String body, String cacheControl, String link, String lastModified) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new Response(
                status,
                contentType,
                bytes,
                bytes.length >= GZIP_FROM ? gzip(bytes) : null,
                status == 200 ? etag(bytes) : null,
                cacheControl,
                link,
                lastModified);
    }

    /** The bytes the cache holds for this response. */
    long size() {
        return body.length + (gzip == null ? 0 : gzip.length) + 200L;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot gzip into memory", e);
        }
        return out.toByteArray();
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(d, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
