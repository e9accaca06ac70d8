package org.currents.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.currents.model.SourceMeta;
import org.currents.store.EnrichSelection;
import org.currents.store.sqlite.SqliteFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every page of the shared article corpus served under its recorded URL by a local proxy, then
 * enriched into a SQLite store: the stored metadata must match expected.json as well as direct
 * extraction does. The pages' https URLs are served as http, since the local proxy cannot
 * terminate TLS; their paths and queries are the recorded ones.
 */
class CorpusServedTest {
    @TempDir
    Path dir;

    static String served(String url) {
        return url.startsWith("https://") ? "http://" + url.substring("https://".length()) : url;
    }

    @Test
    void enrichesTheCorpusServedByAProxyAsWellAsDirectExtraction() throws Exception {
        List<ArticleCorpus.Page> pages = ArticleCorpus.pages();
        try (LocalWeb web = LocalWeb.start();
                SqliteFixture db = SqliteFixture.create(dir.resolve("archive.db"))) {
            int i = 0;
            for (ArticleCorpus.Page page : pages) {
                byte[] bytes = page.bytes();
                web.route(served(page.url()), (ex, n) -> LocalWeb.send(ex, 200, "text/html", bytes));
                db.event("e" + i++, LocalDate.of(2020, 1, 1), served(page.url()));
            }
            EnrichSummary summary;
            try (Enricher enricher = Enricher.of(EnrichOptions.newBuilder()
                    .proxy(web.address())
                    .delay(Duration.ZERO)
                    .build())) {
                summary = enricher.run(db.sources(), EnrichSelection.firstSourcesNotYetFetched(), s -> {});
            }
            assertThat(summary.byOutcome()).isEqualTo(Map.of("ok", (long) pages.size()));

            Map<String, SourceMeta> stored = db.sources()
                    .sourceMeta(pages.stream().map(p -> served(p.url())).toList());
            Map<String, PageMetadata> byFile = new HashMap<>();
            for (ArticleCorpus.Page page : pages) {
                SourceMeta m = stored.get(served(page.url()));
                byFile.put(
                        page.file(),
                        new PageMetadata(
                                m.title(),
                                m.description(),
                                m.image(),
                                m.siteName(),
                                m.published(),
                                m.modified(),
                                m.canonicalUrl(),
                                m.language(),
                                m.author()));
            }
            MetadataAccuracyTest.AccuracyReport report =
                    MetadataAccuracyTest.AccuracyReport.of(pages, byFile::get, MetadataAccuracyTest.divergences());
            for (String field : MetadataAccuracyTest.GATED) {
                assertThat(report.accuracyBesidesDivergences(field))
                        .as(field)
                        .isGreaterThanOrEqualTo(MetadataAccuracyTest.BAR);
            }
        }
    }
}
