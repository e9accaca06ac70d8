package org.currents.wikitext;

import java.util.ArrayList;
import java.util.List;
import org.currents.model.Problem;

/** A bounded list of problems, in the manner of jsoup's ParseErrorList: keeps the first N, counts all. */
final class ProblemList {
    private final int max;
    private final List<Problem> problems = new ArrayList<>();
    private int count;

    ProblemList(int max) {
        this.max = max;
    }

    void add(int line, int column, String message) {
        count++;
        if (problems.size() < max) {
            problems.add(new Problem(line, column, message));
        }
    }

    List<Problem> problems() {
        return problems;
    }

    int count() {
        return count;
    }
}
