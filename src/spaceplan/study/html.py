"""The study report as one self-contained HTML file: inline CSS, figures embedded as data URIs, a table
of contents and a validation appendix (:mod:`spaceplan.study.validation`).

The sections' Markdown is a small subset (paragraphs, ``**bold**``, ``*italic*``, ```code```, pipe
tables, ``- `` lists), converted here so the report needs no Markdown package.
"""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path

from spaceplan.study.flags import MARK, warning_lines

_CSS = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d232a; margin: 0;
       background: #f6f7f9; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 32px 64px; background: #fff; }
h1 { font-size: 1.7em; margin: 0.2em 0 0.4em; } h2 { border-bottom: 2px solid #d8dde3; padding-bottom: 4px;
     margin-top: 2.2em; } h3 { margin-top: 1.6em; }
nav.toc { background: #f0f3f6; border: 1px solid #d8dde3; border-radius: 6px; padding: 8px 20px; margin: 1em 0; }
nav.toc ol { margin: 0.3em 0; } nav.toc a { text-decoration: none; color: #0b5cad; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.86em; display: block; overflow-x: auto; }
th, td { border: 1px solid #d3d8de; padding: 3px 7px; vertical-align: top; }
th { background: #eef1f4; text-align: left; } tr:nth-child(even) td { background: #fafbfc; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure { margin: 1.2em 0; text-align: center; } figure img { max-width: 100%; height: auto;
         border: 1px solid #e1e5ea; } figcaption { font-size: 0.85em; color: #55606b; }
code { background: #f0f3f6; padding: 0 3px; border-radius: 3px; font-size: 0.92em; }
p.meta { color: #55606b; font-size: 0.9em; }
div.warnings { background: #fff8e1; border-left: 4px solid #e0a800; padding: 2px 14px; margin: 1em 0; }
span.warn { color: #b07800; font-weight: bold; }
table.validation { display: table; width: 100%; table-layout: fixed; }
table.validation th:nth-child(1) { width: 10%; } table.validation th:nth-child(2) { width: 24%; }
table.validation th:nth-child(3), table.validation th:nth-child(4) { width: 18%; }
table.validation th:nth-child(5) { width: 11%; } table.validation td { overflow-wrap: anywhere; }
table.validation code { font-size: 0.8em; }
"""

_NUMERIC = re.compile(r"^[-+−]?[\d.,]+(\s?[%x])?(\s?/\s?[-+−]?[\d.,]+)*( \(.*\))?( " + MARK + ")?$")


def _inline(text: str) -> str:
    out = html.escape(text, quote=False).replace(MARK, f'<span class="warn" title="validity warning">{MARK}</span>')
    out = re.sub(r"`([^`]+)`", r"<code>\1</code>", out)
    out = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", out)
    out = re.sub(r"(?<![*\w])\*([^*\s][^*]*?)\*(?![*\w])", r"<em>\1</em>", out)
    out = re.sub(r"\[([^\]]+)\]\((#[a-z0-9-]+)\)", r'<a href="\2">\1</a>', out)  # links inside the page only
    return out


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _table(lines: list[str]) -> str:
    head, body = _cells(lines[0]), [_cells(row) for row in lines[2:]]
    rows = ["<tr>" + "".join(f"<th>{_inline(c)}</th>" for c in head) + "</tr>"]
    for cells in body:
        rows.append("<tr>" + "".join(
            f'<td class="num">{_inline(c)}</td>' if _NUMERIC.match(c) else f"<td>{_inline(c)}</td>"
            for c in cells) + "</tr>")
    return "<table>\n" + "\n".join(rows) + "\n</table>"


def markdown_to_html(text: str) -> str:
    """HTML of the report's Markdown subset: blocks separated by blank lines."""
    blocks, current = [], []
    for line in text.splitlines():
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    out = []
    for block in blocks:
        if block[0].lstrip().startswith("|") and len(block) >= 2 and set(block[1].replace("|", "").strip()) <= set("-: "):
            out.append(_table(block))
        elif all(b.lstrip().startswith("- ") for b in block):
            out.append("<ul>" + "".join(f"<li>{_inline(b.lstrip()[2:])}</li>" for b in block) + "</ul>")
        elif block[0].startswith("#"):
            level = min(len(block[0]) - len(block[0].lstrip("#")) + 1, 6)
            out.append(f"<h{level}>{_inline(block[0].lstrip('#').strip())}</h{level}>")
            if block[1:]:
                out.append(f"<p>{_inline(' '.join(block[1:]))}</p>")
        else:
            out.append(f"<p>{_inline(' '.join(block))}</p>")
    return "\n".join(out)


def _figure(out_dir: Path, rel: str) -> str:
    png = out_dir / rel
    data = base64.b64encode(png.read_bytes()).decode("ascii")
    svg = Path(rel).with_suffix(".svg")
    vector = f' Vector version: <code>{html.escape(str(svg))}</code>.' if (out_dir / svg).is_file() else ""
    name = html.escape(Path(rel).stem.replace("_", " "))
    return (f'<figure><img src="data:image/png;base64,{data}" alt="{name}">'
            f"<figcaption>{name}.{vector}</figcaption></figure>")


def _slug(text: str, used: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"
    slug, n = base, 2
    while slug in used:
        slug, n = f"{base}-{n}", n + 1
    used.add(slug)
    return slug


def validation_appendix(cases) -> str:
    """The validation table: each reference case, our value, the published value, tolerance and source."""
    esc = html.escape
    rows = ["<tr><th>domain</th><th>check (test)</th><th>ours</th><th>published</th><th>tolerance</th>"
            "<th>source</th></tr>"]
    for c in cases:
        rows.append(f"<tr><td>{esc(c.domain)}</td><td>{esc(c.check)}<br><code>{esc(c.test)}</code></td>"
                    f"<td>{esc(c.ours)}</td><td>{esc(c.published)}</td><td>{esc(c.tolerance)}</td>"
                    f"<td>{esc(c.source)}</td></tr>")
    return '<table class="validation">\n' + "\n".join(rows) + "\n</table>"


LEDGER_ANCHOR = "claims-ledger"


def section_anchors(report) -> dict[str, str]:
    """{section name: its anchor in the page}, as :func:`render_html` writes them (the ledger's anchor first)."""
    used = {LEDGER_ANCHOR} if getattr(report, "ledger", None) is not None else set()
    return {name: _slug(result.title, used) for name, result in report.sections.items()}


def render_html(report, meta: dict, cases) -> str:
    """One HTML page: title, description, table of contents, the claims ledger (when the scenario has one),
    sections with their figures, validation appendix."""
    from spaceplan.study.claims.render import resolve_links

    anchors = section_anchors(report)
    used: set[str] = set(anchors.values())
    toc, body = [], []
    ledger = getattr(report, "ledger", None)
    if ledger is not None:
        used.add(LEDGER_ANCHOR)
        toc.append(f'<li><a href="#{LEDGER_ANCHOR}">{html.escape(ledger.title)}</a></li>')
        body.append(f'<section id="{LEDGER_ANCHOR}" class="ledger"><h2>{html.escape(ledger.title)}</h2>')
        body.append(markdown_to_html(resolve_links(ledger.markdown, anchors)))
        body += [_figure(report.out_dir, fig) for fig in ledger.figures]
        body.append("</section>")
    for name, result in report.sections.items():
        slug = anchors[name]
        toc.append(f'<li><a href="#{slug}">{html.escape(result.title)}</a></li>')
        body.append(f'<section id="{slug}"><h2>{html.escape(result.title)}</h2>')
        body.append(markdown_to_html(result.markdown))
        flagged = warning_lines(result.data)
        if flagged:
            body.append('<div class="warnings">' + markdown_to_html("\n".join(flagged)) + "</div>")
        body += [_figure(report.out_dir, fig) for fig in result.figures]
        body.append("</section>")
    slug = _slug("validation", used)
    plural = "" if len(cases) == 1 else "s"
    toc.append(f'<li><a href="#{slug}">Validation appendix: {len(cases)} reference case{plural}</a></li>')
    body.append(f'<section id="{slug}"><h2>Validation appendix</h2>'
                "<p>Every model of the report is checked against a published number or an independent "
                "implementation by a test in <code>tests/validation/</code> (run by <code>make test</code>); "
                "<em>ours</em> is the value recorded with the case in <code>spaceplan/study/validation.toml</code>, "
                "which the test holds within the stated tolerance.</p>")
    body.append(validation_appendix(cases))
    body.append("</section>")
    description = markdown_to_html(meta.get("description", "").strip()) if meta.get("description") else ""
    title = html.escape(report.title)
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{title}</title>\n'
            f"<style>{_CSS}</style>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n{description}\n"
            '<p class="meta">Written by <code>spaceplan study</code> with <code>report.md</code>, '
            "<code>results.json</code> and <code>figures/</code> (PNG and SVG). Units: SI inside, display units "
            "in every column header and sentence.</p>\n"
            f'<nav class="toc"><strong>Contents</strong><ol>{"".join(toc)}</ol></nav>\n'
            + "\n".join(body) + "\n</main>\n</body>\n</html>\n")
