package org.currents.source.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.currents.source.DayPageTitle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MediaWikiApiTest {
    static final LocalDate DAY = LocalDate.of(2017, 7, 9);
    static final String TITLE = DayPageTitle.of(DAY);
    static final String CONTACT = "https://example.org/currents-tests";

    FakeMediaWiki wiki;
    RecordingSleeper sleeper = new RecordingSleeper();

    @BeforeEach
    void start() throws Exception {
        wiki = FakeMediaWiki.start();
        ApiRevisionSourceTest.edits(wiki, TITLE, 60);
    }

    @AfterEach
    void stop() {
        wiki.close();
    }

    MediaWikiApi open(ApiOptions.Builder options) {
        return MediaWikiApi.open(options.build(), sleeper, new SplittableRandom(7));
    }

    ApiOptions.Builder options() {
        // generous: on a loaded machine a first request can take over a second, and a timeout
        // would be retried and counted as an extra request (the SLOW case sets its own)
        return ApiOptions.newBuilder().api(wiki.api()).contact(CONTACT).requestTimeout(Duration.ofSeconds(10));
    }

    RecordingSink sync(MediaWikiApi api) throws Exception {
        RecordingSink sink = new RecordingSink();
        ApiRevisionSource.newBuilder(api).days(DAY, DAY).build().readInto(sink);
        return sink;
    }

    @ParameterizedTest
    @CsvSource({
        // misbehaviour, least wait (ms): its Retry-After, or 5 s after maxlag (Manual:Maxlag_parameter)
        "TOO_MANY_REQUESTS, 3000",
        "UNAVAILABLE,       0",
        "MAXLAG,            5000",
        "SLOW,              0",
        "TRUNCATED_JSON,    0",
        "DROP_CONNECTION,   0",
    })
    void recoversFromEachMisbehaviour(FakeMediaWiki.Misbehaviour mis, long leastWaitMillis) throws Exception {
        wiki.retryAfterSeconds(3);
        wiki.misbehave(FakeMediaWiki.Misbehaviour.ANSWER);
        int times = wireTriesPerTry(mis);
        for (int i = 0; i < times; i++) {
            wiki.misbehave(mis);
        }
        ApiOptions.Builder options = options();
        if (mis == FakeMediaWiki.Misbehaviour.SLOW) {
            options.requestTimeout(Duration.ofSeconds(2));
            wiki.slowDelay = Duration.ofSeconds(6); // well past the client's timeout
        }
        MediaWikiApi api = open(options);

        RecordingSink sink = sync(api);

        assertThat(sink.revisions(TITLE)).hasSize(60);
        assertThat(api.stats().retries()).isEqualTo(1);
        // prop=info, the failed try, its retry, the continuation
        assertThat(wiki.requestCount()).isEqualTo(1 + times + 1 + 1);
        assertThat(sleeper.waits).hasSize(1);
        assertThat(sleeper.waits.get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(leastWaitMillis));
        // the retry is the same request
        assertThat(wiki.requests().get(1 + times).params())
                .isEqualTo(wiki.requests().get(1).params());
    }

    @ParameterizedTest
    @CsvSource({
        "UNAVAILABLE,       http-503",
        "TOO_MANY_REQUESTS, http-429",
        "MAXLAG,            maxlag",
        "TRUNCATED_JSON,    bad-json",
        "DROP_CONNECTION,   network",
    })
    void givesUpAfterBoundedTriesWithAClearError(FakeMediaWiki.Misbehaviour mis, String code) {
        for (int i = 0; i < 4 * wireTriesPerTry(mis); i++) {
            wiki.misbehave(mis);
        }
        MediaWikiApi api = open(options().maxTries(4));

        assertThatThrownBy(() -> sync(api))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.tries()).isEqualTo(4);
                })
                .hasMessageStartingWith("query prop=info titles=" + TITLE + ": gave up after 4 tries (maxTries 4): ");
        assertThat(wiki.requestCount()).isEqualTo(4 * wireTriesPerTry(mis));
        assertThat(sleeper.waits).hasSize(3);
    }

    /** The JDK client repeats a GET once by itself when the connection drops without an answer. */
    static int wireTriesPerTry(FakeMediaWiki.Misbehaviour mis) {
        return mis == FakeMediaWiki.Misbehaviour.DROP_CONNECTION ? 2 : 1;
    }

    @Test
    void waitsLongerAfterEachFailureWithJitter() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), new SplittableRandom(3));
        for (int i = 0; i < 100; i++) {
            assertThat(backoff.delay(1, Duration.ZERO)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
            assertThat(backoff.delay(3, Duration.ZERO)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
            assertThat(backoff.delay(10, Duration.ZERO)).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
            assertThat(backoff.delay(1, Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
            assertThat(backoff.delay(1, Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(30));
        }
        List<Duration> firsts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            firsts.add(backoff.delay(2, Duration.ZERO));
        }
        assertThat(firsts).doesNotHaveDuplicates().hasSizeGreaterThan(10);
    }

    @Test
    void sendsUserAgentMaxlagAndGzipOnEveryRequest() throws Exception {
        wiki.misbehave(
                FakeMediaWiki.Misbehaviour.MAXLAG,
                FakeMediaWiki.Misbehaviour.ANSWER,
                FakeMediaWiki.Misbehaviour.UNAVAILABLE);
        MediaWikiApi api = open(options());

        sync(api);
        api.pageInfo(List.of(TITLE));
        api.resolveRedirects(List.of("Trump"));

        // prop=info twice (maxlag), revisions three times (503, then 50 + 10), info, redirects
        assertThat(wiki.requests()).hasSize(7);
        for (FakeMediaWiki.Request r : wiki.requests()) {
            assertThat(r.headers().get("User-Agent"))
                    .matches("currents/\\S+ \\(" + CONTACT + "\\) java-http-client/\\d+");
            assertThat(r.headers().get("Accept-Encoding")).isEqualTo("gzip");
            assertThat(r.params())
                    .containsEntry("maxlag", "5")
                    .containsEntry("format", "json")
                    .containsEntry("formatversion", "2");
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://en.wikipedia.org/w/api.php",
                "https://de.wikipedia.org/w/api.php",
                "https://commons.wikimedia.org/w/api.php",
                "https://www.mediawiki.org/w/api.php",
                "https://www.wikidata.org/w/api.php",
                "https://EN.WIKIPEDIA.ORG./w/api.php"
            })
    void refusesAWikimediaApiWithoutAContact(String url) {
        ApiOptions options = ApiOptions.newBuilder().api(URI.create(url)).build();

        assertThatThrownBy(() -> MediaWikiApi.open(options))
                .isInstanceOf(MissingContactException.class)
                .hasMessage("a contact is required to use the Wikimedia API at " + url
                        + ": pass --contact URL-or-email (or set CURRENTS_CONTACT), as Wikimedia's"
                        + " User-Agent policy asks");
    }

    @Test
    void theDefaultApiIsEnglishWikipediaAndNeedsAContact() {
        assertThat(ApiOptions.newBuilder().build().api()).isEqualTo(URI.create("https://en.wikipedia.org/w/api.php"));
        assertThatThrownBy(() ->
                        MediaWikiApi.open(ApiOptions.newBuilder().contact("  ").build()))
                .isInstanceOf(MissingContactException.class);
    }

    @Test
    void anotherWikiWorksWithoutAContact() throws Exception {
        MediaWikiApi api =
                MediaWikiApi.open(ApiOptions.newBuilder().api(wiki.api()).build());

        assertThat(api.pageInfo(List.of(TITLE)).get(TITLE).missing()).isFalse();
        assertThat(wiki.requests().get(0).headers().get("User-Agent")).contains("(no contact given)");
    }

    @Test
    void stopsAtAnApiErrorThatWillNotPass() {
        MediaWikiApi api = open(options());
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            tooMany.add("T" + i);
        }

        // batches of 50 keep the client within the limit ...
        assertThat(MediaWikiApi.batches(tooMany)).extracting(List::size).containsExactly(50, 1);
        // ... and an error the API will repeat is not retried
        assertThatThrownBy(() -> api.client().get(Map.of("action", "query", "titles", String.join("|", tooMany))))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo("toomanyvalues"))
                .hasMessageContaining("API error toomanyvalues: Too many values supplied");
        assertThat(wiki.requestCount()).isEqualTo(1);
    }

    @Test
    void refusesAResponseLargerThanTheLimit() {
        MediaWikiApi api = open(options().maxResponseBytes(10_000));

        assertThatThrownBy(() -> sync(api))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo("too-large"))
                .hasMessageContaining("larger than 10000 bytes (maxResponseBytes)");
    }

    @Test
    void tellsTheNewestRevisionOfFiftyPagesPerRequest() throws Exception {
        MediaWikiApi api = open(options());
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            titles.add(DayPageTitle.of(DAY.minusDays(i)));
        }

        Map<String, PageInfo> info = api.pageInfo(titles);

        assertThat(wiki.requestCount()).isEqualTo(3);
        assertThat(info).hasSize(120);
        long last = wiki.revisions(TITLE).get(59).id();
        assertThat(info.get(TITLE))
                .isEqualTo(new PageInfo(TITLE, info.get(TITLE).pageId(), last, false));
        assertThat(info.get(titles.get(1))).isEqualTo(new PageInfo(titles.get(1), 0, 0, true));
        assertThat(wiki.contentServed()).isZero();
    }

    @Test
    void resolvesRedirectsInBatchesOfFifty() throws Exception {
        wiki.redirect("Trump", "Donald Trump");
        wiki.redirect("The Donald", "Trump");
        wiki.redirect("UK", "United Kingdom");
        wiki.article("Donald Trump");
        wiki.article("United Kingdom");
        List<String> titles = new ArrayList<>(List.of("Trump", "The Donald", "UK", "donald_Trump", "No such page"));
        for (int i = 0; i < 100; i++) {
            titles.add("Article " + i);
        }
        titles.add("Bad|title");
        MediaWikiApi api = open(options());

        Map<String, String> resolved = api.resolveRedirects(titles);

        assertThat(resolved).hasSize(106);
        assertThat(resolved)
                .containsEntry("Trump", "Donald Trump")
                .containsEntry("The Donald", "Donald Trump")
                .containsEntry("UK", "United Kingdom")
                .containsEntry("donald_Trump", "Donald Trump")
                .containsEntry("No such page", "No such page")
                .containsEntry("Article 7", "Article 7")
                .containsEntry("Bad|title", "Bad|title");
        assertThat(wiki.requests())
                .hasSize(3)
                .allSatisfy(r -> assertThat(r.params()).containsKey("redirects"));
    }
}
