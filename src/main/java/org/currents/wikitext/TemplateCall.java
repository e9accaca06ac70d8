package org.currents.wikitext;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One template call's name and arguments, as ranges of the line being rendered.
 *
 * @param name the template name, lower case, {@code _} as space, without {@code Template:},
 *     {@code subst:} or {@code safesubst:}
 * @param args the arguments in order
 * @param at where the call starts in the line (for problems)
 */
record TemplateCall(String name, List<Arg> args, int at) {

    /**
     * One argument: {@code key=value} or positional (key null); [from, to) is the value.
     */
    record Arg(String key, int from, int to) {}

    static TemplateCall of(InlineRenderer r, int from, int to) {
        List<int[]> parts = new ArrayList<>();
        int start = from;
        while (true) {
            int pipe = r.topLevel('|', start, to);
            if (pipe < 0) {
                parts.add(new int[] {start, to});
                break;
            }
            parts.add(new int[] {start, pipe});
            start = pipe + 1;
        }
        String name = normaliseName(r.decode(r.text(parts.get(0)[0], parts.get(0)[1])));
        List<Arg> args = new ArrayList<>(parts.size() - 1);
        for (int k = 1; k < parts.size(); k++) {
            int[] p = parts.get(k);
            int eq = r.topLevel('=', p[0], p[1]);
            if (eq >= 0) {
                String key = r.text(p[0], eq).strip().toLowerCase(Locale.ROOT);
                if (!key.isEmpty() && key.indexOf('[') < 0 && key.indexOf('{') < 0) {
                    args.add(new Arg(key, eq + 1, p[1]));
                    continue;
                }
            }
            args.add(new Arg(null, p[0], p[1]));
        }
        return new TemplateCall(name, args, from - 2);
    }

    static String normaliseName(String raw) {
        String n = Text.collapse(raw.replace('_', ' ')).toLowerCase(Locale.ROOT);
        for (String prefix : new String[] {"subst:", "safesubst:", "template:", "msgnw:"}) {
            if (n.startsWith(prefix)) {
                n = n.substring(prefix.length()).strip();
            }
        }
        return n;
    }

    /** The n-th positional argument (1-based), or null. */
    Arg positional(int n) {
        int seen = 0;
        for (Arg a : args) {
            if (a.key == null && ++seen == n) {
                return a;
            }
        }
        // {{lang|1=fr|2=text}}: numbered keys are positional too
        for (Arg a : args) {
            if (String.valueOf(n).equals(a.key)) {
                return a;
            }
        }
        return null;
    }

    /** The argument named {@code key}, or null. */
    Arg named(String key) {
        for (Arg a : args) {
            if (key.equals(a.key)) {
                return a;
            }
        }
        return null;
    }

    int positionalCount() {
        int n = 0;
        for (Arg a : args) {
            if (a.key == null) {
                n++;
            }
        }
        return n;
    }
}
