package org.currents.store.jdbc;

import java.io.ByteArrayOutputStream;
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
        ByteArrayOutputStream out = new ByteArrayOutputStream(4 + 28 * sorted.size());
        out.write(FORMAT);
        varint(out, sorted.size());
        for (Observation o : sorted) {
            if (o.position() < 0) {
                throw new IllegalArgumentException("negative position: " + o);
            }
            varint(out, o.position());
            string(out, o.bulletKey());
            string(out, o.eventId());
        }
        return out.toByteArray();
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

    private static void varint(ByteArrayOutputStream out, int value) {
        int v = value;
        while ((v & ~0x7F) != 0) {
            out.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    private static void string(ByteArrayOutputStream out, String s) {
        if (isHex(s)) {
            int n = s.length() / 2;
            varint(out, n << 1 | 1);
            for (int k = 0; k < n; k++) {
                out.write(Character.digit(s.charAt(2 * k), 16) << 4 | Character.digit(s.charAt(2 * k + 1), 16));
            }
        } else {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            varint(out, utf8.length << 1);
            out.write(utf8, 0, utf8.length);
        }
    }

    private static boolean isHex(String s) {
        if (s.isEmpty() || s.length() % 2 != 0) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
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
