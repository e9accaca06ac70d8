package org.currents.store.jdbc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.currents.store.Observation;

/**
 * What the parser observed in one revision, packed into the one value the {@code observed}
 * table keeps per revision (schema 11).
 *
 * <p>A revision of a day page observes tens of events and a page has tens to hundreds of
 * revisions, so a row per observation was most of the archive's rows (1.26 million of the large
 * preset's, a third of its file) and most of the import's row writes. The events of a revision
 * are only ever read together (a page's history is followed revision by revision), so they are
 * kept together. The layout is this project's own and small enough to write by hand: no
 * serialisation library spells 16 hex digits in 8 bytes and reads back the same string.
 *
 * <pre>
 * packed   = FORMAT count:varint { position:varint bulletKey:string eventId:string }*
 * string   = header:varint bytes        header = length &lt;&lt; 1 | hex
 * </pre>
 *
 * A string of lower-case hexadecimal digits of even length (every key and id currents makes) is
 * kept as its bytes ({@code hex} = 1, {@code length} bytes stand for {@code 2 * length} digits),
 * any other as UTF-8 ({@code hex} = 0), so that whatever an older archive holds reads back as it
 * was. Observations are packed in order of position.
 */
public final class PackedObservations {
    /** The layout's version, the first byte: a later layout gets another number. */
    static final int FORMAT = 1;

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private PackedObservations() {}

    /** {@code observations} of one revision, in order of position. */
    public static byte[] pack(List<Observation> observations) {
        List<Observation> sorted = new ArrayList<>(observations);
        sorted.sort(Comparator.comparingInt(Observation::position));
        Writer out = new Writer(4 + 28 * sorted.size());
        out.write(FORMAT);
        out.varint(sorted.size());
        for (Observation o : sorted) {
            if (o.position() < 0) {
                throw new IllegalArgumentException("negative position: " + o);
            }
            out.varint(o.position());
            out.string(o.bulletKey());
            out.string(o.eventId());
        }
        return out.bytes();
    }

    /**
     * The observations of revision {@code revisionId} packed in {@code packed}, in order of
     * position.
     *
     * @throws IllegalStateException when {@code packed} is not such a value, naming the revision
     */
    public static List<Observation> unpack(long revisionId, byte[] packed) {
        Reader in = new Reader(revisionId, packed);
        int format = in.read();
        if (format != FORMAT) {
            throw in.corrupt("layout " + format + " is not one this build reads");
        }
        int count = in.varint();
        if (count > packed.length) {
            throw in.corrupt(count + " observations in " + packed.length + " bytes");
        }
        List<Observation> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int position = in.varint();
            String key = in.string();
            String id = in.string();
            out.add(new Observation(revisionId, position, key, id));
        }
        if (in.at != packed.length) {
            throw in.corrupt((packed.length - in.at) + " bytes after the last observation");
        }
        return out;
    }

    /**
     * A growing byte array (ByteArrayOutputStream's writes are synchronized, a cost per byte the
     * import's writing thread paid for every key).
     */
    private static final class Writer {
        private byte[] buf;
        private int size;

        Writer(int capacity) {
            buf = new byte[capacity];
        }

        void write(int b) {
            if (size == buf.length) {
                buf = Arrays.copyOf(buf, 2 * buf.length + 16);
            }
            buf[size++] = (byte) b;
        }

        void varint(int value) {
            int v = value;
            while ((v & ~0x7F) != 0) {
                write((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            write(v);
        }

        void string(String s) {
            int n = s.length() / 2;
            if (s.length() % 2 == 0 && n > 0 && hexInto(s)) {
                return;
            }
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            varint(utf8.length << 1);
            for (byte b : utf8) {
                write(b);
            }
        }

        /** Writes {@code s} as a hex string if it is one (even length, lower-case digits). */
        private boolean hexInto(String s) {
            int mark = size;
            int n = s.length() / 2;
            varint(n << 1 | 1);
            for (int k = 0; k < n; k++) {
                int hi = digit(s.charAt(2 * k));
                int lo = digit(s.charAt(2 * k + 1));
                if ((hi | lo) < 0) {
                    size = mark; // not hex after all: what was written is taken back
                    return false;
                }
                write(hi << 4 | lo);
            }
            return true;
        }

        byte[] bytes() {
            return Arrays.copyOf(buf, size);
        }
    }

    /** The value of lower-case hex digit {@code c}, or -1. */
    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    private static final class Reader {
        final long revision;
        final byte[] bytes;
        int at;

        Reader(long revision, byte[] bytes) {
            this.revision = revision;
            this.bytes = bytes;
        }

        int read() {
            if (at >= bytes.length) {
                throw corrupt("it ends after " + bytes.length + " bytes");
            }
            return bytes[at++] & 0xFF;
        }

        int varint() {
            int value = 0;
            for (int shift = 0; shift < 32; shift += 7) {
                int b = read();
                value |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    if (value < 0) {
                        break;
                    }
                    return value;
                }
            }
            throw corrupt("a number at byte " + at + " is out of range");
        }

        String string() {
            int header = varint();
            int n = header >>> 1;
            if (n > bytes.length - at) {
                throw corrupt("a string of " + n + " bytes at byte " + at + " runs past the end");
            }
            String s;
            if ((header & 1) == 1) {
                char[] hex = new char[2 * n];
                for (int k = 0; k < n; k++) {
                    int b = bytes[at + k] & 0xFF;
                    hex[2 * k] = DIGITS[b >>> 4];
                    hex[2 * k + 1] = DIGITS[b & 0xF];
                }
                s = new String(hex);
            } else {
                s = new String(Arrays.copyOfRange(bytes, at, at + n), StandardCharsets.UTF_8);
            }
            at += n;
            return s;
        }

        IllegalStateException corrupt(String why) {
            return new IllegalStateException(
                    "corrupt observations of revision " + revision + " in the archive: " + why);
        }
    }
}
