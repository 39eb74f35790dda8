"""Measure, in a real browser, which way each block of a page is laid out (tests/test_browser.py,
tests/test_site.py).

Definitions used by the browser tests:

- A **block** is an element a reader reads as one unit of text: ``p``, ``li``, ``dt``, ``dd``,
  ``h1``-``h6``, ``td``, ``th``, ``caption``, ``figcaption``, ``blockquote``, ``summary`` and a
  widget label, with its own text (text inside a nested block belongs to that block), or **one
  line** of a text output (``print()``, a repr, a warning: a ``pre`` inside JupyterLab's
  ``.jp-RenderedText`` or the site's ``.cell_output``).
- Its **first strong character** is its first letter (Unicode category L). It is **Arabic-first**
  when that letter belongs to a right-to-left script (Arabic, Hebrew, Syriac, Thaana, N'Ko) or
  is the tatweel, **Latin-first** (English) otherwise. Blocks without a letter (numbers, code
  punctuation) have no direction of their own and are not counted. This is the rule the browser
  applies under ``unicode-bidi: plaintext``, so an English sentence that *opens* with an Arabic
  word is Arabic-first and laid out right to left; the summary lists such blocks (more Latin than
  Arabic letters) so that their text can be reworded to open with an English word.
- **Code** is every other ``pre`` line (code blocks in prose, the site's cell inputs) and every
  line of a CodeMirror editor (code cells).

How the direction is measured: the base direction of a bidi paragraph decides where a neutral
character at its logical start is drawn. The script inserts a probe, ``|`` (bidi class ON), just
before the block's first text (outside any inline isolate), or at the start of the output line,
and compares its position with the block's first strong character. In a right-to-left
paragraph the probe takes the paragraph's level and is drawn to the **right** of that character;
in a left-to-right paragraph it is drawn to its **left**, whatever the character. This reads the
layout the browser actually computed, so it holds for ``unicode-bidi: plaintext`` (where the
computed ``direction`` stays ``ltr``), ``dir="auto"`` and ``direction: rtl`` alike, and it does
not depend on text alignment. The probes are removed before the script returns. CodeMirror lines
are never modified (the editor would take a probe for an edit): for them the computed
``direction`` and ``unicode-bidi`` decide, which is exact unless ``unicode-bidi`` is ``plaintext``.
"""

from __future__ import annotations

MEASURE = r"""(root) => {
  root = root || document.body;
  const RTL = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\u0640]/u;
  const LETTER = /\p{L}/u;
  const BLOCKS = 'p, li, dt, dd, h1, h2, h3, h4, h5, h6, td, th, caption, figcaption, blockquote, summary, .widget-label';
  const OUTPUT_PRE = '.jp-RenderedText pre, .cell_output pre';
  const SKIP = 'script, style, noscript, template, svg, math, .cm-editor, [data-course-probe]';
  const ISOLATING = new Set(['isolate', 'isolate-override', 'plaintext', 'embed', 'bidi-override']);
  const strong = (ch) => LETTER.test(ch) || ch === '\u0640' ? (RTL.test(ch) ? 'arabic' : 'latin') : null;
  const visible = (el) => el.getClientRects().length > 0;
  const textNodes = (el, owner) => {
    const out = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {acceptNode: (n) =>
      n.parentElement.closest(SKIP) ? NodeFilter.FILTER_REJECT
      : owner && n.parentElement.closest(owner) !== el ? NodeFilter.FILTER_REJECT
      : NodeFilter.FILTER_ACCEPT});
    for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n);
    return out;
  };
  const probe = () => {
    const span = document.createElement('span');
    span.setAttribute('data-course-probe', '');
    span.style.cssText = 'display:inline;unicode-bidi:normal;position:static;float:none;margin:0;padding:0;border:0';
    span.textContent = '|';
    return span;
  };
  const records = [];   // {kind, script, text, probe, node, offset}
  const mostlyEnglish = [];   // Arabic-first blocks with more Latin than Arabic letters

  // Reads first, writes after: every layout query below is answered before the first probe is
  // inserted, so the browser lays the page out once instead of once per probe.
  const pending = [];   // blocks: {point, kind, text, first}

  // Blocks: the probe goes before the first non-blank own text, outside any inline isolate.
  for (const el of root.querySelectorAll(BLOCKS)) {
    if (el.closest(SKIP) || el.closest('pre') || !visible(el)) continue;
    const nodes = textNodes(el, BLOCKS).filter((n) => n.data.trim() && visible(n.parentElement));
    if (!nodes.length) continue;
    const text = nodes.map((n) => n.data).join('');
    let first = null;
    for (const n of nodes) {
      for (let i = 0; i < n.data.length && !first; i++) {
        const s = strong(n.data[i]);
        if (s) first = {script: s, node: n, offset: i};
      }
      if (first) break;
    }
    if (!first) continue;
    let point = nodes[0];
    for (let a = point.parentElement; a && a !== el; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (cs.display !== 'inline') break;          // a block of its own: its paragraph starts here
      if (ISOLATING.has(cs.unicodeBidi)) point = a;
    }
    pending.push({point, kind: el.matches('.widget-label') ? 'label' : el.tagName.toLowerCase(),
                  text: text.trim().slice(0, 80), first});
    const arabicLetters = (text.match(/\p{Script=Arabic}/gu) || []).length;
    const latinLetters = (text.match(/\p{Script=Latin}/gu) || []).length;
    if (first.script === 'arabic' && latinLetters > arabicLetters) mostlyEnglish.push(text.trim().slice(0, 60));
  }

  // Lines of text outputs and of code blocks: one probe at the start of every line.
  const pres = [];      // {pre, nodes, starts, kind, lines}
  for (const pre of root.querySelectorAll('pre')) {
    if (pre.closest(SKIP) || !visible(pre)) continue;
    const nodes = textNodes(pre, null);
    const starts = [];
    let total = 0;
    for (const n of nodes) { starts.push(total); total += n.data.length; }
    const all = nodes.map((n) => n.data).join('');
    const lines = [];
    let g = 0;
    for (const line of all.split('\n')) {
      let s = -1, script = null;
      for (let i = 0; i < line.length; i++) { script = strong(line[i]); if (script) { s = g + i; break; } }
      if (s >= 0) lines.push({start: g, strong: s, script, text: line.trim().slice(0, 80)});
      g += line.length + 1;
    }
    const kind = pre.matches(OUTPUT_PRE) ? 'output line' : 'code line';
    pres.push({pre, nodes, starts, lines, kind});
  }

  // Writes: insert the probes.
  for (const b of pending) {
    const p = probe();
    b.point.parentNode.insertBefore(p, b.point);
    records.push({kind: b.kind, text: b.text, probe: p, ...b.first});
  }
  for (const {nodes, starts, lines, kind} of pres) {
    const locate = (g) => {            // global offset -> index of its original text node
      let j = 0;
      while (j + 1 < nodes.length && starts[j + 1] <= g) j++;
      return j;
    };
    for (const line of lines.reverse()) {          // last line first: splits keep earlier offsets
      const j = locate(line.start), k = line.start - starts[j];
      const m = locate(line.strong), t = line.strong - starts[m];
      const p = probe();
      let node = nodes[m], offset = t;
      if (k > 0) {
        const rest = nodes[j].splitText(k);
        rest.parentNode.insertBefore(p, rest);
        if (m === j) { node = rest; offset = t - k; }
      } else {
        nodes[j].parentNode.insertBefore(p, nodes[j]);
      }
      records.push({kind, script: line.script, text: line.text, probe: p, node, offset});
    }
  }

  // Measure every probe against its first strong character, then remove the probes.
  const range = document.createRange();
  const counts = {};
  const wrong = [];
  let unmeasured = 0;
  for (const r of records) {
    const a = r.probe.getBoundingClientRect();
    range.setStart(r.node, r.offset);
    range.setEnd(r.node, r.offset + 1);
    const b = range.getBoundingClientRect();
    // the probe and the character must share a line (a long run of digits or punctuation
    // before the first letter could wrap); otherwise the block is reported as unmeasured
    const sameLine = a.width > 0 && b.width > 0 && a.top < b.bottom && b.top < a.bottom;
    if (!sameLine) { unmeasured++; continue; }
    const dir = (a.left + a.right) / 2 > (b.left + b.right) / 2 ? 'rtl' : 'ltr';
    const group = r.kind === 'code line' ? 'code' : r.script;
    const key = `${group} ${dir}`;
    counts[key] = (counts[key] || 0) + 1;
    const expected = group === 'arabic' ? 'rtl' : 'ltr';
    if (dir !== expected && wrong.length < 12) wrong.push(`${r.kind} (${group}, ${dir}): ${r.text}`);
  }
  for (const r of records) r.probe.remove();
  for (const {pre} of pres) pre.normalize();

  // CodeMirror editors (code cells): never modified; read the computed direction.
  let cmArabic = 0, cmRtl = 0;
  for (const line of root.querySelectorAll('.cm-editor .cm-line')) {
    let script = null;
    for (const ch of line.textContent) { script = strong(ch); if (script) break; }
    if (script !== 'arabic') continue;
    cmArabic++;
    const cs = getComputedStyle(line);
    if (cs.direction !== 'ltr' || cs.unicodeBidi === 'plaintext') {
      cmRtl++;
      if (wrong.length < 12) wrong.push(`code cell line (arabic, rtl): ${line.textContent.trim().slice(0, 80)}`);
    }
  }
  const get = (k) => counts[k] || 0;
  return {
    arabic_rtl: get('arabic rtl'), arabic_ltr: get('arabic ltr'),
    latin_ltr: get('latin ltr'), latin_rtl: get('latin rtl'),
    code_ltr: get('code ltr'), code_rtl: get('code rtl'),
    code_cell_arabic_lines: cmArabic, code_cell_rtl: cmRtl,
    unmeasured, wrong, mostly_english: mostlyEnglish,
    stylesheet: getComputedStyle(document.documentElement).getPropertyValue('--course-stylesheet').trim(),
  };
}"""

COUNTS = ("arabic_rtl", "arabic_ltr", "latin_ltr", "latin_rtl", "code_ltr", "code_rtl",
          "code_cell_arabic_lines", "code_cell_rtl", "unmeasured")


def measure(page, root_selector: str | None = None) -> dict:
    """Direction counts of the blocks under ``root_selector`` (default: the whole page)."""
    if root_selector:
        return page.locator(root_selector).first.evaluate(MEASURE)
    return page.evaluate(MEASURE)


def add(total: dict, counts: dict) -> dict:
    """Add one page's counts to a running total (``wrong`` keeps the first dozen examples)."""
    for key in COUNTS:
        total[key] = total.get(key, 0) + counts[key]
    total["wrong"] = (total.get("wrong", []) + counts["wrong"])[:12]
    total["mostly_english"] = total.get("mostly_english", []) + counts["mostly_english"]
    return total


def summary(counts: dict) -> str:
    """One line for a test's output and its failure messages."""
    return (f"Arabic-first blocks: {counts['arabic_rtl'] + counts['arabic_ltr']} "
            f"({counts['arabic_ltr']} left to right); English blocks: "
            f"{counts['latin_ltr'] + counts['latin_rtl']} ({counts['latin_rtl']} right to left); "
            f"code lines: {counts['code_ltr'] + counts['code_rtl']} ({counts['code_rtl']} right to left), "
            f"code-cell lines starting in Arabic: {counts['code_cell_arabic_lines']} "
            f"({counts['code_cell_rtl']} right to left); unmeasured: {counts['unmeasured']}; "
            f"Arabic-first blocks that are mostly English (laid out right to left by the first-letter "
            f"rule; open them with an English word to keep them left to right): "
            f"{len(counts.get('mostly_english', []))} {counts.get('mostly_english', [])[:10]}")
