package org.currents.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.currents.publish.WordDiff.Kind.DELETED;
import static org.currents.publish.WordDiff.Kind.EQUAL;
import static org.currents.publish.WordDiff.Kind.INSERTED;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.currents.publish.WordDiff.Kind;
import org.currents.publish.WordDiff.Segment;
import org.junit.jupiter.api.Test;

/** Word diffs of event versions: words, not letters; spacing is not a change. */
class WordDiffTest {

    private static Segment seg(Kind kind, String text) {
        return new Segment(kind, text);
    }

    @Test
    void emptyTextsGiveNoSegments() {
        assertThat(WordDiff.between("", "")).isEmpty();
        assertThat(WordDiff.between("", "A new event.")).containsExactly(seg(INSERTED, "A new event."));
        assertThat(WordDiff.between("An old event.", "")).containsExactly(seg(DELETED, "An old event."));
    }

    @Test
    void identicalTextsAreOneEqualSegment() {
        String text = "Protests continue in Paris, France, for a third day.";
        List<Segment> diff = WordDiff.between(text, text);
        assertThat(diff).containsExactly(seg(EQUAL, text));
        assertThat(WordDiff.changed(diff)).isFalse();
    }

    @Test
    void aReplacedWordIsDeletedAndInsertedWhole() {
        assertThat(WordDiff.between("Biden wins the election.", "Harris wins the election."))
                .containsExactly(seg(DELETED, "Biden"), seg(INSERTED, "Harris"), seg(EQUAL, " wins the election."));
        // Letters in common do not make a word half equal.
        assertThat(WordDiff.between("a cat sat", "a cart sat"))
                .containsExactly(seg(EQUAL, "a "), seg(DELETED, "cat"), seg(INSERTED, "cart"), seg(EQUAL, " sat"));
    }

    @Test
    void punctuationIsATokenOfItsOwn() {
        assertThat(WordDiff.between("Paris, France", "Paris; France"))
                .containsExactly(seg(EQUAL, "Paris"), seg(DELETED, ","), seg(INSERTED, ";"), seg(EQUAL, " France"));
        assertThat(WordDiff.between("killed 12 people.", "killed 12 people, police say."))
                .containsExactly(seg(EQUAL, "killed 12 people"), seg(INSERTED, ", police say"), seg(EQUAL, "."));
    }

    @Test
    void aReplacedPhraseIsOneDeletionAndOneInsertion() {
        assertThat(WordDiff.between("It was the old words here.", "It was a new text here."))
                .containsExactly(
                        seg(EQUAL, "It was "),
                        seg(DELETED, "the old words"),
                        seg(INSERTED, "a new text"),
                        seg(EQUAL, " here."));
    }

    @Test
    void spacingAloneIsNoChange() {
        List<Segment> diff = WordDiff.between("Floods  in\nPakistan ", "Floods in Pakistan");
        assertThat(diff).containsExactly(seg(EQUAL, "Floods in Pakistan"));
        assertThat(WordDiff.changed(diff)).isFalse();
        assertThat(WordDiff.between("Floods in Pakistan", " Floods in\u00a0Pakistan\t"))
                .containsExactly(seg(EQUAL, " Floods in\u00a0Pakistan\t"));
    }

    @Test
    void wordsKeepTheirApostrophesMarksAndSurrogates() {
        assertThat(WordDiff.tokens("don't stop, Côte d’Ivoire"))
                .containsExactly("don't", " ", "stop", ",", " ", "Côte", " ", "d’Ivoire");
        assertThat(WordDiff.tokens("cafe\u0301 \uD83C\uDF0D!")).containsExactly("cafe\u0301", " ", "\uD83C\uDF0D", "!");
        assertThat(WordDiff.tokens("'quoted'")).containsExactly("'", "quoted", "'");
    }

    @Test
    void longTextsWithManyChangesRebuildBothSides() {
        // 10,000-character texts, one in eight words changed, and two texts with nothing in common.
        Random random = new Random(8);
        StringBuilder before = new StringBuilder();
        StringBuilder after = new StringBuilder();
        while (before.length() < 10_000) {
            String word = "w" + random.nextInt(500);
            before.append(word).append(' ');
            after.append(random.nextInt(8) == 0 ? "x" + random.nextInt(500) : word)
                    .append(' ');
        }
        assertRebuilds(before.toString(), after.toString());
        assertRebuilds("a ".repeat(5_000), "b ".repeat(5_000));
        assertThat(WordDiff.between("a ".repeat(5_000), "b ".repeat(5_000)))
                .first()
                .isEqualTo(seg(DELETED, "a ".repeat(4_999) + "a"));
    }

    @Test
    void longTextsWithNothingInCommonAreOneDeletionAndOneInsertion() {
        // Past the comparison budget, rather than a quadratic diff matching only the spaces.
        Random random = new Random(9);
        StringBuilder before = new StringBuilder("Same head. ");
        StringBuilder after = new StringBuilder("Same head. ");
        while (before.length() < 10_000) {
            before.append("old").append(random.nextInt(1000)).append(' ');
            after.append("new").append(random.nextInt(1000)).append(' ');
        }
        before.append("same tail.");
        after.append("same tail.");
        List<Segment> diff = WordDiff.between(before.toString(), after.toString());
        assertThat(diff).extracting(Segment::kind).containsExactly(EQUAL, DELETED, INSERTED, EQUAL);
        assertThat(diff.get(0).text()).isEqualTo("Same head. ");
        assertThat(diff.get(3).text()).isEqualTo(" same tail.");
        assertRebuilds(before.toString(), after.toString());
        // Within the budget the same kind of texts, shorter, are diffed word by word.
        assertThat(WordDiff.between("old1 old2 old3 same", "new1 new2 new3 same"))
                .containsExactly(seg(DELETED, "old1 old2 old3"), seg(INSERTED, "new1 new2 new3"), seg(EQUAL, " same"));
    }

    @Test
    void theSameTextsGiveTheSameSegments() {
        String before = "The the the cat sat on the the mat mat.";
        String after = "The cat the sat the mat on the mat.";
        assertThat(WordDiff.between(before, after)).isEqualTo(WordDiff.between(before, after));
    }

    @Property(tries = 500)
    void everyDiffRebuildsBothTexts(@ForAll("texts") String before, @ForAll("texts") String after) {
        assertRebuilds(before, after);
    }

    @Provide
    Arbitrary<String> texts() {
        // Few distinct words, so that texts share runs and the diff has work to do.
        Arbitrary<String> token = Arbitraries.of("a", "b", "cat", "dog", " ", "  ", "\n", ",", ".", "é", "don't");
        return token.list().ofMaxSize(40).map(tokens -> String.join("", tokens));
    }

    private static void assertRebuilds(String before, String after) {
        List<Segment> diff = WordDiff.between(before, after);
        StringBuilder newText = new StringBuilder();
        StringBuilder oldText = new StringBuilder();
        Kind previous = null;
        for (Segment segment : diff) {
            assertThat(segment.kind()).as("neighbours differ in kind: %s", diff).isNotEqualTo(previous);
            if (previous == INSERTED) {
                assertThat(segment.kind())
                        .as("a deletion comes before its insertion: %s", diff)
                        .isEqualTo(EQUAL);
            }
            previous = segment.kind();
            if (segment.kind() != DELETED) {
                newText.append(segment.text());
            }
            if (segment.kind() != INSERTED) {
                oldText.append(segment.text());
            }
        }
        assertThat(newText.toString()).isEqualTo(after);
        assertThat(oldText.toString().replaceAll("\\s+", "")).isEqualTo(before.replaceAll("\\s+", ""));
        assertThat(WordDiff.changed(diff))
                .as("changed iff the words (all but whitespace) differ: %s", diff)
                .isEqualTo(!words(before).equals(words(after)));
    }

    private static List<String> words(String text) {
        return WordDiff.tokens(text).stream()
                .filter(token -> !token.isBlank() && !token.equals("\u00a0"))
                .toList();
    }
}
