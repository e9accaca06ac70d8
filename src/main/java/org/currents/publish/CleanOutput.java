package org.currents.publish;

import gg.jte.output.StringOutput;

/**
 * A jte output that drops the code points HTML forbids ({@link XmlText}) from everything
 * written, after jte has escaped it: a stray control character in a wikitext or a fetched title
 * must not make a page invalid.
 */
final class CleanOutput extends StringOutput {
    CleanOutput(int capacity) {
        super(capacity);
    }

    @Override
    public void writeContent(String value) {
        super.writeContent(XmlText.clean(value));
    }

    @Override
    public void writeContent(String value, int beginIndex, int endIndex) {
        super.writeContent(XmlText.clean(value.substring(beginIndex, endIndex)));
    }
}
