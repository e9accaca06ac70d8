package org.currents.publish;

import com.github.difflib.algorithm.Change;
import com.github.difflib.algorithm.myers.MyersDiffWithLinearSpace;
import com.github.difflib.patch.DeltaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A word-level diff of two texts, as an event page shows what an edit changed: the texts are cut
 * into tokens (a word, a run of whitespace, or one other character such as a comma) and the
 * tokens, not the characters, are compared, so "Biden" → "Harris" reads as one deleted and one
 * inserted word, never as a jumble of letters.
 *
 * <p>The comparison is java-diff-utils' Myers diff in linear space ({@link
 * MyersDiffWithLinearSpace}). It was chosen over diff-match-patch because it diffs a list of any
 * tokens directly: diff-match-patch diffs characters, and a word diff there needs its trick of
 * mapping each word to one private-use character and back, which is ours to write and test. The
 * linear-space variant keeps memory at O(N + M) tokens; its time is O((N + M) · D), D being the
 * number of tokens that differ. The common head and tail of the texts are cut off before the diff,
 * so a small edit of a long text costs little more than reading it; and a diff is given a budget
 * of comparisons linear in the texts' length, past which the rest is shown as one deletion and one
 * insertion, so that two long texts with nothing in common are not quadratic (bench: {@code
 * WordDiffBench}, figures in BENCHMARKS.md).
 *
 * <p>Whitespace is layout, not wording: any two runs of whitespace are equal here, so texts that
 * differ only in spacing give one {@link Kind#EQUAL} segment (the new text) and {@link
 * #changed(List)} is {@code false}. A run of whitespace between two changes is folded into them,
 * so "the old words" → "a new text" gives one deleted and one inserted phrase rather than three
 * pairs of words. The result is deterministic: the same texts give the same segments.
 */
public final class WordDiff {
    /** What a segment is in the new text compared with the old. */
    public enum Kind {
        /** In both texts (the new text's spelling of it). */
        EQUAL,
        /** In the old text only. */
        DELETED,
        /** In the new text only. */
        INSERTED
    }

    /**
     * One run of the diff: text that both texts share, or that one of them alone has.
     *
     * @param kind what the text is; never {@code null}
     * @param text the text, never empty
     */
    public record Segment(Kind kind, String text) {
        /** A segment; throws {@code IllegalArgumentException} if {@code text} is empty. */
        public Segment {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(text, "text");
            if (text.isEmpty()) {
                throw new IllegalArgumentException("a segment's text must not be empty");
            }
        }
    }

    /**
     * Token comparisons a diff may make whatever the texts' length: texts of a few thousand words
     * that differ in a few hundred stay well within it.
     */
    static final long BUDGET_BASE = 1_000_000;

    /** Token comparisons a diff may make for each token of the two texts. */
    static final long BUDGET_PER_TOKEN = 100;

    private WordDiff() {}

    /**
     * The diff of {@code before} against {@code after}: the segments, in order, that rebuild
     * {@code after} from their {@link Kind#EQUAL} and {@link Kind#INSERTED} texts, and {@code
     * before} (but for spacing) from their {@link Kind#EQUAL} and {@link Kind#DELETED} texts. In a
     * change the deleted segment comes before the inserted one; two neighbours never have the same
     * kind. Empty texts give an empty list or one segment.
     */
    public static List<Segment> between(String before, String after) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        List<String> old = tokens(before);
        List<String> now = tokens(after);
        int head = 0;
        while (head < old.size() && head < now.size() && same(old.get(head), now.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < old.size() - head
                && tail < now.size() - head
                && same(old.get(old.size() - 1 - tail), now.get(now.size() - 1 - tail))) {
            tail++;
        }
        List<String> oldMiddle = old.subList(head, old.size() - tail);
        List<String> nowMiddle = now.subList(head, now.size() - tail);
        List<Change> changes = diff(oldMiddle, nowMiddle);
        Segments out = new Segments(old, now);
        for (Change change : changes) {
            out.change(
                    head + change.startOriginal,
                    head + change.endOriginal,
                    head + change.startRevised,
                    head + change.endRevised);
        }
        return out.finish();
    }

    /**
     * The changes between two token lists, or one change of all of them when the diff would cost
     * more than {@link #BUDGET_BASE} comparisons plus {@link #BUDGET_PER_TOKEN} for each token: Myers' time
     * grows with the product of length and difference, so two long texts with little in common
     * would be quadratic, and their word diff would be all deletions and insertions anyway.
     */
    private static List<Change> diff(List<String> old, List<String> now) {
        long budget = BUDGET_BASE + BUDGET_PER_TOKEN * (long) (old.size() + now.size());
        long[] spent = {0};
        try {
            return new MyersDiffWithLinearSpace<String>((a, b) -> {
                        if (++spent[0] > budget) {
                            throw OverBudget.INSTANCE;
                        }
                        return same(a, b);
                    })
                    .computeDiff(old, now, null);
        } catch (OverBudget e) {
            // The library has no cut-off of its own (its listener is not called by this variant).
            return List.of(new Change(DeltaType.CHANGE, 0, old.size(), 0, now.size()));
        }
    }

    /** Thrown by the comparison that exceeds the budget; no stack trace, it is only a signal. */
    private static final class OverBudget extends RuntimeException {
        static final OverBudget INSTANCE = new OverBudget();

        private OverBudget() {
            super("word diff over budget", null, false, false);
        }
    }

    /** Whether a diff from {@link #between} has anything but equal text. */
    public static boolean changed(List<Segment> diff) {
        for (Segment segment : diff) {
            if (segment.kind() != Kind.EQUAL) {
                return true;
            }
        }
        return false;
    }

    /**
     * The tokens of {@code text}: runs of letters, digits and combining marks (a word, with an
     * apostrophe inside it as in "don't"), runs of whitespace, and every other code point alone.
     */
    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int start = i;
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                while (i < text.length() && isSpace(text.codePointAt(i))) {
                    i += Character.charCount(text.codePointAt(i));
                }
            } else if (isWordPart(c)) {
                while (i < text.length()) {
                    int next = text.codePointAt(i);
                    if (isWordPart(next)) {
                        i += Character.charCount(next);
                    } else if ((next == '\'' || next == '\u2019')
                            && i + 1 < text.length()
                            && isWordPart(text.codePointAt(i + 1))) {
                        i += 1; // "don't", "Côte d’Ivoire": one word
                    } else {
                        break;
                    }
                }
            }
            tokens.add(text.substring(start, i));
        }
        return tokens;
    }

    private static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static boolean isWordPart(int c) {
        int type = Character.getType(c);
        return Character.isLetterOrDigit(c)
                || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    /** Token equality: equal strings, or two runs of whitespace whatever they hold. */
    private static boolean same(String a, String b) {
        return a.equals(b) || (isSpace(a.codePointAt(0)) && isSpace(b.codePointAt(0)));
    }

    /**
     * The segments as they are made: a pending change (deleted and inserted text) grows over the
     * whitespace between two changes, and is written out when an equal run of more than whitespace
     * ends it.
     */
    private static final class Segments {
        private final List<String> old;
        private final List<String> now;
        private final List<Segment> out = new ArrayList<>();
        private final StringBuilder deleted = new StringBuilder();
        private final StringBuilder inserted = new StringBuilder();
        // Where the last change ended, in tokens of each text.
        private int oldEnd;
        private int nowEnd;

        Segments(List<String> old, List<String> now) {
            this.old = old;
            this.now = now;
        }

        /** Tokens [oldFrom, oldTo) of the old text became [nowFrom, nowTo) of the new one. */
        void change(int oldFrom, int oldTo, int nowFrom, int nowTo) {
            if (nowFrom > nowEnd) {
                boolean pending = deleted.length() > 0 || inserted.length() > 0;
                if (pending && nowFrom - nowEnd == 1 && isSpace(now.get(nowEnd).codePointAt(0))) {
                    append(deleted, old, oldEnd, oldFrom);
                    append(inserted, now, nowEnd, nowFrom);
                } else {
                    flushChange();
                    add(Kind.EQUAL, append(new StringBuilder(), now, nowEnd, nowFrom));
                }
            }
            append(deleted, old, oldFrom, oldTo);
            append(inserted, now, nowFrom, nowTo);
            oldEnd = oldTo;
            nowEnd = nowTo;
        }

        List<Segment> finish() {
            flushChange();
            add(Kind.EQUAL, append(new StringBuilder(), now, nowEnd, now.size()));
            return List.copyOf(out);
        }

        private static StringBuilder append(StringBuilder to, List<String> tokens, int from, int end) {
            for (int i = from; i < end; i++) {
                to.append(tokens.get(i));
            }
            return to;
        }

        /** Writes out the pending change; one that only adds or drops whitespace is layout, kept as equal. */
        private void flushChange() {
            if (isBlank(deleted) && isBlank(inserted)) {
                add(Kind.EQUAL, inserted);
            } else {
                add(Kind.DELETED, deleted);
                add(Kind.INSERTED, inserted);
            }
            deleted.setLength(0);
            inserted.setLength(0);
        }

        private void add(Kind kind, CharSequence text) {
            if (text.length() == 0) {
                return;
            }
            int last = out.size() - 1;
            if (last >= 0 && out.get(last).kind() == kind) {
                out.set(last, new Segment(kind, out.get(last).text() + text));
            } else {
                out.add(new Segment(kind, text.toString()));
            }
        }

        private static boolean isBlank(CharSequence text) {
            for (int i = 0; i < text.length(); i++) {
                if (!isSpace(text.charAt(i))) {
                    return false;
                }
            }
            return true;
        }
    }
}
