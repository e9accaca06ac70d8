package org.currents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code currents demo} shows cover images without the network: the sample ships its covers
 * (small SVG files made for it), its source metadata names them by a path of the site, the site
 * and the server hold them, and no {@code <img>} of the demo points away from 127.0.0.1.
 */
class DemoServeTest {
    private static final Pattern URL = Pattern.compile("serving the demo at (http://127\\.0\\.0\\.1:\\d+/)");

    @TempDir
    Path dir;

    @Test
    void servesTheSampleWithItsOwnCoverImagesUnderTheSameOriginPolicy() throws Exception {
        Path log = dir.resolve("demo.log");
        Path site = dir.resolve("site");
        Process p = ChildCurrents.start(
                log, "demo", "--db", dir.resolve("demo.db").toString(), "--out", site.toString(), "--port", "0");
        try {
            String base = null;
            for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90); base == null; Thread.sleep(100)) {
                Matcher m = URL.matcher(Files.exists(log) ? Files.readString(log) : "");
                if (m.find()) {
                    base = m.group(1);
                } else if (!p.isAlive() || System.nanoTime() > end) {
                    throw new AssertionError("the demo did not start serving: " + Files.readString(log));
                }
            }
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

            // every <img> of the built site is one of the site's own files, and it is there
            List<String> covers = new ArrayList<>();
            List<Path> pages;
            try (Stream<Path> files = Files.walk(site)) {
                pages = files.filter(f -> f.toString().endsWith(".html")).toList();
            }
            for (Path page : pages) {
                for (Element img : Jsoup.parse(Files.readString(page)).select("img")) {
                    String src = img.attr("src");
                    assertThat(src)
                            .as(page + ": " + img)
                            .startsWith("/assets/sample/")
                            .endsWith(".svg");
                    assertThat(site.resolve(src.substring(1))).exists();
                    covers.add(src);
                }
            }
            assertThat(covers).as("cover images in the demo site").isNotEmpty();

            // the served event pages show them too, and the server answers them itself
            String event = null;
            for (Path page : pages) {
                if (!Jsoup.parse(Files.readString(page))
                                .select("figure.cover img")
                                .isEmpty()
                        && page.toString().contains("/news/")) {
                    event = "/" + site.relativize(page).toString().replace('\\', '/');
                    break;
                }
            }
            assertThat(event).isNotNull();
            HttpResponse<String> served = client.send(
                    HttpRequest.newBuilder(URI.create(base + event.substring(1)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .contains("default-src 'self'");
            List<String> srcs = Jsoup.parse(served.body()).select("img").eachAttr("src");
            assertThat(srcs).isNotEmpty().allMatch(s -> s.startsWith("/assets/sample/"));
            for (String src : covers.stream().distinct().toList()) {
                HttpResponse<String> image = client.send(
                        HttpRequest.newBuilder(URI.create(base + src.substring(1)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(image.statusCode()).as(src).isEqualTo(200);
                assertThat(image.headers().firstValue("Content-Type").orElseThrow())
                        .startsWith("image/svg+xml");
                assertThat(image.headers().firstValue("Content-Security-Policy").orElseThrow())
                        .contains("default-src 'self'");
                assertThat(image.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
                assertThat(image.body())
                        .startsWith("<svg")
                        .doesNotContain("<script")
                        .doesNotContain("href");
                assertThat(image.body()).isEqualTo(Files.readString(site.resolve(src.substring(1))));
            }
        } finally {
            p.destroy(); // SIGTERM: the demo stops as on Ctrl-C
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
