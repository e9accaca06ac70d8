package org.currents.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.currents.testing.Browser;
import org.currents.testing.BuiltSite;
import org.currents.testing.HostileHistory;
import org.currents.testing.Injections;
import org.currents.testing.StaticSite;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The HTML site of a hostile history (testing.HostileHistory) opened page by page in a real
 * headless Chromium: no payload runs, no injected element, handler or {@code javascript:} URL is
 * in the DOM, and no page makes the browser ask for a {@code /pwned…} path.
 */
class HostileSiteIT {
    @TempDir
    static Path dir;

    static Path site;
    static StaticSite host;
    static ChromeDriver browser;

    @BeforeAll
    static void start() {
        site = HostileHistory.build(dir);
        host = StaticSite.serve(site);
        browser = Browser.start(dir);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (host != null) {
            host.close();
        }
    }

    @Test
    void noPageRunsOrHoldsAnInjection() {
        List<String> pages = BuiltSite.paths(site, ".html");
        assertThat(pages)
                .as("the hostile site's HTML pages")
                .contains(
                        "/index.html",
                        "/news/2017/07/9/index.html",
                        "/news/2017/07/10/index.html",
                        "/topics/index.html")
                .hasSizeGreaterThan(20);
        List<String> found = new ArrayList<>();
        for (String page : pages) {
            browser.get(host.url(page));
            @SuppressWarnings("unchecked")
            List<Object> bad = (List<Object>) browser.executeScript(Injections.SCRIPT);
            bad.forEach(b -> found.add(page + ": " + b));
        }
        assertThat(found).as("what the payloads left in the live pages").isEmpty();
        assertThat(host.requests())
                .as("requests made by the pages (every payload that fetches asks for /pwned…)")
                .isNotEmpty()
                .noneMatch(r -> r.startsWith("/pwned"));
    }

    @Test
    void theChecksSeeAnInjectionThatRuns() throws IOException {
        // The checks themselves, on a page that is injected on purpose.
        Path dirty = Files.createDirectories(dir.resolve("dirty"));
        Files.writeString(
                dirty.resolve("index.html"),
                "<!DOCTYPE html><title>t</title><p>x<img src=/pwned-img onerror=\"window.__pwned='img'\">"
                        + "<a href=\"javascript:void(0)\">a</a><script>document.title='PWNED'</script>");
        try (StaticSite other = StaticSite.serve(dirty)) {
            browser.get(other.url("/index.html"));
            @SuppressWarnings("unchecked")
            List<Object> bad = (List<Object>) browser.executeScript(Injections.SCRIPT);
            assertThat(bad.stream().map(String::valueOf))
                    .anyMatch(b -> b.equals("a script ran: window.__pwned = img"))
                    .anyMatch(b -> b.equals("a script ran: the title was set to PWNED"))
                    .anyMatch(b -> b.startsWith("handler onerror on <img>"))
                    .anyMatch(b -> b.startsWith("URL href=\"javascript:void(0)\" on <a>"))
                    .anyMatch(b -> b.startsWith("element <script>"));
            assertThat(other.requests()).contains("/pwned-img");
        }
    }

    @Test
    void noPageFileHoldsAnInjection() throws IOException {
        // The same checks on the files as written, before a browser repairs or drops anything.
        List<String> found = new ArrayList<>();
        for (String page : BuiltSite.paths(site, ".html")) {
            String html = Files.readString(site.resolve(page.substring(1)));
            Injections.found(Jsoup.parse(html)).forEach(b -> found.add(page + ": " + b));
        }
        assertThat(found).isEmpty();
    }

    @Test
    void namesTheSiteUsesItselfStayTheSites() throws IOException {
        // An event whose slug is "index" and topics named Index, Feeds, News, Topics and Assets.
        assertThat(h1("/news/2017/07/9/index.html")).isEqualTo("Sunday 9 July 2017");
        assertThat(h1("/topics/index.html")).isEqualTo("Topics");
        List<String> pages = BuiltSite.paths(site, ".html");
        assertThat(pages.stream().filter(p -> p.startsWith("/news/2017/07/9/")).map(p -> h1(p)))
                .contains("Index.");
        assertThat(pages.stream().filter(p -> p.startsWith("/topics/")).map(p -> h1(p)))
                .contains("Index", "Feeds", "News", "Topics", "Assets");
        assertThat(BuiltSite.paths(site, ".atom")).contains("/feeds/latest.atom");
        assertThat(org.currents.testing.AtomFeeds.read(site.resolve("feeds/latest.atom"))
                        .id())
                .endsWith("latest");
    }

    private static String h1(String page) {
        try {
            return Jsoup.parse(Files.readString(site.resolve(page.substring(1))))
                    .select("h1")
                    .text();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void thePayloadsAreShownAsText() {
        // Else the tests above would pass on a site that dropped the hostile events.
        StringBuilder text = new StringBuilder();
        for (String page : List.of(
                "/news/2017/07/9/index.html",
                "/news/2017/07/9/rebels-script-window-pwned-raw-script-2-script-take-the-town-of-al-bab-and-img-src-pwned-diff-onerror-window-pwned-diff.html",
                "/news/2017/07/9/shelling-script-window-pwned-entity-script-script-hits-img-src-pwned-label-onerror-window-pwned-label.html")) {
            browser.get(host.url(page));
            text.append(browser.findElement(By.tagName("body")).getText()).append('\n');
        }
        assertThat(text)
                .contains("<script>window.__pwned='raw-script-2'</script>")
                .contains("<script>window.__pwned='entity-script'</script>")
                .contains("onerror=\"window.__pwned='category'\"")
                .contains("window.__pwned='quote-url'")
                // editors and edit summaries, which only the HTML pages carry
                .contains("\"><img src=/pwned-editor onerror=window.__pwned='editor-2'>")
                .contains("javascript:window.__pwned='summary-2'");
        // A cover image whose alt text (the page's og:title) tries to break out of its quotes.
        browser.get(host.url("/news/2017/07/9/a-fifth-event-cites-a-page-whose-title-breaks-the-image-s-alt.html"));
        org.openqa.selenium.WebElement cover = browser.findElement(By.cssSelector("main img"));
        assertThat(cover.getAttribute("alt")).isEqualTo("Five\" onerror=\"window.__pwned='alt'\" x=\"");
        assertThat(cover.getAttribute("src")).startsWith("http://meta.test/cover-five.jpg?a=1&b=");
        assertThat(cover.getAttribute("loading")).isEqualTo("lazy");
    }
}
