package org.currents.enrich;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rules of one host's robots.txt for one crawler, as RFC 9309 reads them: the groups whose
 * {@code user-agent} matches the crawler's product token (else the {@code *} groups), merged;
 * the longest matching {@code allow}/{@code disallow} pattern decides, {@code allow} winning a
 * tie; {@code *} matches any run of characters and a final {@code $} anchors the end. The
 * non-standard {@code Crawl-delay} of the chosen groups is kept. Unknown lines are ignored.
 */
final class RobotsRules {
    /** Only this much of a robots.txt is read (RFC 9309 asks for at least 500 KiB). */
    static final int MAX_BYTES = 512 * 1024;

    static final RobotsRules ALLOW_ALL = new RobotsRules(List.of(), null);
    static final RobotsRules DISALLOW_ALL = new RobotsRules(List.of(new Rule("/", false)), null);

    private record Rule(String pattern, boolean allow) {}

    private final List<Rule> rules;
    private final Duration crawlDelay;

    private RobotsRules(List<Rule> rules, Duration crawlDelay) {
        this.rules = rules;
        this.crawlDelay = crawlDelay;
    }

    /** The Crawl-delay for the crawler, or null. */
    Duration crawlDelay() {
        return crawlDelay;
    }

    /**
     * Parses robots.txt text for the crawler named {@code productToken} (e.g. {@code currents}).
     */
    static RobotsRules parse(String text, String productToken) {
        String token = productToken.toLowerCase(Locale.ROOT);
        List<Rule> mine = new ArrayList<>();
        List<Rule> star = new ArrayList<>();
        Duration mineDelay = null;
        Duration starDelay = null;
        boolean foundMine = false;
        boolean inMine = false;
        boolean inStar = false;
        boolean lastWasAgent = false;
        for (String raw : text.split("\\r\\n|\\r|\\n")) {
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (key.equals("user-agent")) {
                if (!lastWasAgent) {
                    inMine = false;
                    inStar = false;
                }
                String agent = value.toLowerCase(Locale.ROOT);
                if (agent.equals("*")) {
                    inStar = true;
                } else if (!agent.isEmpty() && (agent.equals(token) || agent.startsWith(token + "/"))) {
                    inMine = true;
                    foundMine = true;
                }
                lastWasAgent = true;
                continue;
            }
            lastWasAgent = false;
            switch (key) {
                case "allow", "disallow" -> {
                    if (value.isEmpty()) {
                        continue; // "Disallow:" with nothing allows everything
                    }
                    Rule rule = new Rule(value, key.equals("allow"));
                    if (inMine) {
                        mine.add(rule);
                    }
                    if (inStar) {
                        star.add(rule);
                    }
                }
                case "crawl-delay" -> {
                    Duration d = seconds(value);
                    if (d != null && inMine) {
                        mineDelay = d;
                    }
                    if (d != null && inStar) {
                        starDelay = d;
                    }
                }
                default -> {}
            }
        }
        return foundMine ? new RobotsRules(mine, mineDelay) : new RobotsRules(star, starDelay);
    }

    private static Duration seconds(String value) {
        try {
            double s = Double.parseDouble(value);
            return s >= 0 && s < 86_400 ? Duration.ofMillis((long) (s * 1000)) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** True when the crawler may fetch {@code pathAndQuery} ({@code /a/b?c}). */
    boolean allows(String pathAndQuery) {
        String path = pathAndQuery.isEmpty() ? "/" : pathAndQuery;
        if (path.equals("/robots.txt")) {
            return true;
        }
        int bestLength = -1;
        boolean allowed = true;
        for (Rule rule : rules) {
            if (matches(rule.pattern(), path)) {
                int length = rule.pattern().length();
                if (length > bestLength || (length == bestLength && rule.allow())) {
                    bestLength = length;
                    allowed = rule.allow();
                }
            }
        }
        return allowed;
    }

    /** Matches a robots pattern against a path, with {@code *} and a final {@code $}. */
    static boolean matches(String pattern, String path) {
        boolean anchored = pattern.endsWith("$");
        String p = anchored ? pattern.substring(0, pattern.length() - 1) : pattern;
        String[] pieces = p.split("\\*", -1);
        if (!path.startsWith(pieces[0])) {
            return false;
        }
        int at = pieces[0].length();
        for (int i = 1; i < pieces.length; i++) {
            String piece = pieces[i];
            if (i == pieces.length - 1 && anchored) {
                return path.length() - at >= piece.length() && path.endsWith(piece);
            }
            int found = path.indexOf(piece, at);
            if (found < 0) {
                return false;
            }
            at = found + piece.length();
        }
        return !anchored || at == path.length();
    }
}
