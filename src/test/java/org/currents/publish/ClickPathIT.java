package org.currents.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.currents.testing.AtomFeeds;
import org.currents.testing.Browser;
import org.currents.testing.BuiltSite;
import org.currents.testing.StaticSite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A reader's path through the demo site in a real headless Chromium, by clicking links as they
 * are shown: home → a day → an event → an older version and its word diff → a topic → its feed;
 * and a screenshot of the way, which must show something.
 */
class ClickPathIT {
    private static final String DAY = "/news/2017/07/9/index.html";
    // Three versions: the second (an older version with one before it) has a diff to show.
    private static final String EVENT = "/news/2017/07/9/u-s-president-donald-trump-says-he-and-russian-president-"
            + "vladimir-putin-discussed-forming-an-impenetrable-cyber-security-unit-so-that-elec.html";

    @TempDir
    static Path dir;

    static StaticSite host;
    static ChromeDriver browser;

    @BeforeAll
    static void start() {
        host = StaticSite.serve(BuiltSite.demo(dir));
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

    private static String path() {
        return URI.create(browser.getCurrentUrl()).getPath();
    }

    private static void click(String cssSelector) {
        List<WebElement> links = browser.findElements(By.cssSelector(cssSelector));
        assertThat(links).as("a link %s on %s", cssSelector, path()).isNotEmpty();
        links.get(0).click();
    }

    @Test
    void aReaderGoesFromHomeToAnOlderVersionsDiffToATopicAndItsFeed() throws Exception {
        browser.get(host.url("/index.html"));
        assertThat(browser.getTitle()).isNotBlank();

        click("main a[href='" + DAY + "']");
        assertThat(path()).isEqualTo(DAY);
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("9 July 2017");

        click("main a[href='" + EVENT + "']");
        assertThat(path()).isEqualTo(EVENT);
        assertThat(browser.findElements(By.cssSelector("ol.versions > li"))).hasSize(3);

        // The older versions are links in the version list; the second has one before it.
        List<WebElement> older = browser.findElements(By.cssSelector("ol.versions > li a[href^='/news/']"));
        assertThat(older).hasSize(2);
        String second = older.get(1).getAttribute("pathname");
        older.get(1).click();
        assertThat(path()).isEqualTo(second).isNotEqualTo(EVENT);
        WebElement diff = browser.findElement(By.cssSelector(".diff"));
        assertThat(diff.findElements(By.tagName("ins")))
                .as("the word diff of this version against the first")
                .isNotEmpty();
        assertThat(diff.findElement(By.tagName("ins")).getText()).contains("Russia-United States relations");
        byte[] png = browser.getScreenshotAs(OutputType.BYTES);
        Files.write(dir.resolve("older-version.png"), png);
        assertNotBlank(png);

        click("main a[href^='/topics/'][href$='.html']:not([href='/topics/index.html'])");
        assertThat(path()).matches("/topics/[a-z0-9-]+\\.html");
        assertThat(browser.findElements(By.cssSelector("main svg rect")))
                .as("the timeline")
                .isNotEmpty();
        String topic = path();

        WebElement feedLink = browser.findElement(By.cssSelector("main a[href^='/feeds/topics/']"));
        String feed = feedLink.getAttribute("pathname");
        assertThat(feed).isEqualTo(topic.replace("/topics/", "/feeds/topics/").replace(".html", ".atom"));
        assertThat(browser.findElement(By.cssSelector("head link[rel=alternate][type='application/atom+xml']"))
                        .getDomAttribute("href"))
                .as("the page's head names the same feed")
                .isEqualTo(feed);
        feedLink.click();
        // A browser downloads or shows a feed; either way it asked for it, and it is Atom.
        for (int i = 0; i < 50 && !host.requests().contains(feed); i++) {
            Thread.sleep(100);
        }
        assertThat(host.requests()).contains(feed);
        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(host.url(feed))).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        Path saved = Files.write(dir.resolve("topic.atom"), response.body());
        assertThat(AtomFeeds.read(saved).entries()).isNotEmpty();
    }

    @Test
    void pagesFollowTheReadersColourSchemeAndFitAPhone() {
        List<String> pages = List.of(
                "/index.html",
                "/news/2017/index.html",
                "/news/2017/07/index.html",
                DAY,
                EVENT,
                "/topics/index.html",
                "/topics/donald-trump.html",
                "/404.html");
        try {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(360, 740));
            List<String> wide = new java.util.ArrayList<>();
            for (String page : pages) {
                browser.get(host.url(page));
                Object overflow = browser.executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                if (((Number) overflow).longValue() > 0) {
                    wide.add(page + " is " + overflow + " px wider than a 360 px screen");
                }
            }
            assertThat(wide).isEmpty();
            String light = colours(EVENT);
            browser.executeCdpCommand(
                    "Emulation.setEmulatedMedia",
                    java.util.Map.of(
                            "features", List.of(java.util.Map.of("name", "prefers-color-scheme", "value", "dark"))));
            String dark = colours(EVENT);
            assertThat(dark).as("background and text colours in dark mode").isNotEqualTo(light);
        } finally {
            browser.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features", List.of()));
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        }
    }

    private static String colours(String page) {
        browser.get(host.url(page));
        return String.valueOf(browser.executeScript(
                "const s = getComputedStyle(document.body);" + " return s.backgroundColor + ' / ' + s.color;"));
    }

    /** A screenshot shows a page when its pixels vary: text on a background, not one flat colour. */
    private static void assertNotBlank(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("a PNG screenshot").isNotNull();
        assertThat(image.getWidth()).isGreaterThan(600);
        double sum = 0;
        double squares = 0;
        long n = 0;
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                colours.add(rgb & 0xffffff);
                double luminance = 0.2126 * ((rgb >> 16) & 0xff) + 0.7152 * ((rgb >> 8) & 0xff) + 0.0722 * (rgb & 0xff);
                sum += luminance;
                squares += luminance * luminance;
                n++;
            }
        }
        double mean = sum / n;
        double variance = squares / n - mean * mean;
        assertThat(variance).as("the luminance variance of the screenshot").isGreaterThan(100);
        assertThat(colours.size()).as("distinct colours in the screenshot").isGreaterThan(16);
    }
}
