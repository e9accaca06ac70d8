package org.currents.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.currents.source.DayPageTitle;
import org.currents.source.api.FakeMediaWiki;
import org.currents.source.api.Histories;
import org.currents.store.ArchiveStore;
import org.currents.store.StoredPage;
import org.currents.store.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyncCommandTest {
    static final Path EXPORT = Path.of("src/test/resources/source/api/history-3x12.xml");
    static final LocalDate FIRST = LocalDate.of(2011, 11, 26);

    @TempDir
    Path dir;

    FakeMediaWiki wiki;
    String db;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws Exception {
        wiki = FakeMediaWiki.start();
        db = dir.resolve("archive.db").toString();
    }

    @AfterEach
    void stop() {
        wiki.close();
    }

    int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Currents.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    int sync(String... range) {
        String[] args = new String[5 + range.length];
        args[0] = "sync";
        args[1] = "--db=" + db;
        args[2] = "--api=" + wiki.api();
        args[3] = "--contact=tests@example.org";
        args[4] = "--verbose";
        System.arraycopy(range, 0, args, 5, range.length);
        return run(args);
    }

    List<StoredPage> pages() {
        try (ArchiveStore store = Stores.open(db)) {
            return store.pages();
        }
    }

    @Test
    void importsEveryRevisionOfTheDaysAndReportsEachDay() throws Exception {
        Histories.loadExport(EXPORT, wiki);

        int code = sync("--from", FIRST.minusDays(1).toString(), "--to", FIRST.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString())
                .isEqualTo("2011-11-25: no such page on the wiki\n2011-11-26: 12 new revisions (1 request)\n");
        assertThat(out.toString())
                .startsWith("sync 2011-11-25..2011-11-26 from " + wiki.api()
                        + ": 2 days (1 missing, 0 up to date, 1 changed); 12 new revisions; ")
                // prop=info, prop=revisions, and one batch of redirects for the new contexts
                .endsWith(" moved; 3 requests\n");
        assertThat(wiki.requests()).anySatisfy(r -> assertThat(r.params()).containsKey("redirects"));
        assertThat(pages())
                .extracting(StoredPage::day, StoredPage::revisions, StoredPage::missing)
                .containsExactlyInAnyOrder(tuple(FIRST.minusDays(1), 0L, true), tuple(FIRST, 12L, false));
    }

    @Test
    void contextsFollowRedirectsSoThatTwoSpellingsAreOneTopic() throws Exception {
        String title = org.currents.source.DayPageTitle.of(FIRST);
        wiki.article("Donald Trump");
        wiki.redirect("Trump", "Donald Trump");
        wiki.edit(
                title,
                "Ann",
                "new",
                org.currents.testing.ExportBuilder.day(
                        "*[[Trump]] meets the press in [[Freedonia]]. [http://a.example/1 (A News)]",
                        "*[[Donald Trump]] signs an order on [[Freedonia]]. [http://b.example/2 (B Times)]"));

        assertThat(sync("--from", FIRST.toString(), "--to", FIRST.toString()))
                .as(err.toString())
                .isZero();

        try (ArchiveStore store = Stores.open(db)) {
            List<org.currents.model.Event> events = store.events(FIRST);
            assertThat(events).hasSize(2);
            assertThat(events)
                    .allSatisfy(e -> assertThat(e.contexts())
                            .extracting(org.currents.model.Context::key)
                            .containsExactly("Donald Trump", "Freedonia"));
            assertThat(store.redirectTargets(List.of("Trump"))).containsEntry("Trump", "Donald Trump");
        }
    }

    @Test
    void aSecondSyncFetchesOnlyWhatTheWikiGained() throws Exception {
        Histories.loadExport(EXPORT, wiki);
        String title = DayPageTitle.of(FIRST);
        sync("--from", FIRST.toString(), "--to", FIRST.toString());
        String last = wiki.revisions(title).get(11).text();
        wiki.edit(title, "Editor", "one", last + "\n");
        wiki.edit(title, "Editor", "two", last + "\n\n");
        wiki.edit(title, "Editor", "three", last);
        wiki.clearLog();

        int code = sync("--from", FIRST.toString(), "--to", FIRST.toString());

        assertThat(code).isZero();
        assertThat(err.toString()).isEqualTo("2011-11-26: 3 new revisions (1 request)\n");
        assertThat(out.toString()).contains(": 1 days (0 missing, 0 up to date, 1 changed); 3 new revisions; ");
        assertThat(wiki.requestCount()).isEqualTo(2);
        assertThat(pages())
                .singleElement()
                .satisfies(p -> assertThat(p.revisions()).isEqualTo(15));

        sync("--from", FIRST.toString(), "--to", FIRST.toString());
        assertThat(err.toString()).isEqualTo("2011-11-26: up to date\n");
        assertThat(out.toString()).contains("0 new revisions").endsWith("; 1 requests\n");
    }

    @Test
    void aDayPageCreatedAfterASyncIsNoLongerMissing() throws Exception {
        String title = DayPageTitle.of(FIRST);
        sync("--from", FIRST.toString(), "--to", FIRST.toString());
        assertThat(pages()).extracting(StoredPage::missing).containsExactly(true);

        wiki.edit(title, "Editor", "new day", "* x [http://example.org/x (X)]");
        int code = sync("--from", FIRST.toString(), "--to", FIRST.toString());

        assertThat(code).isZero();
        assertThat(err.toString()).isEqualTo("2011-11-26: 1 new revision (1 request)\n");
        assertThat(pages())
                .extracting(StoredPage::revisions, StoredPage::missing)
                .containsExactly(tuple(1L, false));
    }

    @Test
    void refusesTheDefaultApiWithoutAContactBeforeTouchingAnything() {
        assumeTrue(System.getenv("CURRENTS_CONTACT") == null, "CURRENTS_CONTACT is set in this environment");

        int code = run("sync", "--db=" + db, "--days", "1");

        assertThat(code).isEqualTo(Currents.USAGE);
        assertThat(err.toString())
                .isEqualTo("currents: a contact is required to use the Wikimedia API at"
                        + " https://en.wikipedia.org/w/api.php: pass --contact URL-or-email (or set CURRENTS_CONTACT),"
                        + " as Wikimedia's User-Agent policy asks\n");
        assertThat(out.toString()).isEmpty();
        assertThat(Files.exists(Path.of(db))).isFalse();
    }

    @Test
    void anEmptyContactIsNoContact() {
        int code = run("sync", "--db=" + db, "--days", "1", "--contact=");

        assertThat(code).isEqualTo(Currents.USAGE);
        assertThat(err.toString()).startsWith("currents: a contact is required");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "--from 2017-13-01;                   --from must be a date YYYY-MM-DD: 2017-13-01",
                "--from 2017-07-09 --to 2017-07-01;   --to 2017-07-01 is before --from 2017-07-09",
                "--to 2017-07-09;                     --to needs --from",
                "--from 0001-01-01 --to 2017-07-09;   --from 0001-01-01 --to 2017-07-09 covers 736519 days, more than 36500",
                "--days 3 --from 2017-07-09;          give either --from/--to or --days, not both",
                "--days 1 --api=notaurl;              --api must be the http(s) URL of a wiki's api.php: notaurl",
                "--days 1 --api=ftp://x/api.php;      --api must be the http(s) URL of a wiki's api.php: ftp://x/api.php",
            })
    void explainsBadArguments(String args, String message) {
        List<String> all = new ArrayList<>(List.of("sync", "--db=" + db, "--contact=t@example.org"));
        all.addAll(List.of(args.trim().split("\\s+")));

        int code = run(all.toArray(String[]::new));

        assertThat(code).isEqualTo(Currents.USAGE);
        assertThat(err.toString()).isEqualTo("currents: " + message + "\n");
    }

    @Test
    void lastDaysEndToday() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        wiki.edit(DayPageTitle.of(today), "Editor", "new day", "* today [http://example.org/x (X)]");

        int code = sync("--days", "3");

        assertThat(code).isZero();
        assertThat(wiki.requests().get(0).param("titles"))
                .isEqualTo(DayPageTitle.of(today.minusDays(2)) + "|" + DayPageTitle.of(today.minusDays(1)) + "|"
                        + DayPageTitle.of(today));
        assertThat(err.toString()).endsWith(today + ": 1 new revision (1 request)\n");
    }

    @Test
    void anApiThatGivesUpStopsTheSyncAfterTheLastWholePage() throws Exception {
        Histories.loadExport(EXPORT, wiki);
        wiki.edit(DayPageTitle.of(FIRST.plusDays(1)), "Editor", "new", "* x [http://example.org/x (X)]");
        // prop=info and the first page pass; the second page's request fails on both tries
        FakeMediaWiki.Misbehaviour ok = FakeMediaWiki.Misbehaviour.ANSWER;
        FakeMediaWiki.Misbehaviour bad = FakeMediaWiki.Misbehaviour.TRUNCATED_JSON;
        wiki.misbehave(ok, ok, bad, bad);

        int code = sync("--from", FIRST.toString(), "--to", FIRST.plusDays(1).toString(), "--max-tries", "2");

        assertThat(code).isEqualTo(Currents.FAILURE);
        assertThat(out.toString())
                .contains("  stopped: query prop=revisions titles=Portal:Current events/2011 November 27: gave up"
                        + " after 2 tries (maxTries 2): malformed or truncated JSON");
        assertThat(pages()).extracting(StoredPage::day, StoredPage::revisions).containsExactly(tuple(FIRST, 12L));
    }
}
