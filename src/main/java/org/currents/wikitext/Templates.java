package org.currents.wikitext;

import java.util.Locale;
import java.util.Set;
import org.currents.model.Source;

/**
 * What each template shows a reader, for the templates found on day pages. Templates that
 * only decorate (flags) or speak to editors (maintenance tags) show nothing; an unknown
 * template shows nothing and records a problem, since its output cannot be known without
 * MediaWiki.
 */
final class Templates {
    /** Maintenance, navigation and citation-helper templates: no visible sentence text. */
    private static final Set<String> SILENT = Set.of(
            "dead link",
            "deadlink",
            "dl",
            "webarchive",
            "wayback",
            "cbignore",
            "citation needed",
            "cn",
            "fact",
            "better source needed",
            "better source",
            "update after",
            "failed verification",
            "when",
            "clarify",
            "by whom",
            "who",
            "according to whom",
            "vague",
            "dubious",
            "full citation needed",
            "verification needed",
            "specify",
            "which",
            "sfn",
            "efn",
            "refn",
            "rp",
            "r",
            "notetag",
            "current events header",
            "current events",
            "current events footer",
            "flagicon",
            "flagdeco",
            "flag icon",
            "flagicon image",
            "coord",
            "clear",
            "-",
            "anchor",
            "portal",
            "main",
            "see also",
            "further",
            "update",
            "unreliable source?",
            "self-published source",
            "primary source inline",
            "bare url inline",
            "permanent dead link",
            "toc",
            "notoc",
            "use dmy dates",
            "use mdy dates",
            "short description",
            "pp",
            "pp-protected",
            "pp-semi-indef",
            "good article",
            "featured article");

    private static final Set<String> FIRST_ARG = Set.of(
            "nowrap",
            "nobr",
            "nobreak",
            "small",
            "smaller",
            "big",
            "larger",
            "nobold",
            "noitalic",
            "j",
            "abbr",
            "abbrlink",
            "tooltip",
            "sup",
            "sub",
            "em",
            "strong",
            "var",
            "mvar",
            "small caps",
            "sc",
            "smallcaps",
            "sic",
            "nowrap begin",
            "keypress",
            "not a typo",
            "proper name",
            "as written",
            "linktext",
            "italic title",
            "wikt-lang",
            "val",
            "lang-en",
            "ill",
            "interlanguage link",
            "lit",
            "literally",
            "bold",
            "font color");

    private static final Set<String> CITES = Set.of(
            "cite web",
            "cite news",
            "cite journal",
            "citation",
            "cite press release",
            "cite magazine",
            "cite report",
            "cite tweet",
            "cite av media",
            "cite book",
            "cite episode",
            "cite video",
            "cite interview");

    private Templates() {}

    static void render(InlineRenderer r, TemplateCall call, InlineRenderer.Out out) {
        String name = call.name();
        if (SILENT.contains(name)) {
            return;
        }
        if (FIRST_ARG.contains(name) || name.startsWith("lang-")) {
            first(r, call, out, 1);
            return;
        }
        if (CITES.contains(name)) {
            cite(r, call, out);
            return;
        }
        switch (name) {
            case "lang":
            case "langx":
            case "native name":
                first(r, call, out, 2);
                return;
            case "transl":
            case "transliteration":
            case "resize":
            case "font size":
                first(r, call, out, call.positionalCount());
                return;
            case "flag":
            case "flagcountry":
            case "flagu":
            case "country":
                flag(r, call, out);
                return;
            case "convert":
            case "cvt":
                Units.render(r, call, out, name.equals("cvt"));
                return;
            case "m":
                magnitude(r, call, out);
                return;
            case "nbsp":
            case "spaces":
            case "space":
            case "sp":
                r.emit(out, " ");
                return;
            case "snd":
            case "spaced ndash":
            case "spaced en dash":
            case "spnd":
                r.emit(out, " – ");
                return;
            case "ndash":
            case "en dash":
                r.emit(out, "–");
                return;
            case "mdash":
            case "em dash":
                r.emit(out, "—");
                return;
            case "'":
                r.emit(out, "'");
                return;
            case "!":
            case "pipe":
                r.emit(out, "|");
                return;
            case "=":
                r.emit(out, "=");
                return;
            case "·":
            case "dot":
            case "middot":
                r.emit(out, " · ");
                return;
            case "circa":
            case "c.":
                r.emit(out, "c. ");
                first(r, call, out, 1);
                return;
            case "as of":
                asOf(r, call, out);
                return;
            case "frac":
                fraction(r, call, out);
                return;
            case "ubl":
            case "unbulleted list":
            case "hlist":
            case "plainlist":
            case "flatlist":
                list(r, call, out);
                return;
            default:
                break;
        }
        String currency = currency(name);
        if (currency != null) {
            r.emit(out, currency);
            first(r, call, out, 1);
            return;
        }
        if (parserFunction(r, call, out)) {
            return;
        }
        r.problemAt(call.at(), "template {{" + call.name() + "}} is not known: dropped");
    }

    private static void first(InlineRenderer r, TemplateCall call, InlineRenderer.Out out, int n) {
        TemplateCall.Arg a = n <= 0 ? null : call.positional(n);
        if (a == null && call.name().equals("font color")) {
            a = call.positional(call.positionalCount());
        }
        if (a != null) {
            r.scan(a.from(), a.to(), out);
        }
    }

    private static void flag(InlineRenderer r, TemplateCall call, InlineRenderer.Out out) {
        TemplateCall.Arg a = call.positional(1);
        if (a != null) {
            String country = r.plain(a.from(), a.to(), out);
            out.links.add(Links.normalise(country));
            r.emit(out, country);
        }
    }

    private static void magnitude(InlineRenderer r, TemplateCall call, InlineRenderer.Out out) {
        // {{M|w|6.9}} renders "M<sub>w</sub> 6.9" (Template:M, moment magnitude and friends)
        TemplateCall.Arg scale = call.positional(1);
        TemplateCall.Arg value = call.positional(2);
        r.emit(out, "M");
        if (scale != null) {
            r.scan(scale.from(), scale.to(), out);
        }
        if (value != null) {
            r.emit(out, " ");
            r.scan(value.from(), value.to(), out);
        }
    }

    private static void cite(InlineRenderer r, TemplateCall call, InlineRenderer.Out out) {
        TemplateCall.Arg url = call.named("url");
        if (url == null) {
            return;
        }
        InlineRenderer.Out ignored = out.nested(true);
        String u = r.decode(r.text(url.from(), url.to())).strip();
        if (u.isEmpty()) {
            return;
        }
        String outlet = null;
        for (String key : new String[] {"work", "website", "newspaper", "publisher", "agency", "magazine", "journal"}) {
            TemplateCall.Arg a = call.named(key);
            if (a != null) {
                String v = r.plain(a.from(), a.to(), ignored);
                if (!v.isEmpty()) {
                    outlet = v;
                    break;
                }
            }
        }
        out.sources.add(new Source(u, outlet == null ? Links.host(u) : outlet));
    }

    private static void asOf(InlineRenderer r, TemplateCall call, InlineRenderer.Out out) {
        StringBuilder date = new StringBuilder();
        TemplateCall.Arg y = call.positional(1);
        TemplateCall.Arg m = call.positional(2);
        TemplateCall.Arg d = call.positional(3);
        if (d != null) {
            date.append(r.plain(d.from(), d.to(), out)).append(' ');
        }
        if (m != null) {
            String month = r.plain(m.from(), m.to(), out);
            try {
                int k = Integer.parseInt(month);
                if (k >= 1 && k <= 12) {
                    month = java.time.Month.of(k).getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH);
                }
            } catch (NumberFormatException e) {
                // a month written as a name stays as written
            }
            date.append(month).append(' ');
        }
        if (y != null) {
            date.append(r.plain(y.from(), y.to(), out));
        }
        r.emit(out, "As of " + date.toString().strip());
    }

    private static void fraction(InlineRenderer r, TemplateCall call, InlineRenderer.Out out) {
        // {{frac|a|b|c}} reads three arguments at most; extra ones are ignored
        int n = Math.min(call.positionalCount(), 3);
        String[] v = new String[n];
        for (int k = 0; k < n; k++) {
            TemplateCall.Arg a = call.positional(k + 1);
            v[k] = r.plain(a.from(), a.to(), out);
        }
        if (n == 3) {
            r.emit(out, v[0] + " " + v[1] + "/" + v[2]);
        } else if (n == 2) {
            r.emit(out, v[0] + "/" + v[1]);
        } else if (n == 1) {
            r.emit(out, "1/" + v[0]);
        }
    }

    private static void list(InlineRenderer r, TemplateCall call, InlineRenderer.Out out) {
        boolean firstItem = true;
        for (TemplateCall.Arg a : call.args()) {
            if (a.key() != null) {
                continue;
            }
            if (!firstItem) {
                r.emit(out, ", ");
            }
            r.scan(a.from(), a.to(), out);
            firstItem = false;
        }
    }

    private static String currency(String name) {
        switch (name) {
            case "us$":
            case "usd":
            case "us dollar":
                return "US$";
            case "gbp":
            case "£":
                return "£";
            case "€":
            case "eur":
            case "euro":
                return "€";
            case "inr":
            case "₹":
                return "₹";
            case "jpy":
            case "¥":
                return "¥";
            case "a$":
            case "aud":
                return "A$";
            case "ca$":
            case "cad":
                return "CA$";
            default:
                return null;
        }
    }

    /** Parser functions ({@code {{formatnum:1234}}}, {@code {{uc:...}}}); true when handled. */
    private static boolean parserFunction(InlineRenderer r, TemplateCall call, InlineRenderer.Out out) {
        String name = call.name();
        int colon = name.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        String fn = name.substring(0, colon);
        String arg = name.substring(colon + 1).strip();
        switch (fn) {
            case "formatnum":
                r.emit(out, formatNumber(arg));
                return true;
            case "uc":
                r.emit(out, arg.toUpperCase(Locale.ROOT));
                return true;
            case "lc":
                r.emit(out, arg);
                return true;
            case "ucfirst":
            case "lcfirst":
                r.emit(out, arg);
                return true;
            case "#tag":
                return true;
            default:
                return false;
        }
    }

    private static String formatNumber(String digits) {
        int dot = digits.indexOf('.');
        String whole = dot < 0 ? digits : digits.substring(0, dot);
        if (!whole.chars().allMatch(Character::isDigit) || whole.isEmpty()) {
            return digits;
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < whole.length(); k++) {
            if (k > 0 && (whole.length() - k) % 3 == 0) {
                sb.append(',');
            }
            sb.append(whole.charAt(k));
        }
        return dot < 0 ? sb.toString() : sb + digits.substring(dot);
    }
}
