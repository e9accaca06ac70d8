#!/usr/bin/python3
"""Full-history benchmark input: a MediaWiki export shaped like the real portal's history.

Writes a MediaWiki XML export (schema 0.11, pages-meta-history shape: every revision with its
full text and its base-36 SHA-1, as dumps have it) of "Portal:Current events/<date>" day pages
from 2002-07 to 2026, built from real days: the event texts, categories and story titles of
../shared/corpus/cec-yaml (8,601 real days, ianrastall/current-events-context; see
../shared/corpus/PROVENANCE.md). Each day's last revision holds that day's real content; the
revisions before it grow the page the way editors do:

  - revision counts per day like the real pages: a few for 2002-2004, tens for 2008-2014,
    hundreds from 2019 (``REVISIONS`` below, times --scale), drawn per day;
  - the layouts of each era, as in ../shared/corpus/wikitext: bare bullets in a
    ``{{Current events|content=`` (2002-2004), ``{{Current events header}}`` and footer without
    headings (2005-2006), the header with ``;Heading`` categories and the old table's closing
    ``|}`` (2007-2017), ``{{Current events|content=`` with ``;Heading`` (2018-2020), bold
    ``'''Heading'''`` categories (2021-2024), ``top=yes``/``bottom=yes`` (2025-);
  - events added a few at a time, drafts corrected later (a number, a missing clause), sources
    added later, events moved from one day to the next (removed from one page and added to the
    following day's), vandalism (blanking, junk, a mangled event) reverted by the next revision
    to the very same text (so the same SHA-1 as the restored revision).

YAML items are story titles or event texts; an item is taken for an event when it ends with
outlets in parentheses ("(Reuters) (BBC)") or is long or ends a sentence. Outlets become
bracketed external links, a few capitalised phrases become wikilinks, story titles become
``[[Story]]`` bullets with their events nested under them.

Deterministic for a given (--seed, --days, --scale). --truth writes one JSON line per day:
title, date, the YAML's event count, revisions written. The shape goes to stderr.

Needs PyYAML (Debian: python3-yaml). Not part of the build: bench/ is not packaged.
"""
import argparse
import datetime
import hashlib
import json
import os
import random
import re
import sys
import tarfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CEC = os.path.join(HERE, "..", "..", "shared", "corpus", "cec-yaml", "cec-yaml.tar.xz")

# mean revisions per day page by year, at --scale 1 (real pages: a handful in 2002, a few
# hundred for recent days)
REVISIONS = {2002: 4, 2003: 6, 2004: 10, 2005: 15, 2006: 20, 2007: 25, 2008: 30, 2009: 35, 2010: 40,
             2011: 45, 2012: 50, 2013: 55, 2014: 60, 2015: 70, 2016: 90, 2017: 110, 2018: 130,
             2019: 150, 2020: 180, 2021: 200, 2022: 220, 2023: 220, 2024: 230, 2025: 240, 2026: 240}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
JUNK = ["lol", "poop", "hi mom", "JOHN IS THE BEST", "asdfghjkl", "this is fake news", "BRUH",
        "subscribe to my channel"]
EDIT_COMMENTS = ["copyedit", "ce", "sp", "wording", "update death toll", "fix", "/* {c} */ ce"]
OUTLET_RE = re.compile(r"\s*,?\s*\(([^()]{2,60})\)\s*[.,]?\s*$")
CAPS_RE = re.compile(r"\b([A-Z][a-z]{3,}(?: [A-Z][a-z]+){0,2})\b")
NUMBER_RE = re.compile(r"\b\d{2,}\b")


def era(date):
    if date.year <= 2004:
        return "early"
    if date.year <= 2006:
        return "header"
    if date.year <= 2017:
        return "table"
    if date.year <= 2020:
        return "content"
    if date.year <= 2024:
        return "bold"
    return "topbottom"


def clean(s):
    # the YAML's texts are plain; markup characters would change what the page means
    s = " ".join(str(s).split())
    for a, b in (("[", "("), ("]", ")"), ("{", "("), ("}", ")"), ("<", "‹"), (">", "›"), ("|", "/"),
                 ("''", "\""), ("~~~", "~ ~ ~"), ("__", "_ _")):
        s = s.replace(a, b)
    return s


def flatten(items, out):
    for it in items or []:
        if isinstance(it, dict):
            for k, v in it.items():
                out.append(clean(k))
                flatten(v if isinstance(v, list) else [v], out)
        elif isinstance(it, list):
            flatten(it, out)
        elif it is not None:
            out.append(clean(it))
    return out


def split_outlets(text):
    outlets = []
    while True:
        m = OUTLET_RE.search(text)
        if not m or len(outlets) >= 6:
            break
        outlets.insert(0, m.group(1).strip())
        text = text[: m.start()].rstrip()
    return text, outlets


def is_event(item):
    _, outlets = split_outlets(item)
    return bool(outlets) or len(item) > 90 or item.endswith(".")


class Node:
    """A bullet: a story title, or an event with its text and sources."""
    __slots__ = ("story", "text", "final_text", "sources", "final_sources", "depth", "line", "eid")

    def __init__(self, story, text, sources, depth, eid):
        self.story = story
        self.text = text
        self.final_text = text
        self.sources = sources
        self.final_sources = list(sources)
        self.depth = depth
        self.eid = eid
        self.line = None


def slug(s, n=6):
    words = re.findall(r"[a-z0-9]+", s.lower())
    return "-".join(words[:n]) or "story"


def source_link(outlet, date, text, k, old):
    host = re.sub(r"[^a-z0-9]", "", outlet.lower())[:24] or "news"
    scheme = "http" if old else "https"
    return "[%s://www.%s.com/%04d/%02d/%02d/%s-%d (%s)]" % (
        scheme, host, date.year, date.month, date.day, slug(text), k, outlet)


def linkify(text, rng):
    """Wraps up to three capitalised phrases in wikilinks (the plain text stays the same)."""
    out, last, n = [], 0, 0
    for m in CAPS_RE.finditer(text):
        if n >= 3 or m.start() == 0 or rng.random() < 0.5:
            continue
        phrase = m.group(1)
        out.append(text[last:m.start()])
        if rng.random() < 0.2:
            out.append("[[%s|%s]]" % (phrase.replace(" ", "_"), phrase))
        else:
            out.append("[[%s]]" % phrase)
        last = m.end()
        n += 1
    out.append(text[last:])
    return "".join(out)


def build_day(date, payload, rng, eid_base):
    """The day's real content as sections of nodes, in page order."""
    sections = []
    n = 0
    for cat, items in (payload or {}).items():
        cat = clean(cat)
        nodes = []
        story_depth = 0
        for item in flatten(items if isinstance(items, list) else [items], []):
            if not item:
                continue
            if is_event(item):
                text, outlets = split_outlets(item)
                n += 1
                node = Node(False, linkify(text, rng), outlets, story_depth + 1, "%s:%d" % (eid_base, n))
                nodes.append(node)
            else:
                # consecutive story titles nest, as "Russian invasion of Ukraine" > "Kherson offensive"
                story_depth = story_depth + 1 if nodes and nodes[-1].story and story_depth < 3 else 1
                nodes.append(Node(True, "[[%s]]" % item, [], story_depth, None))
        if nodes:
            sections.append([cat, nodes])
    return sections


def render_line(node, date, old, e):
    if node.story:
        body = node.text + (":" if e == "header" else "")
    else:
        src = " ".join(source_link(o, date, node.final_text, k, old) for k, o in enumerate(node.sources))
        body = node.text + (" " + src if src else "")
    return "*" * node.depth + (" " if e in ("early", "header") else "") + body


def render(date, sections, present, e):
    """The page's wikitext with the nodes in ``present`` (a set of ids of Node objects)."""
    y, m, d = date.year, date.month, date.day
    old = date.year < 2012
    parts = []
    if e == "early":
        parts.append("<!-- All news items below this line -->{{Current events|year=%d|month=%02d|day=%d|content=\n\n"
                     % (y, m, d))
    elif e == "header":
        parts.append("<!-- All news items below this line -->{{Current events header|%d|%02d|%02d}}\n\n" % (y, m, d))
    elif e == "table":
        parts.append("{{Current events header|%d|%02d|%d}}\n\n<!-- All news items below this line -->\n" % (y, m, d))
    elif e in ("content", "bold"):
        parts.append("{{Current events|year=%d|month=%02d|day=%d|content=\n\n<!-- All news items below this line -->\n"
                     % (y, m, d))
    else:
        parts.append("{{Current events|year=%d|month=%02d|day=%d|top=yes}}\n<!-- All news items below this line -->\n"
                     % (y, m, d))
    first = True
    for cat, nodes in sections:
        shown = [n for n in nodes if id(n) in present]
        if not shown:
            continue
        if cat == "Uncategorized":
            pass  # the peer's name for "no heading" (days it could not categorise)
        elif e in ("table", "content"):
            parts.append(";%s\n" % cat)
        elif e in ("bold", "topbottom"):
            parts.append(("" if first else "\n") + "'''%s'''\n" % cat)
        first = False
        for n in shown:
            if n.line is None:
                n.line = render_line(n, date, old, e)
            parts.append(n.line + "\n")
    if e == "early":
        parts.append("\n<!-- All news items above this line -->}}")
    elif e == "header":
        parts.append("\n<!-- All news items above this line -->{{Current events footer}}")
    elif e == "table":
        parts.append("\n<!-- All news items above this line -->|}")
    elif e in ("content", "bold"):
        parts.append("<!-- All news items above this line -->}}")
    else:
        parts.append("<!-- All news items above this line -->\n{{Current events|year=%d|month=%02d|day=%d|bottom=yes}}"
                     % (y, m, d))
    return "".join(parts)


def draft(node, rng):
    """Makes an event's first version differ from its final one; returns whether it did."""
    if node.story:
        return False
    k = rng.random()
    if k < 0.4 and NUMBER_RE.search(node.text):
        node.text = NUMBER_RE.sub(lambda m: str(max(1, int(m.group(0)) - rng.randrange(1, 9))), node.text, count=1)
    elif k < 0.7 and len(node.sources) > 1:
        node.sources = node.sources[:-1]
    elif ", " in node.text:
        node.text = node.text[: node.text.rindex(", ")] + "."
    else:
        return False
    node.line = None
    return True


def finish(node):
    node.text = node.final_text
    node.sources = list(node.final_sources)
    node.line = None


def history(date, sections, revisions, rng, incoming, incoming_at, outgoing):
    """Yields (text, comment, kind) for each revision of the day page, the last one its real content.

    ``incoming``: an event of this day that sat on the previous day's page by mistake and was
    moved here: added at revision ``incoming_at`` (the first one dated after its removal there,
    as an editor moving it would), or with the first additions when ``incoming_at`` is None;
    ``outgoing``: an event of the next day that sits on this page by mistake for a while.
    """
    e = era(date)
    order = [n for _, nodes in sections for n in nodes]
    present = set()
    drafts = []
    adds = max(1, int(revisions * 0.7)) if revisions > 1 else 1
    per_add = max(1, -(-len(order) // adds))  # ceil
    queue = list(order)
    if incoming is not None:
        queue.remove(incoming)
        if incoming_at is None:
            queue.insert(0, incoming)
    stray = None
    if outgoing is not None and revisions >= 6:
        stray = outgoing
        stray_section = sections[0][1] if sections else None
    if stray is not None and stray_section is not None:
        stray_section.insert(0, stray)
    else:
        stray = None
    stray_in = stray_out = None
    if stray is not None:
        stray_in = rng.randrange(1, max(2, revisions // 3))
        stray_out = rng.randrange(stray_in + 1, revisions - 1)
    prev_text = None
    seen = set()  # every text this page had so far
    r = 0
    while r < revisions:
        last = r == revisions - 1
        comment = None
        if incoming_at is not None and r >= incoming_at and id(incoming) not in present:
            present.add(id(incoming))  # shows from the next revision drawn from ``present``
        if last:
            for n in order:
                finish(n)
                present.add(id(n))
            if stray is not None:
                present.discard(id(stray))
            comment = "/* %s */ update" % (sections[0][0] if sections else "news")
            kind = "final"
        elif stray is not None and r == stray_in:
            present.add(id(stray))
            comment = "add"
            kind = "add"
        elif stray is not None and r == stray_out:
            present.discard(id(stray))
            comment = "moved to [[Portal:Current events/%d %s %d]]" % (
                (date + datetime.timedelta(days=1)).year,
                MONTHS[(date + datetime.timedelta(days=1)).month - 1],
                (date + datetime.timedelta(days=1)).day)
            kind = "move"
        elif r == 0 or (queue and r < adds):
            batch = queue[:per_add]
            del queue[:per_add]
            for n in batch:
                if revisions > 3 and rng.random() < 0.25 and draft(n, rng):
                    drafts.append(n)
                present.add(id(n))
            comment = "Creating day page" if r == 0 else "add %d item%s" % (len(batch), "s" if len(batch) > 1 else "")
            kind = "add"
        elif r > 2 and r < revisions - 2 and prev_text is not None and rng.random() < 0.04:
            # vandalism, reverted by the next revision to the very same text
            v = rng.randrange(3)
            if v == 0:
                text = rng.choice(["", rng.choice(JUNK), (rng.choice(JUNK) + " ") * rng.randrange(3, 30)])
            elif v == 1:
                lines = prev_text.split("\n")
                lines.insert(rng.randrange(1, max(2, len(lines))), "*" + rng.choice(JUNK).upper())
                text = "\n".join(lines)
            else:
                lines = prev_text.split("\n")
                bullets = [i for i, s in enumerate(lines) if s.startswith("*") and "[http" in s]
                if bullets:
                    i = rng.choice(bullets)
                    lines[i] = lines[i][: lines[i].index("[http")] + " " + rng.choice(JUNK).upper()
                text = "\n".join(lines)
            yield text, rng.choice(["", "lol", "fixed it"]), "vandal"
            yield prev_text, "Reverted edits by vandal to last version by an editor", "revert"
            r += 2
            continue
        elif drafts and rng.random() < 0.6:
            finish(drafts.pop(rng.randrange(len(drafts))))
            comment = rng.choice(EDIT_COMMENTS).format(c=sections[0][0] if sections else "news")
            kind = "edit"
        else:
            comment = rng.choice(["fmt", "+ref", "link", "wording"])
            kind = "null" if not drafts else "edit"
            if drafts:
                finish(drafts.pop())
        text = render(date, sections, present, e)
        if kind == "null" and text == prev_text:
            # a maintenance edit that changes the markup only: a trailing space on the last line
            text = text + " " if not text.endswith(" ") else text.rstrip(" ")
        while kind == "move" and text in seen:
            # taking the stray item out may give back an earlier revision's very text, which
            # reads as a revert of everything since (the item would never have been there):
            # the mover's edit leaves a trailing space as well, as real moves touch the page
            text += " "
        seen.add(text)
        prev_text = text
        yield text, comment, kind
        r += 1
    if stray is not None:
        stray_section.remove(stray)


def base36_sha1(data):
    n = int.from_bytes(hashlib.sha1(data).digest(), "big")
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = []
    while n:
        n, m = divmod(n, 36)
        out.append(digits[m])
    return "".join(reversed(out)).rjust(31, "0")


def xml_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


HEADER = """<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.mediawiki.org/xml/export-0.11/ http://www.mediawiki.org/xml/export-0.11.xsd" version="0.11" xml:lang="en">
  <siteinfo>
    <sitename>Wikipedia</sitename>
    <dbname>enwiki</dbname>
    <base>https://en.wikipedia.org/wiki/Main_Page</base>
    <generator>MediaWiki 1.43.0-wmf.1</generator>
    <case>first-letter</case>
    <namespaces>
      <namespace key="0" case="first-letter" />
      <namespace key="100" case="first-letter">Portal</namespace>
    </namespaces>
  </siteinfo>
"""


def load(cec, days, rng, first=None):
    """The chosen days' (date, payload), oldest first: every day, ``days`` spread evenly, or,
    from ``first`` on, the next ``days`` days in a row."""
    raw = {}
    # one pass in the archive's order: random access into an xz stream decompresses from the start
    with tarfile.open(cec, "r|xz") as tar:
        for m in tar:
            if m.isfile() and m.name.endswith(".yaml"):
                raw[m.name] = tar.extractfile(m).read()
    names = sorted(raw)
    if first is not None:
        names = [n for n in names if os.path.basename(n)[:10] >= first.isoformat()][:days]
    elif days is not None and days < len(names):
        step = len(names) / days
        names = [names[int(k * step) + rng.randrange(max(1, int(step)))] for k in range(days)]
    out = []
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for name in names:
        try:
            doc = yaml.load(raw[name], Loader=loader) or {}
        except yaml.YAMLError as e:
            # a few of the peer's files are not valid YAML (a line starting with "*"): skipped
            print("skipped %s: %s" % (name, str(e).splitlines()[0]), file=sys.stderr)
            continue
        date = datetime.date.fromisoformat(str(doc.get("Date") or os.path.basename(name)[:10]))
        out.append((date, doc.get("Intelligence_Payload") or {}))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cec", default=DEFAULT_CEC, help="the cec-yaml tarball (default: ../shared/corpus)")
    ap.add_argument("--days", type=int, help="day pages, spread evenly over 2002-2026 (default: all 8,601)")
    ap.add_argument("--first", type=datetime.date.fromisoformat,
                    help="with --days: that many days in a row from this date (YYYY-MM-DD) on")
    ap.add_argument("--scale", type=float, default=1.0, help="multiplies revisions per day (default 1)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True, help="XML file to write ('-' for stdout)")
    ap.add_argument("--truth", help="also write one JSON line per day: title, date, events, revisions")
    a = ap.parse_args()
    if a.scale <= 0:
        ap.error("--scale must be > 0")
    rng = random.Random(a.seed)
    if a.first is not None and a.days is None:
        ap.error("--first needs --days")
    days = load(a.cec, a.days, rng, a.first)
    out = sys.stdout if a.out == "-" else open(a.out, "w", encoding="utf-8", newline="\n")
    tf = open(a.truth, "w", encoding="utf-8") if a.truth else None
    out.write(HEADER)
    shape = dict(days=0, revisions=0, events=0, text_bytes=0, vandalism=0, moves=0)
    used_ids = set()
    built = [build_day(d, p, random.Random((a.seed << 20) ^ i), i) for i, (d, p) in enumerate(days)]
    moved = {}  # day index -> the event moved in from the previous day
    moved_at = {}  # day index -> when that event left the previous day's page
    for i, (date, _) in enumerate(days):
        r = random.Random((a.seed << 24) ^ (i * 2654435761))
        sections = built[i]
        mean = REVISIONS.get(date.year, 240) * a.scale
        revisions = max(1, int(round(r.lognormvariate(0, 0.5) * mean)))
        outgoing = None
        if i + 1 < len(days) and r.random() < 0.15:
            nxt = [n for _, nodes in built[i + 1] for n in nodes if not n.story and n.depth == 1]
            if nxt:
                outgoing = nxt[0]
                moved[i + 1] = outgoing
        title = "Portal:Current events/%d %s %d" % (date.year, MONTHS[date.month - 1], date.day)
        out.write("  <page>\n    <title>%s</title>\n    <ns>100</ns>\n    <id>%d</id>\n" % (xml_escape(title), 5000000 + i))
        # the revisions' times, drawn first (their own generator) so that an event moved in from
        # the previous day can be added after it left there: recent pages get edited for days,
        # old ones in a few hours
        clock = random.Random((a.seed << 28) ^ (i * 40503))
        ts = datetime.datetime(date.year, date.month, date.day) - datetime.timedelta(hours=clock.randrange(1, 6))
        stamps = []
        for _ in range(revisions):
            ts += datetime.timedelta(seconds=clock.randrange(30, 3600 if revisions > 50 else 14400))
            stamps.append(ts)
        incoming_at = None
        if i in moved_at:
            later = [k for k, t in enumerate(stamps) if t > moved_at[i]]
            incoming_at = later[0] if later else revisions - 1
        parent = None
        n_rev = 0
        kinds = []
        for text, comment, kind in history(date, sections, revisions, r, moved.get(i), incoming_at, outgoing):
            ts = stamps[n_rev]  # ids follow time as on the wiki
            if kind == "move":
                moved_at[i + 1] = ts
            rev_id = int((ts - datetime.datetime(2001, 1, 1)).total_seconds()) * 8 + (i % 8)
            while rev_id in used_ids:
                rev_id += 8
            used_ids.add(rev_id)
            data = text.encode("utf-8")
            w = ["    <revision>\n      <id>%d</id>\n" % rev_id]
            if parent is not None:
                w.append("      <parentid>%d</parentid>\n" % parent)
            w.append("      <timestamp>%s</timestamp>\n" % ts.strftime("%Y-%m-%dT%H:%M:%SZ"))
            if kind == "vandal":
                w.append("      <contributor>\n        <ip>%d.%d.%d.%d</ip>\n      </contributor>\n" % (
                    r.randrange(1, 223), r.randrange(256), r.randrange(256), r.randrange(1, 255)))
            else:
                u = "Editor%d" % r.randrange(1, 400)
                w.append("      <contributor>\n        <username>%s</username>\n        <id>%d</id>\n      </contributor>\n"
                         % (u, 100000 + int(u[6:])))
            if kind in ("revert", "null"):
                w.append("      <minor />\n")
            if comment:
                w.append("      <comment>%s</comment>\n" % xml_escape(comment))
            w.append("      <model>wikitext</model>\n      <format>text/x-wiki</format>\n")
            w.append('      <text bytes="%d" xml:space="preserve">%s</text>\n' % (len(data), xml_escape(text)))
            w.append("      <sha1>%s</sha1>\n    </revision>\n" % base36_sha1(data))
            out.write("".join(w))
            shape["text_bytes"] += len(data)
            parent = rev_id
            n_rev += 1
            kinds.append(kind)
        out.write("  </page>\n")
        n_events = sum(1 for _, nodes in sections for n in nodes if not n.story)
        shape["days"] += 1
        shape["revisions"] += n_rev
        shape["events"] += n_events
        shape["vandalism"] += kinds.count("vandal")
        shape["moves"] += kinds.count("move")
        if tf:
            line = {"title": title, "date": date.isoformat(), "events": n_events, "revisions": n_rev}
            if i in moved_at:
                # an event of this day sat on the previous page until moved here (at moved_at)
                line["moved_from"] = days[i - 1][0].isoformat()
            tf.write(json.dumps(line, ensure_ascii=False) + "\n")
        for _, nodes in sections:  # free the day's rendered lines
            for n in nodes:
                n.line = None
    out.write("</mediawiki>\n")
    if out is not sys.stdout:
        out.close()
        shape["xml_bytes"] = os.path.getsize(a.out)
    if tf:
        tf.close()
    print(" ".join("%s=%d" % kv for kv in shape.items()), file=sys.stderr)


if __name__ == "__main__":
    main()
