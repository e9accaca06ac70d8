package org.currents.wikitext;

import java.util.List;
import org.currents.model.ParsedEvent;
import org.currents.model.Problem;

/**
 * What the parser read off one page.
 *
 * @param events the page's events in page order
 * @param problems the first problems recorded (at most {@link DayPageParser.Settings#maxProblems()})
 * @param problemCount how many problems there were in all
 */
public record ParseResult(List<ParsedEvent> events, List<Problem> problems, int problemCount) {
    public ParseResult {
        events = List.copyOf(events);
        problems = List.copyOf(problems);
    }
}
