package org.currents.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.currents.store.ArchiveStore;
import org.currents.testing.Archives;
import org.currents.testing.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A reader in a real headless Chromium on the server: types a query on the home page, opens a
 * result, follows one of its topics. No JavaScript is involved: the form is a plain GET.
 */
class SearchClickIT {
    @TempDir
    static Path dir;

    static WebServer server;
    static ChromeDriver browser;

    @BeforeAll
    static void start() {
        try (ArchiveStore store = Archives.open(dir)) {
            Archives.importFile(store, Archives.sample(dir));
        }
        server = WebServer.start(dir.resolve("archive.db").toString(), new WebServer.Options().port(0), line -> {});
        browser = Browser.start(dir);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private static String path() {
        return URI.create(browser.getCurrentUrl()).getPath();
    }

    @Test
    void aReaderSearchesFromHomeOpensAResultAndFollowsATopic() {
        browser.get("http://127.0.0.1:" + server.port() + "/");
        WebElement box = browser.findElement(By.cssSelector("form.search input[name=q]"));
        box.sendKeys("Muguruza");
        box.submit();
        assertThat(path()).isEqualTo("/search");
        assertThat(browser.findElement(By.cssSelector("input[name=q]")).getAttribute("value"))
                .isEqualTo("Muguruza");
        List<WebElement> results = browser.findElements(By.cssSelector("ol.results > li > a"));
        assertThat(results).hasSize(1);
        assertThat(browser.findElement(By.cssSelector("ol.results mark")).getText())
                .isEqualTo("Muguruza");
        String text = results.get(0).getText();
        assertThat(text).contains("Garbiñe Muguruza");
        results.get(0).click();
        assertThat(path()).startsWith("/news/2017/07/").endsWith(".html");
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Muguruza");

        List<WebElement> topics = browser.findElements(By.cssSelector("main a[href^='/topics/'][href$='.html']"));
        assertThat(topics).isNotEmpty();
        String name = topics.get(0).getText();
        topics.get(0).click();
        assertThat(path()).matches("/topics/[a-z0-9-]+\\.html");
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains(name);
        assertThat(browser.findElements(By.cssSelector("main a[href^='/news/']")))
                .as("the topic's events")
                .isNotEmpty();
    }
}
