package org.currents.bench;

import java.util.List;
import java.util.Random;
import org.currents.publish.WordDiff;

/**
 * Benchmark: word diffs of 10,000-character event texts (the longest bad input), from a
 * one-word edit to two texts with nothing in common, the worst case of a Myers diff.
 *
 * <p>Run: {@code java -cp target/classes:target/test-classes:$(cat /tmp/cp.txt)
 * org.currents.bench.WordDiffBench 10000} where {@code /tmp/cp.txt} comes from {@code mvn -q
 * dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt}.
 */
public final class WordDiffBench {
    private WordDiffBench() {}

    public static void main(String[] args) {
        int length = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Random random = new Random(42);
        String text = words(random, length, "w");
        List<String[]> cases = List.of(
                new String[] {"identical", text, text},
                new String[] {"one word changed", text, text.replaceFirst("w1", "v1")},
                new String[] {"one in eight words changed", text, everyEighth(text)},
                new String[] {"nothing in common", text, words(random, length, "x")},
                new String[] {"one letter a word, all different", "a ".repeat(length / 2), "b ".repeat(length / 2)});
        for (int round = 0; round < 3; round++) {
            for (String[] c : cases) {
                long t0 = System.nanoTime();
                List<WordDiff.Segment> diff = WordDiff.between(c[1], c[2]);
                long t1 = System.nanoTime();
                if (round == 2) {
                    System.out.printf(
                            "%-34s chars=%d/%d segments=%d ms=%.1f%n",
                            c[0], c[1].length(), c[2].length(), diff.size(), (t1 - t0) / 1e6);
                }
            }
        }
    }

    private static String words(Random random, int length, String prefix) {
        StringBuilder out = new StringBuilder(length + 16);
        while (out.length() < length) {
            out.append(prefix).append(random.nextInt(1000)).append(random.nextInt(10) == 0 ? ", " : " ");
        }
        return out.substring(0, length);
    }

    private static String everyEighth(String text) {
        String[] words = text.split(" ");
        for (int i = 0; i < words.length; i += 8) {
            words[i] = "changed";
        }
        return String.join(" ", words);
    }
}
