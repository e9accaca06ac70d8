package org.currents.store.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.currents.store.QueryException;

/**
 * A reader's query in the FTS5 syntax the API documents (words, {@code "phrases"}, {@code OR},
 * {@code AND}, {@code NOT}, {@code prefix*}, parentheses, {@code column:word}, {@code ^word},
 * {@code NEAR(…)}) as a PostgreSQL {@code tsquery} text for {@code to_tsquery('simple', ?)},
 * bound as a parameter. Words are split as FTS5's unicode61 tokenizer splits them (letters and
 * digits; {@code U.S.} is the phrase {@code u <-> s}), lower-cased; the database folds
 * diacritics. What FTS5 would refuse
 * (an unmatched quote or parenthesis, an operator without operands) is refused here too, with a
 * {@link QueryException} that says so.
 */
final class TsQueries {
    private TsQueries() {}

    static String of(String typed) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean operand = false; // the last item can be followed by an operand without AND
        String pendingOp = null;
        int i = 0;
        String s = typed.strip();
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (Character.isWhitespace(ch)) {
                i++;
                continue;
            }
            if (ch == '(') {
                join(out, operand, pendingOp);
                pendingOp = null;
                out.add("(");
                depth++;
                operand = false;
                i++;
                continue;
            }
            if (ch == ')') {
                if (depth == 0 || !operand || pendingOp != null) {
                    throw unreadable("unexpected )");
                }
                out.add(")");
                depth--;
                i++;
                continue;
            }
            String term;
            if (ch == '"') {
                int end = s.indexOf('"', i + 1);
                if (end < 0) {
                    throw unreadable("unterminated string");
                }
                String inner = s.substring(i + 1, end);
                i = end + 1;
                boolean prefix = i < s.length() && s.charAt(i) == '*';
                if (prefix) {
                    i++;
                }
                term = phrase(inner, prefix, null);
            } else {
                int end = i;
                while (end < s.length()
                        && !Character.isWhitespace(s.charAt(end))
                        && "()\"".indexOf(s.charAt(end)) < 0) {
                    end++;
                }
                String word = s.substring(i, end);
                i = end;
                if (word.equals("AND") || word.equals("OR") || word.equals("NOT")) {
                    if (!operand || pendingOp != null) {
                        throw unreadable("syntax error near \"" + word + "\"");
                    }
                    pendingOp = word;
                    continue;
                }
                if (word.equals("NEAR") || word.equals(",") || word.matches(",?\\d*")) {
                    continue; // NEAR(a b, 5): the words must all be there; nearness is not ranked
                }
                if (word.endsWith(",")) {
                    word = word.substring(0, word.length() - 1);
                }
                String weight = null;
                int colon = word.indexOf(':');
                if (colon > 0) {
                    String column = word.substring(0, colon);
                    weight = switch (column) {
                        case "text" -> "A";
                        case "stories", "links" -> "B";
                        case "outlets" -> "C";
                        default -> throw unreadable("no such column: " + column);
                    };
                    word = word.substring(colon + 1);
                }
                if (word.startsWith("^")) {
                    word = word.substring(1);
                }
                boolean prefix = word.endsWith("*");
                term = phrase(prefix ? word.substring(0, word.length() - 1) : word, prefix, weight);
            }
            if (term == null) {
                continue; // only punctuation: no token, as FTS5 finds none
            }
            join(out, operand, pendingOp);
            pendingOp = null;
            out.add(term);
            operand = true;
        }
        if (depth != 0) {
            throw unreadable("unbalanced (");
        }
        if (pendingOp != null) {
            throw unreadable("syntax error near \"" + pendingOp + "\"");
        }
        if (out.isEmpty()) {
            throw unreadable("the query has no words");
        }
        return String.join(" ", out);
    }

    private static void join(List<String> out, boolean operand, String op) {
        if (!operand) {
            return;
        }
        out.add(op == null || op.equals("AND") ? "&" : op.equals("OR") ? "|" : "& !");
    }

    /** The tokens of {@code text} as a phrase of tsquery lexemes, or null when it has none. */
    private static String phrase(String text, boolean prefix, String weight) {
        List<String> tokens = new ArrayList<>();
        StringBuilder t = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (Snippets.isWordChar(cp)) {
                t.appendCodePoint(cp);
            } else if (t.length() > 0) {
                tokens.add(t.toString());
                t.setLength(0);
            }
        });
        if (t.length() > 0) {
            tokens.add(t.toString());
        }
        if (tokens.isEmpty()) {
            return null;
        }
        List<String> lexemes = new ArrayList<>();
        for (int k = 0; k < tokens.size(); k++) {
            String lexeme = "'" + tokens.get(k).toLowerCase(Locale.ROOT).replace("'", "''") + "'";
            String suffix = (prefix && k == tokens.size() - 1 ? "*" : "") + (weight == null ? "" : weight);
            lexemes.add(suffix.isEmpty() ? lexeme : lexeme + ":" + suffix);
        }
        return lexemes.size() == 1 ? lexemes.get(0) : "(" + String.join(" <-> ", lexemes) + ")";
    }

    private static QueryException unreadable(String why) {
        return new QueryException("cannot read the query: " + why);
    }
}
