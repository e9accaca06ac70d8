#!/usr/bin/env python3
"""One new revision of one day page, as a one-revision MediaWiki export (issue 10's benchmark).

Takes the first page of an export, copies its last revision's text and adds one news bullet
(linking two contexts that other events have), as a new revision one hour later. Importing it
into the archive of that export is "one new revision on one day page".

    python3 bench/one_more.py /tmp/large.xml /tmp/one-more.xml [page-number]
"""
import copy
import hashlib
import sys
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

NS = "http://www.mediawiki.org/xml/export-0.11/"
BULLET = ("* The [[United Nations]] reports new talks on the [[European Union]] budget."
          " [https://www.reuters.com/world/one-more-revision-talks (Reuters)]\n")


def base36(data):
    n = int.from_bytes(hashlib.sha1(data).digest(), "big")
    out = ""
    while n:
        n, r = divmod(n, 36)
        out = "0123456789abcdefghijklmnopqrstuvwxyz"[r] + out
    return out.rjust(31, "0")


def main():
    src, dst = sys.argv[1], sys.argv[2]
    wanted = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    ET.register_namespace("", NS)
    seen = 0
    for _, el in ET.iterparse(src, events=("end",)):
        if el.tag != "{%s}page" % NS:
            continue
        seen += 1
        if seen < wanted:
            el.clear()
            continue
        page = el
        break
    revs = page.findall("{%s}revision" % NS)
    last = revs[-1]
    new = copy.deepcopy(last)
    text = last.find("{%s}text" % NS).text
    marker = "<!-- All news items above this line -->"
    text = text.replace(marker, BULLET + marker) if marker in text else text + "\n" + BULLET
    new.find("{%s}id" % NS).text = str(int(last.find("{%s}id" % NS).text) + 90_000_000)
    parent = new.find("{%s}parentid" % NS)
    if parent is None:
        parent = ET.SubElement(new, "{%s}parentid" % NS)
    parent.text = last.find("{%s}id" % NS).text
    ts = datetime.strptime(last.find("{%s}timestamp" % NS).text, "%Y-%m-%dT%H:%M:%SZ") + timedelta(hours=1)
    new.find("{%s}timestamp" % NS).text = ts.strftime("%Y-%m-%dT%H:%M:%SZ")
    new.find("{%s}comment" % NS).text = "one more"
    t = new.find("{%s}text" % NS)
    t.text = text
    t.set("bytes", str(len(text.encode("utf-8"))))
    new.find("{%s}sha1" % NS).text = base36(text.encode("utf-8"))
    for r in revs:
        page.remove(r)
    page.append(new)
    root = ET.Element("{%s}mediawiki" % NS, {"version": "0.11", "{http://www.w3.org/XML/1998/namespace}lang": "en"})
    root.append(page)
    ET.ElementTree(root).write(dst, encoding="utf-8", xml_declaration=True)
    print(page.find("{%s}title" % NS).text, "revision", new.find("{%s}id" % NS).text, file=sys.stderr)


if __name__ == "__main__":
    main()
