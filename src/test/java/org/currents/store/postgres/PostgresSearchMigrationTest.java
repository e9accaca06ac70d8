package org.currents.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.currents.model.SourceMeta;
import org.currents.store.ArchiveStore;
import org.currents.store.SearchHit;
import org.currents.store.SearchQuery;
import org.currents.store.Stores;
import org.currents.testing.Archives;
import org.currents.testing.ExportBuilder;
import org.currents.testing.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL's V5 on an archive of schema 4: every version of what it holds becomes a search row
 * (the same results as an archive made at V5), later imports are indexed by the triggers, and
 * storing source metadata moves the change sequence.
 */
class PostgresSearchMigrationTest {
    /**
     * Takes an archive of the newest schema back to V4 as V4__search.sql left it (its functions are
     * still there): the later migrations' tables go too, or Flyway would take the archive for one
     * past V5 and never apply it.
     */
    private static final String[] UNDO_V5 = {
        "DROP TABLE related",
        "DROP TABLE related_members",
        // V8 made citations.domain a plain column: V4 left it generated
        "ALTER TABLE citations DROP COLUMN domain",
        "ALTER TABLE citations ADD COLUMN domain TEXT COLLATE \"C\" GENERATED ALWAYS AS (CASE WHEN strpos(url, '://') = 0"
                + " THEN '' ELSE regexp_replace(lower(COALESCE(substring(substr(url, strpos(url, '://') + 3)"
                + " FROM '^(?:[^/?#@]*@)?([^/?#:]*)'), '') COLLATE \"C\"), '^www\\.', '') END) STORED",
        "CREATE INDEX citations_domain ON citations (domain)",
        "DROP TABLE enrich_claims",
        "DROP TABLE enrich_hosts",
        "DROP TABLE enrich_robots",
        "DROP TRIGGER versions_search ON versions",
        "DROP TRIGGER revisions_search_reverted ON revisions",
        "DROP TRIGGER events_search ON events",
        "DROP TRIGGER source_meta_sequence ON source_meta",
        "DROP FUNCTION versions_search()",
        "DROP FUNCTION versions_search_add(versions)",
        "DROP FUNCTION revisions_search_reverted()",
        "DROP FUNCTION events_search()",
        "DROP FUNCTION source_meta_sequence()",
        "DROP FUNCTION currents_live(BIGINT, BIGINT)",
        "DROP TABLE search_docs",
        "CREATE TABLE search (rowid BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                + " key TEXT COLLATE \"C\" NOT NULL UNIQUE, text TEXT NOT NULL, stories TEXT NOT NULL,"
                + " links TEXT NOT NULL, outlets TEXT NOT NULL, doc tsvector GENERATED ALWAYS AS ("
                + "setweight(to_tsvector('simple'::regconfig, currents_fold(text)), 'A')"
                + " || setweight(to_tsvector('simple'::regconfig, currents_fold(stories)), 'B')"
                + " || setweight(to_tsvector('simple'::regconfig, currents_fold(links)), 'B')"
                + " || setweight(to_tsvector('simple'::regconfig, currents_fold(outlets)), 'C')) STORED)",
        "CREATE INDEX search_doc ON search USING GIN (doc)",
        "INSERT INTO search (key, text, stories, links, outlets) SELECT b.key, b.text, currents_joined(b.stories),"
                + " currents_joined(b.links), currents_outlets(b.sources) FROM bullets b ORDER BY b.key",
        "CREATE FUNCTION bullets_search() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " INSERT INTO search (key, text, stories, links, outlets) VALUES (NEW.key, NEW.text,"
                + " currents_joined(NEW.stories), currents_joined(NEW.links), currents_outlets(NEW.sources));"
                + " RETURN NEW; END $$",
        "CREATE TRIGGER bullets_search AFTER INSERT ON bullets FOR EACH ROW EXECUTE FUNCTION bullets_search()",
        "DELETE FROM flyway_schema_history WHERE CAST(version AS INTEGER) >= 5",
    };

    private static Postgres server;

    @TempDir
    Path dir;

    @BeforeAll
    static void createDatabase() {
        server = Postgres.create(PostgresSearchMigrationTest.class);
    }

    @AfterAll
    static void dropDatabase() {
        server.close();
    }

    @Test
    void v5IndexesEveryVersionOfAnArchiveOfSchema4AndLaterWritesToo() {
        String url = server.freshSchema();
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        List<String> before;
        List<String> old;
        try (ArchiveStore store = Stores.open(url)) {
            Archives.importFile(store, Archives.sample(dir));
            before = ids(store, "Trump");
            old = ids(store, "cybersecurity"); // a word of an old version only
        }
        assertThat(before).hasSizeGreaterThan(3);
        assertThat(old).isNotEmpty();
        String[] undo = new String[UNDO_V5.length + 1];
        undo[0] = "SET search_path TO " + schema + ", public";
        System.arraycopy(UNDO_V5, 0, undo, 1, UNDO_V5.length);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url)) {
            org.currents.store.jdbc.OlderObservations.undoV12(c);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        server.sql(undo);

        try (ArchiveStore store = Stores.open(url)) { // a writer migrates
            assertThat(ids(store, "Trump")).containsExactlyElementsOf(before);
            assertThat(ids(store, "cybersecurity")).containsExactlyElementsOf(old);

            assertThat(store.search(SearchQuery.of("zebrafish", 100)).hits()).isEmpty();
            Path later = new ExportBuilder()
                    .page("Portal:Current events/2019 March 3")
                    .revision(
                            70001,
                            "2019-03-03T10:00:00Z",
                            "Editor",
                            "new",
                            ExportBuilder.day("*Zebrafish swim upstream in the Rhine. [http://news.test/z (Z News)]"))
                    .revision(
                            70002,
                            "2019-03-03T11:00:00Z",
                            "Editor",
                            "fix",
                            ExportBuilder.day("*Salmon swim upstream in the Rhine. [http://news.test/z (Z News)]"))
                    .revision(
                            70003,
                            "2019-03-03T12:00:00Z",
                            "Vandal",
                            "",
                            ExportBuilder.day(
                                    "*Salmon swim upstream in the Rhine lolwutt. [http://news.test/z (Z News)]"))
                    .revision(
                            70004,
                            "2019-03-03T12:01:00Z",
                            "Editor",
                            "revert",
                            ExportBuilder.day("*Salmon swim upstream in the Rhine. [http://news.test/z (Z News)]"))
                    .write(dir.resolve("later.xml"));
            Archives.importFile(store, later);
            List<SearchHit> fish =
                    store.search(SearchQuery.of("zebrafish", 100)).hits();
            assertThat(fish).hasSize(1);
            assertThat(fish.get(0).text()).startsWith("Salmon");
            assertThat(ids(store, "salmon")).containsExactly(fish.get(0).id());
            // the reverted vandal edit is no version of the event: its word finds nothing
            assertThat(store.search(SearchQuery.of("lolwutt", 100)).hits()).isEmpty();

            long sequence = store.changeSequence();
            store.saveSourceMeta(SourceMeta.builder("http://news.test/z", "ok", Instant.parse("2019-03-04T00:00:00Z"))
                    .finalUrl("http://news.test/z")
                    .httpStatus(200)
                    .title("Fish")
                    .description("Salmon are back")
                    .siteName("Z News")
                    .language("en")
                    .build());
            assertThat(store.changeSequence()).isEqualTo(sequence + 1);
        }
    }

    private static List<String> ids(ArchiveStore store, String text) {
        return store.search(SearchQuery.of(text, 100)).hits().stream()
                .map(SearchHit::id)
                .toList();
    }
}
