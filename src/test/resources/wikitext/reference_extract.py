#!/usr/bin/env python3
"""Runs the reference extraction (extract_mwp.extract, mwparserfromhell) on .wiki files.

usage: reference_extract.py TOOLS_DIR FILE.wiki...
Prints one JSON object per line: {"file": name, "events": [...]} with the reference's
fields (category, path, text, links, sources as [url, outlet]). Exits 3 with a message on
stderr when mwparserfromhell cannot be imported.
"""
import json
import os
import sys


def main():
    tools = sys.argv[1]
    sys.path.insert(0, tools)
    try:
        import extract_mwp
    except ImportError as e:
        print("cannot import mwparserfromhell: %s" % e,
              file=sys.stderr)
        return 3
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        events = extract_mwp.extract(text)
        print(json.dumps({"file": os.path.basename(path), "events": events}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
