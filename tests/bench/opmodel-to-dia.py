#!/usr/bin/env python3
# opmodel-to-dia.py — the boxes and connectors of a generated .opmodel as an
# uncompressed Dia 0.97 diagram, with the same geometry and names, for
# dia-compare.sh.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   opmodel-to-dia.py IN.opmodel OUT.dia [--flowchart]
#
# Every team and service becomes a "Standard - Box" with a centred
# "Standard - Text" naming it (Dia 0.97's standard box carries no text), or
# with --flowchart a "Flowchart - Box" holding its name; every responsibility
# and dependency a "Standard - Line" connected to the centres of its ends.

import sys
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

CM = 96 / 2.54          # Opmodel units (CSS pixels) per Dia unit (cm)
FONT = 0.35             # cm, about Opmodel's 13 px

HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<dia:diagram xmlns:dia="http://www.lysator.liu.se/~alla/dia/">
  <dia:diagramdata>
    <dia:attribute name="background"><dia:color val="#ffffff"/></dia:attribute>
  </dia:diagramdata>
  <dia:layer name="Background" visible="true" active="true">
"""
FOOTER = """  </dia:layer>
</dia:diagram>
"""


def num(value):
    return f"{value:.4f}".rstrip("0").rstrip(".")


def text_composite(name, cx, cy, indent):
    pad = " " * indent
    return (f'{pad}<dia:attribute name="text"><dia:composite type="text">'
            f'<dia:attribute name="string"><dia:string>#{escape(name)}#</dia:string></dia:attribute>'
            f'<dia:attribute name="font"><dia:font family="sans" style="0" name="Helvetica"/></dia:attribute>'
            f'<dia:attribute name="height"><dia:real val="{FONT}"/></dia:attribute>'
            f'<dia:attribute name="pos"><dia:point val="{num(cx)},{num(cy + FONT / 3)}"/></dia:attribute>'
            f'<dia:attribute name="color"><dia:color val="#000000"/></dia:attribute>'
            f'<dia:attribute name="alignment"><dia:enum val="1"/></dia:attribute>'
            f'</dia:composite></dia:attribute>\n')


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: opmodel-to-dia.py IN.opmodel OUT.dia [--flowchart]")
    flowchart = "--flowchart" in sys.argv[3:]

    boxes = {}          # id → (dia id, centre x, centre y)
    lines = []          # (from id, to id)
    next_id = 0
    out = open(sys.argv[2], "w", encoding="utf-8")
    out.write(HEADER)

    for _, node in ET.iterparse(sys.argv[1]):
        tag = node.tag
        if tag in ("team", "service"):
            x = float(node.get("x", 0)) / CM
            y = float(node.get("y", 0)) / CM
            w = float(node.get("width", 160)) / CM
            h = float(node.get("height", 100)) / CM
            name = node.get("name", "")
            box = f"O{next_id}"
            next_id += 1
            boxes[node.get("id")] = (box, x + w / 2, y + h / 2)
            kind = "Flowchart - Box" if flowchart else "Standard - Box"
            out.write(f'    <dia:object type="{kind}" version="0" id="{box}">\n'
                      f'      <dia:attribute name="obj_pos"><dia:point val="{num(x)},{num(y)}"/></dia:attribute>\n'
                      f'      <dia:attribute name="elem_corner"><dia:point val="{num(x)},{num(y)}"/></dia:attribute>\n'
                      f'      <dia:attribute name="elem_width"><dia:real val="{num(w)}"/></dia:attribute>\n'
                      f'      <dia:attribute name="elem_height"><dia:real val="{num(h)}"/></dia:attribute>\n'
                      f'      <dia:attribute name="show_background"><dia:boolean val="true"/></dia:attribute>\n')
            if flowchart:
                out.write(text_composite(name, x + w / 2, y + h / 2, 6))
            out.write('    </dia:object>\n')
            if not flowchart:
                label = f"O{next_id}"
                next_id += 1
                out.write(f'    <dia:object type="Standard - Text" version="1" id="{label}">\n'
                          f'      <dia:attribute name="obj_pos"><dia:point val="{num(x + w / 2)},{num(y + h / 2)}"/></dia:attribute>\n'
                          + text_composite(name, x + w / 2, y + h / 2, 6) +
                          '    </dia:object>\n')
            node.clear()
        elif tag == "responsibility":
            lines.append((node.get("team"), node.get("service")))
            node.clear()
        elif tag == "dependency":
            lines.append((node.get("from"), node.get("to")))
            node.clear()

    # Flowchart - Box has its centre at connection point 16, Standard - Box at 8
    centre = 16 if flowchart else 8
    for source, target in lines:
        a, ax, ay = boxes[source]
        b, bx, by = boxes[target]
        line = f"O{next_id}"
        next_id += 1
        out.write(f'    <dia:object type="Standard - Line" version="0" id="{line}">\n'
                  f'      <dia:attribute name="obj_pos"><dia:point val="{num(ax)},{num(ay)}"/></dia:attribute>\n'
                  f'      <dia:attribute name="conn_endpoints"><dia:point val="{num(ax)},{num(ay)}"/>'
                  f'<dia:point val="{num(bx)},{num(by)}"/></dia:attribute>\n'
                  f'      <dia:connections><dia:connection handle="0" to="{a}" connection="{centre}"/>'
                  f'<dia:connection handle="1" to="{b}" connection="{centre}"/></dia:connections>\n'
                  '    </dia:object>\n')

    out.write(FOOTER)
    out.close()
    print(f"{len(boxes)} boxes, {len(lines)} connectors", file=sys.stderr)


if __name__ == "__main__":
    main()
