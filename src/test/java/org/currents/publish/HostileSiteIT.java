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
                .as("requests made by the pages")
                .noneMatch(r -> r.toLowerCase(java.util.Locale.ROOT).contains("pwned"));
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
    }
}
