package org.currents.source.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.currents.source.DayPageTitle;
import org.currents.testing.Generator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What live sync costs the wiki, in requests per new revision and per idle cycle; the numbers go
 * to bench/sync.md ({@code mvn -B -q test -Dtest=SyncCostTest}).
 */
class SyncCostTest {
    static final List<String> TABLE = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterAll
    static void report() {
        System.out.println(
                "| history | days | new revisions | requests | requests per new revision | revisions with content sent | bytes received (gzip) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        TABLE.forEach(System.out::println);
    }

    static MediaWikiApi open(FakeMediaWiki wiki) {
        return MediaWikiApi.open(
                ApiOptions.newBuilder()
                        .api(wiki.api())
                        .contact("bench@example.org")
                        .build(),
                new RecordingSleeper(),
                new SplittableRandom(1));
    }

    /** Syncs each of {@code days} and returns the sink; records one row of the table. */
    static RecordingSink measure(
            String name, FakeMediaWiki wiki, List<LocalDate> days, KnownRevisions known, RecordingSink sink)
            throws IOException {
        MediaWikiApi api = open(wiki);
        wiki.clearLog();
        long revisions = 0;
        // consecutive days go in one run, as sync does; scattered days in one run each
        for (List<LocalDate> run : runs(days)) {
            ApiRevisionSource source = ApiRevisionSource.newBuilder(api)
                    .days(run.get(0), run.get(run.size() - 1))
                    .known(known)
                    .build();
            source.readInto(sink);
            revisions += source.summary().revisions();
        }
        long requests = api.stats().requests();
        TABLE.add(String.format(
                Locale.ROOT,
                "| %s | %d | %d | %d | %s | %d | %d |",
                name,
                days.size(),
                revisions,
                requests,
                revisions == 0 ? "-" : String.format(Locale.ROOT, "1/%.1f", (double) revisions / requests),
                wiki.contentServed(),
                api.stats().bytesReceived()));
        return sink;
    }

    static List<List<LocalDate>> runs(List<LocalDate> days) {
        List<List<LocalDate>> runs = new ArrayList<>();
        for (LocalDate d : days.stream().sorted().toList()) {
            if (runs.isEmpty()
                    || !runs.get(runs.size() - 1)
                            .get(runs.get(runs.size() - 1).size() - 1)
                            .plusDays(1)
                            .equals(d)) {
                runs.add(new ArrayList<>());
            }
            runs.get(runs.size() - 1).add(d);
        }
        return runs;
    }

    Path generate(String... args) throws IOException, InterruptedException {
        return Generator.generate(dir, "history", args);
    }

    static List<LocalDate> days(List<String> titles) {
        return titles.stream().map(t -> DayPageTitle.parse(t).orElseThrow()).toList();
    }

    /** Moves the generator's scattered days next to each other from 2024-01-01, as a sync range has them. */
    static UnaryOperator<String> consecutive() {
        List<String> seen = new ArrayList<>();
        return title -> {
            seen.add(title);
            return DayPageTitle.of(LocalDate.of(2024, 1, 1).plusDays(seen.size() - 1));
        };
    }

    @Test
    void catchingUpALongGeneratedHistoryTakesAtMostOneRequestPerFortyRevisions() throws Exception {
        try (FakeMediaWiki wiki = FakeMediaWiki.start()) {
            Path xml = generate("--pages", "2", "--revisions", "600", "--seed", "7");
            List<String> titles = Histories.loadExport(xml, wiki, consecutive());

            RecordingSink sink = measure(
                    "gen_corpus 2 pages × 600 revisions, first sync",
                    wiki,
                    days(titles),
                    KnownRevisions.NONE,
                    new RecordingSink());

            assertThat(sink.total()).isEqualTo(1200);
            // one prop=info, then 12 requests of 50 revisions per page
            assertThat(wiki.requestCount()).isEqualTo(1 + 2 * 12);
            assertThat(wiki.requestCount() * 40).isLessThanOrEqualTo(1200);
        }
    }

    @Test
    void theSmallPresetCostsOneRequestPerPagePlusOne() throws Exception {
        try (FakeMediaWiki wiki = FakeMediaWiki.start()) {
            List<String> titles = Histories.loadExport(generate("--preset", "small"), wiki, consecutive());

            RecordingSink sink = measure(
                    "gen_corpus small preset (16 × 40), first sync",
                    wiki,
                    days(titles),
                    KnownRevisions.NONE,
                    new RecordingSink());

            assertThat(sink.total()).isEqualTo(640);
            // one prop=info for the 16 days, one prop=revisions per page: 40 revisions fit in one
            assertThat(wiki.requestCount()).isEqualTo(1 + 16);
        }
    }

    @Test
    void fourteenBusyDaysThenNewEditsThenAnIdleCycle() throws Exception {
        try (FakeMediaWiki wiki = FakeMediaWiki.start()) {
            LocalDate last = LocalDate.of(2025, 3, 14);
            List<LocalDate> days =
                    last.minusDays(13).datesUntil(last.plusDays(1)).toList();
            for (LocalDate d : days) {
                ApiRevisionSourceTest.edits(wiki, DayPageTitle.of(d), 150 + d.getDayOfMonth() * 7);
            }

            RecordingSink first = measure(
                    "14 consecutive days, 157-248 revisions each, first sync",
                    wiki,
                    days,
                    KnownRevisions.NONE,
                    new RecordingSink());
            assertThat(wiki.requestCount() * 40L).isLessThanOrEqualTo(first.total());

            ApiRevisionSourceTest.edits(wiki, DayPageTitle.of(last), 3);
            RecordingSink more = measure(
                    "the same 14 days after 3 new revisions on one",
                    wiki,
                    days,
                    ApiRevisionSourceTest.knownFrom(first),
                    new RecordingSink());
            assertThat(more.total()).isEqualTo(3);
            assertThat(wiki.requestCount()).isEqualTo(2);

            RecordingSink all = new RecordingSink();
            all.pages.putAll(first.pages);
            more.pages.forEach((t, r) -> all.pages.get(t).addAll(r));
            measure(
                    "idle watch cycle over the 14 days",
                    wiki,
                    days,
                    ApiRevisionSourceTest.knownFrom(all),
                    new RecordingSink());
            assertThat(wiki.requestCount()).isEqualTo(1);
            assertThat(wiki.contentServed()).isZero();
        }
    }
}
