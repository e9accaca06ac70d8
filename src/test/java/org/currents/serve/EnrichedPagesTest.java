package org.currents.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.currents.model.SourceMeta;
import org.currents.store.ArchiveStore;
import org.currents.store.Stores;
import org.currents.testing.Archives;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code enrich} stores while the server runs reaches the pages it serves: storing source
 * metadata moves the archive's change sequence, which the page cache is keyed on, so a page
 * already cached is drawn again with the new summary and cover image. {@code
 * PostgresEnrichedPagesTest} runs the same on PostgreSQL.
 */
class EnrichedPagesTest {
    @TempDir
    Path dir;

    /** A new archive as a {@code --db} value: a SQLite file in {@code dir} here. */
    protected String archive(Path dir) {
        return dir.resolve("archive.db").toString();
    }

    @Test
    void aPageServedBeforeEnrichmentShowsTheSummaryAndImageStoredAfterIt() throws Exception {
        String db = archive(dir);
        try (ArchiveStore store = Stores.open(db)) {
            Archives.importFile(store, Archives.sample(dir));
        }
        WebServer.Options o = new WebServer.Options().port(0).checkEvery(Duration.ofMillis(50));
        try (WebServer server = WebServer.start(db, o, line -> {})) {
            Http http = new Http(server.port());
            String id = http.json("/api/days/2017-07-09")
                    .path("events")
                    .get(0)
                    .path("id")
                    .asText();
            JsonNode event = http.json("/api/events/" + id);
            String url = event.path("sources").get(0).path("url").asText();
            String page = event.path("page").asText();
            long sequence = http.json("/healthz").path("sequence").asLong();
            HttpResponse<byte[]> before = http.get(page);
            assertThat(before.statusCode()).isEqualTo(200);
            assertThat(http.get(page).body()).isEqualTo(before.body()); // cached: the same bytes
            Document old = Jsoup.parse(Http.text(before));
            assertThat(old.select("p.summary")).isEmpty();
            assertThat(old.select("figure.cover img")).isEmpty();

            try (ArchiveStore writer = Stores.open(db)) { // as enrich does, in another connection
                writer.saveSourceMeta(SourceMeta.builder(url, "ok", Instant.parse("2017-07-10T00:00:00Z"))
                        .finalUrl(url)
                        .httpStatus(200)
                        .title("A fresh title")
                        .description("A fresh summary <of> the article")
                        .image("https://img.example.org/fresh-cover.jpg")
                        .siteName("Example")
                        .language("en")
                        .build());
            }

            Document fresh = null;
            for (long end = System.nanoTime() + Duration.ofSeconds(10).toNanos(); System.nanoTime() < end; ) {
                fresh = Jsoup.parse(Http.text(http.get(page)));
                if (!fresh.select("p.summary").isEmpty()) {
                    break;
                }
                Thread.sleep(50);
            }
            assertThat(fresh.select("p.summary").text()).isEqualTo("A fresh summary <of> the article");
            assertThat(fresh.select("figure.cover img").attr("src"))
                    .isEqualTo("https://img.example.org/fresh-cover.jpg");
            assertThat(http.json("/healthz").path("sequence").asLong()).isGreaterThan(sequence);
            assertThat(http.json("/api/events/" + id)
                            .path("sources")
                            .get(0)
                            .path("description")
                            .asText())
                    .isEqualTo("A fresh summary <of> the article");
        }
    }
}
