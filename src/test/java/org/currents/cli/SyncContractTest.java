package org.currents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.currents.model.Event;
import org.currents.source.DayPageTitle;
import org.currents.source.api.FakeMediaWiki;
import org.currents.source.api.Histories;
import org.currents.store.ArchiveStore;
import org.currents.store.StoredPage;
import org.currents.store.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract between the two sources: the same history imported from an XML export and synced
 * from the (fake) API gives the identical archive: events, versions, contexts, pages, counts.
 */
class SyncContractTest {
    static final Path EXPORT = Path.of("src/test/resources/source/api/history-3x12.xml");

    @TempDir
    Path dir;

    /** The archive named {@code name} for this test, as a {@code --db} value: a SQLite file here. */
    protected String archive(String name) {
        return dir.resolve(name + ".db").toString();
    }

    /** Everything the archive holds that a reader or a later stage sees. */
    record Archive(List<Event> events, List<String> pages, Map<String, Long> stats) {
        static Archive of(String db) {
            try (ArchiveStore store = Stores.open(db)) {
                List<Event> events = new ArrayList<>();
                store.forEachEvent(events::add);
                List<String> pages = store.pages().stream()
                        .map(SyncContractTest::describe)
                        .sorted()
                        .toList();
                return new Archive(events, pages, store.stats());
            }
        }
    }

    static String describe(StoredPage p) {
        return p.title() + " " + p.day() + " " + p.revisions() + " " + p.newestRevisionId() + " " + p.missing();
    }

    static int run(String... args) {
        StringWriter err = new StringWriter();
        int code = Currents.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
        assertThat(code).as(String.join(" ", args) + ": " + err).isZero();
        return code;
    }

    /** Imports {@code xml} into one archive, syncs the same history from the fake into another. */
    void assertSameArchive(Path xml, FakeMediaWiki wiki) {
        String imported = archive("imported");
        String synced = archive("synced");
        run("import", "--db=" + imported, xml.toString());
        for (String title : wiki.titles().stream().sorted().toList()) {
            LocalDate day = DayPageTitle.parse(title).orElseThrow();
            run(
                    "sync",
                    "--db=" + synced,
                    "--api=" + wiki.api(),
                    "--contact=t@example.org",
                    "--from=" + day,
                    "--to=" + day);
        }

        Archive a = Archive.of(imported);
        Archive b = Archive.of(synced);

        assertThat(a.events()).isNotEmpty();
        assertThat(b.pages()).isEqualTo(a.pages());
        assertThat(b.events()).hasSameSizeAs(a.events());
        for (int i = 0; i < a.events().size(); i++) {
            assertThat(b.events().get(i)).isEqualTo(a.events().get(i));
        }
        assertThat(b.stats()).isEqualTo(a.stats());
    }

    @Test
    void aGeneratedHistoryWithHiddenRevisionsGivesTheSameArchiveEitherWay() throws Exception {
        try (FakeMediaWiki wiki = FakeMediaWiki.start()) {
            Histories.loadExport(EXPORT, wiki);
            String title = wiki.titles().stream().sorted().findFirst().orElseThrow();
            List<FakeMediaWiki.Rev> revs = wiki.revisions(title);
            wiki.hide(revs.get(4).id(), true, false, false);
            wiki.hide(revs.get(7).id(), false, true, true);
            Path xml = dir.resolve("with-hidden.xml");
            Histories.writeExport(wiki, xml);

            assertSameArchive(xml, wiki);
        }
    }

    /** Issue 12: reverts are seen in a synced history whatever form (or none) the wiki's sha1 takes. */
    @ParameterizedTest
    @EnumSource(
            value = FakeMediaWiki.Sha1Form.class,
            names = {"ABSENT", "JUNK", "BASE36", "UPPER_HEX"})
    void aHistoryWithRevertsGivesTheSameArchiveWhateverTheWikisSha1(FakeMediaWiki.Sha1Form form) throws Exception {
        try (FakeMediaWiki wiki = FakeMediaWiki.start()) {
            Histories.loadExport(EXPORT, wiki);
            wiki.sha1As(form);

            assertSameArchive(EXPORT, wiki);
            assertThat(Archive.of(archive("synced")).stats())
                    .as("the export holds reverted vandalism")
                    .containsKey("revisions_reverted")
                    .extractingByKey("revisions_reverted")
                    .isNotEqualTo(0L);
        }
    }

    @Test
    void theRealDayPagesGiveTheSameArchiveEitherWay() throws Exception {
        try (FakeMediaWiki wiki = FakeMediaWiki.start()) {
            Histories.loadCorpus(wiki);
            Path xml = dir.resolve("corpus.xml");
            Histories.writeExport(wiki, xml);

            assertSameArchive(xml, wiki);
        }
    }
}
