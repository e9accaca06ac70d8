package org.currents.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium for browser tests: Debian's {@code chromium} driven by its {@code
 * chromium-driver} through Selenium (.ci/run installs both). Both paths are given, so Selenium
 * Manager never looks for (or downloads) a browser or a driver of its own; every host but
 * 127.0.0.1 resolves to nothing, so a page under test cannot make the browser reach outside
 * this machine.
 */
public final class Browser {
    /** Debian's Chromium. */
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    /** Debian's chromium-driver. */
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private Browser() {}

    /**
     * A new headless Chromium with a fresh profile under {@code profileParent}; the caller quits it.
     *
     * @throws IllegalStateException if Chromium or its driver is not installed
     */
    public static ChromeDriver start(Path profileParent) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException(
                    "browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver;"
                            + " .ci/run does it): " + CHROMIUM + " or " + CHROMEDRIVER + " is missing");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory(profileParent, "chromium-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox", // as root, in CI
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--disable-default-apps",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--window-size=1280,900",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return driver;
    }
}
