"""What a browser test measures of a page's layout: content hidden sideways, content spilling out of the main
area, and how Korean text breaks."""

from __future__ import annotations

# Two ways content goes missing sideways, measured on every rendered element inside the main area:
#  - "hides": a box that clips or scrolls sideways (overflow-x auto/scroll/hidden/clip) is narrower than its
#    content AND some visible content (text, an image, a control) really lies outside it. A scroll container
#    whose content fits is fine; so is one whose overflow is only empty boxes (Streamlit's sliders and
#    checkboxes keep such boxes). A label cut with an ellipsis counts: its text lies outside its box.
#    Streamlit's data grid draws on a canvas, so there its own scroller counts: if it scrolls sideways,
#    columns are hidden.
#  - "spills": visible content whose box reaches past the main area's left or right edge.
FIND_HIDDEN_SIDEWAYS = r"""
() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const mainBox = main.getBoundingClientRect();
  const found = [];
  const where = (el) => {
    const owner = el.closest('[data-testid]');
    const text = (el.innerText || el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60);
    return `${el.tagName.toLowerCase()} in ${owner ? owner.getAttribute('data-testid') : '?'} "${text}"`;
  };
  const shown = (el) => {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return style.visibility !== 'hidden' && style.opacity !== '0' && box.width > 1 && box.height > 1;
  };
  // Inside a 1-pixel clipping box (a screen reader's copy of a slider, react-aria's VisuallyHidden): unseen.
  const screenReaderOnly = (el) => {
    for (let a = el.parentElement; a && a !== main; a = a.parentElement) {
      const box = a.getBoundingClientRect();
      if ((box.width <= 1 || box.height <= 1) && getComputedStyle(a).overflow !== 'visible') return true;
    }
    return false;
  };
  const MEDIA = 'img, svg, canvas, video, input, textarea, select, button';
  // The visible things inside el: boxes of non-blank text, and media/controls.
  const contents = (el) => {
    const boxes = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim() || !node.parentElement || !shown(node.parentElement)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) if (r.width > 0) boxes.push(r);
    }
    for (const m of el.querySelectorAll(MEDIA)) {
      if (shown(m) && !screenReaderOnly(m)) boxes.push(m.getBoundingClientRect());
    }
    return boxes;
  };
  for (const el of [main, ...main.querySelectorAll('*')]) {
    if (!(el instanceof HTMLElement) || !shown(el)) continue;
    const style = getComputedStyle(el);
    const clips = ['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX);
    if (clips && el.scrollWidth > el.clientWidth + 1) {
      if (el.classList.contains('dvn-scroller')) {
        found.push(`hides ${el.scrollWidth - el.clientWidth}px of a data grid's columns: ${where(el)}`);
        continue;
      }
      const box = el.getBoundingClientRect();
      const left = box.left + el.clientLeft, right = left + el.clientWidth;
      const out = contents(el).filter((r) => r.right > right + 1 || r.left < left - 1);
      const most = Math.round(Math.max(...out.map((r) => r.right - right)));
      if (out.length) found.push(`hides ${most}px: ${where(el)}`);
    }
  }
  for (const r of contents(main)) {
    if (r.right > mainBox.right + 1 || r.left < mainBox.left - 1) {
      const past = Math.round(r.right - mainBox.right);
      found.push(`spills ${past}px past the main area at x=${Math.round(r.left)}`);
    }
  }
  return [...new Set(found)];
}
"""

# Paragraphs (and list items, labels, headings) in the main area that hold Hangul, with their computed
# word-break: Korean must wrap between words ("keep-all"), never inside one.
KOREAN_WORD_BREAK = r"""
() => {
  const main = document.querySelector('[data-testid="stMain"]');
  return [...main.querySelectorAll('p, li, h1, h2, h3, label')]
    .filter((el) => /[\uac00-\ud7a3]/.test(el.textContent) && el.getBoundingClientRect().width > 0)
    .map((el) => [el.textContent.trim().slice(0, 40), getComputedStyle(el).wordBreak]);
}
"""
