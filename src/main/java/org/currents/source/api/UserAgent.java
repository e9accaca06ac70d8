package org.currents.source.api;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The User-Agent currents sends, and which APIs demand a contact in it. Wikimedia's User-Agent
 * policy (meta.wikimedia.org/wiki/User-Agent_policy) asks for {@code name/version (contact)
 * library/version}; clients without a way to reach their operator may be blocked.
 */
final class UserAgent {
    // Every second-level domain Wikimedia serves an api.php from.
    private static final List<String> WIKIMEDIA_DOMAINS = List.of(
            "wikipedia.org",
            "wikimedia.org",
            "mediawiki.org",
            "wikidata.org",
            "wiktionary.org",
            "wikibooks.org",
            "wikinews.org",
            "wikiquote.org",
            "wikisource.org",
            "wikiversity.org",
            "wikivoyage.org",
            "wikifunctions.org");

    private UserAgent() {}

    /** True when {@code api} is served by Wikimedia. */
    static boolean isWikimedia(URI api) {
        String host = api.getHost() == null ? "" : api.getHost().toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        for (String domain : WIKIMEDIA_DOMAINS) {
            if (host.equals(domain) || host.endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The User-Agent for {@code options}.
     *
     * @throws MissingContactException if the API is Wikimedia's and no contact is given
     */
    static String of(ApiOptions options) {
        if (options.contact() == null && isWikimedia(options.api())) {
            throw new MissingContactException(options.api().toString());
        }
        String version = UserAgent.class.getPackage().getImplementationVersion();
        String contact = options.contact() == null ? "no contact given" : options.contact();
        return "currents/" + (version == null ? "dev" : version) + " (" + contact + ") java-http-client/"
                + Runtime.version().feature();
    }
}
