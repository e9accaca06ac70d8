package org.currents.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DayPageTitleTest {

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource({
        "Portal:Current events/2017 July 9, 2017-07-09",
        "Portal:Current_events/2017_July_9, 2017-07-09",
        "' Portal:Current events/2017 July 9 ', 2017-07-09",
        // issue 12: only the canonical title is a day page
        "Portal:Current events/2004 december 31, ",
        "Portal:Current events/2002-07-01, ",
        "Portal:Current events/2017 July 09, ",
        "Portal:Current events/0000 July 9, ",
        "Portal:Current events/0999 July 9, ",
        "Portal:Current events/2017  July 9, ",
        "Portal:Current events/2017 July 9 , 2017-07-09",
        "Portal:Current events/2016 February 29, 2016-02-29",
        "Portal:Current events/2017 February 30, ",
        "Portal:Current events/2017 February 29, ",
        "Portal:Current events/2017 Julember 9, ",
        "Portal:Current events/2017 July, ",
        "Portal:Current events/Sidebar, ",
        "Portal talk:Current events/2017 July 9, ",
        "Portal:Current events/2017 July 9/Archive, ",
        "Current events/2017 July 9, ",
    })
    void readsTheDayOfADayPageTitle(String title, LocalDate day) {
        assertThat(DayPageTitle.parse(title)).isEqualTo(Optional.ofNullable(day));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({
        "Portal:Current events/2017 February 30, 'impossible date in title \"Portal:Current events/2017 February 30\": Invalid date ''FEBRUARY 30'''",
        "Portal:Current_events/2017_February_29, 'impossible date in title \"Portal:Current events/2017 February 29\": Invalid date ''February 29'' as ''2017'' is not a leap year'",
        "Portal:Current events/2017-13-01, 'impossible date in title \"Portal:Current events/2017-13-01\": Invalid value for MonthOfYear (valid values 1 - 12): 13'",
        "Portal:Current events/2017 July 09, 'not the canonical title of a day page: \"Portal:Current events/2017 July 09\" (the day page of 2017-07-09 is \"Portal:Current events/2017 July 9\")'",
        "Portal:Current events/2017-07-09, 'not the canonical title of a day page: \"Portal:Current events/2017-07-09\" (the day page of 2017-07-09 is \"Portal:Current events/2017 July 9\")'",
        "Portal:Current events/0000 July 9, 'not the canonical title of a day page: \"Portal:Current events/0000 July 9\" (the day page of 0000-07-09 is \"Portal:Current events/0 July 9\")'",
    })
    void saysWhyADayPageTitleCannotBeRead(String title, String problem) {
        assertThat(DayPageTitle.parse(title)).isEmpty();
        assertThat(DayPageTitle.problem(title)).isEqualTo(problem);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({"Portal:Current events/2017 July 9", "Portal:Current events/Sidebar", "Main Page"})
    void hasNoProblemWithTitlesThatReadFineOrAreNotDayPages(String title) {
        assertThat(DayPageTitle.problem(title)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"2017-07-09, Portal:Current events/2017 July 9", "2004-12-01, Portal:Current events/2004 December 1"})
    void writesTheCanonicalTitleOfADay(LocalDate day, String title) {
        assertThat(DayPageTitle.of(day)).isEqualTo(title);
        assertThat(DayPageTitle.parse(title)).contains(day);
    }
}
