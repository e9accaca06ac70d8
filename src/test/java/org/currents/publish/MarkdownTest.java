package org.currents.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Untrusted text in Markdown: escaped so that each event stays one link with its own text. */
class MarkdownTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "A [bracketed] aside",
                "Stars * and _underscores_ and `ticks`",
                "A backslash \\ and \\[ escaped-looking text",
                "An <b>html</b> tag and <script>alert(1)</script>",
                "](http://evil.example) a link breaker [x](y)",
                "Trailing backslash \\",
                "Mixed [*_`<\\]"
            })
    void escapedTextRendersAsExactlyOneLinkWithThatText(String text) {
        String md = "1. [" + Markdown.escape(text) + "](" + Markdown.url("http://example.org/a b(c)") + ")\n";
        List<Link> links = new ArrayList<>();
        StringBuilder linkText = new StringBuilder();
        Node doc = Parser.builder().build().parse(md);
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                links.add(link);
                link.accept(new AbstractVisitor() {
                    @Override
                    public void visit(Text t) {
                        linkText.append(t.getLiteral());
                    }
                });
            }
        });
        assertThat(links).hasSize(1);
        assertThat(linkText.toString()).isEqualTo(text);
        assertThat(links.get(0).getDestination()).isEqualTo("http://example.org/a%20b%28c%29");
    }

    @Test
    void escapesOnlyTheCharactersSpecNames() {
        assertThat(Markdown.escape("a\\b`c*d_e[f]g<h>i#j!k(l)m")).isEqualTo("a\\\\b\\`c\\*d\\_e\\[f\\]g\\<h>i#j!k(l)m");
    }

    @ParameterizedTest
    @CsvSource({
        "javascript:alert(1), #",
        "data:text/html;base64 , #",
        "https://example.org/x, https://example.org/x",
        "//example.org/x, //example.org/x"
    })
    void linksOnlyToWebUrls(String url, String expected) {
        assertThat(Markdown.url(url)).isEqualTo(expected);
    }
}
