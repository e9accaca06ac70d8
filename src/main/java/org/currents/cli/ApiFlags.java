package org.currents.cli;

import java.net.URI;
import java.net.URISyntaxException;
import org.currents.source.api.ApiOptions;
import org.currents.source.api.MediaWikiApi;
import picocli.CommandLine.Option;

/** The {@code --api} and {@code --contact} options of the commands that talk to a wiki. */
final class ApiFlags {
    @Option(
            names = "--api",
            paramLabel = "URL",
            defaultValue = "https://en.wikipedia.org/w/api.php",
            description = "The wiki's MediaWiki Action API (default: ${DEFAULT-VALUE}).")
    String api;

    @Option(
            names = "--contact",
            paramLabel = "URL|EMAIL",
            defaultValue = "${env:" + ApiOptions.CONTACT_ENV + "}",
            description = "Where the wiki's operators can reach you, sent in the User-Agent (default: the "
                    + ApiOptions.CONTACT_ENV + " environment variable). Required for Wikimedia's wikis.")
    String contact;

    @Option(
            names = "--max-tries",
            paramLabel = "N",
            defaultValue = "8",
            description = "Tries per request before giving up on a wiki that throttles, lags or fails, waiting "
                    + "longer after each (from 1s, doubling, at most 2min) (1..100; default: " + "${DEFAULT-VALUE}).")
    @Range(min = "1", max = "100")
    int maxTries;

    /**
     * The API these options name; sends nothing.
     *
     * @throws UsageException when the URL is bad, or a Wikimedia wiki is named without a contact
     */
    MediaWikiApi open() {
        URI uri;
        try {
            uri = new URI(api);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !api.matches("(?i)https?://.*")) {
            throw new UsageException("--api must be the http(s) URL of a wiki's api.php: " + api);
        }
        try {
            return MediaWikiApi.open(ApiOptions.newBuilder()
                    .api(uri)
                    .contact(contact)
                    .maxTries(maxTries)
                    .build());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
