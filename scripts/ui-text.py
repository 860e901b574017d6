#!/usr/bin/env python3
"""Adds or updates the pages' texts of one capability folder in its three resource files (UiText.resx is Russian, the
neutral language; UiText.kk.resx Kazakh; UiText.en.resx English), so that no text exists in one language only.

    scripts/ui-text.py src/Api/Surveys < texts.tsv      # lines: Key<TAB>Russian<TAB>Kazakh<TAB>English
    scripts/ui-text.py --check src/Api                  # every UiText*.resx triple has the same keys, none empty
"""
import sys, os, glob
import xml.etree.ElementTree as ET

HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""
FILES = [("UiText.resx", 1), ("UiText.kk.resx", 2), ("UiText.en.resx", 3)]

def read(path):
    if not os.path.exists(path): return {}
    return {d.get("name"): (d.findtext("value") or "") for d in ET.parse(path).getroot().findall("data")}

def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

def write(path, entries):
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEADER)
        for k in sorted(entries):
            f.write(f'  <data name="{esc(k)}" xml:space="preserve"><value>{esc(entries[k])}</value></data>\n')
        f.write("</root>\n")

def check(root):
    bad = 0
    for neutral in glob.glob(os.path.join(root, "**", "UiText.resx"), recursive=True):
        folder = os.path.dirname(neutral)
        sets = {name: read(os.path.join(folder, name)) for name, _ in FILES}
        keys = set().union(*[set(s) for s in sets.values()])
        for name, entries in sets.items():
            for k in sorted(keys):
                if not entries.get(k, "").strip():
                    print(f"{os.path.join(folder, name)}: '{k}' missing or empty"); bad += 1
    return bad

if __name__ == "__main__":
    if sys.argv[1] == "--check":
        sys.exit(1 if check(sys.argv[2]) else 0)
    folder = sys.argv[1]
    sets = {name: read(os.path.join(folder, name)) for name, _ in FILES}
    for line in sys.stdin:
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"): continue
        parts = line.split("\t")
        if len(parts) != 4: sys.exit(f"need Key, Russian, Kazakh, English separated by tabs: {line!r}")
        for name, i in FILES: sets[name][parts[0]] = parts[i]
    for name, _ in FILES: write(os.path.join(folder, name), sets[name])
