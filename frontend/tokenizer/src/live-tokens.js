// The Tokenizer page's browser add-on: token ids exactly as tiktoken's, coloured, on every keystroke.
//
// Bundled by esbuild into static/tokenizer/live-tokens.js (see package.json); the live text area
// (ui/live_text.py) imports it and calls attach(). BPE is gpt-tokenizer's; its ranks are built here from the
// very tiktoken files the server verified and published (lib/tokens/browser.py), so the browser and the
// server count with one vocabulary. Nothing is fetched from anywhere but the app itself.
import { GptEncoding } from "gpt-tokenizer/GptEncoding";

const COLOURS = 5; // the page's palette (c0..c4), cycled so two neighbours never share a colour
const BLOCK = 500; // segments per drawn block; a multiple of COLOURS, so every block starts at c0
const FIRST_DRAW = 3 * BLOCK; // segments drawn at first; more when the view is scrolled near its end
const AS_TEXT = { disallowedSpecial: new Set() }; // "<|endoftext|>" is text, as tiktoken's disallowed_special=()
const WS = { " ": "\u00b7", "\t": "\u2192", "\r": "\u240d", "\n": "\u21b5\n" };
const ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };

const escape = (s) => s.replace(/[&<>"']/g, (c) => ESC[c]);
const glyphs = (s) => s.replace(/[ \t\r\n]/g, (c) => WS[c]);
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder("utf-8", { ignoreBOM: true });
const encodings = new Map(); // vocabulary file -> Promise<Tokenizer>, for this page's lifetime

// ---------------------------------------------------------------- vocabularies

const DB = "playground-tokenizer";

function idb(mode, fn) {
  // IndexedDB works on plain http too (a classroom LAN); the Cache API needs https.
  return new Promise((resolve) => {
    if (!globalThis.indexedDB) return resolve(undefined);
    const open = indexedDB.open(DB, 1);
    open.onupgradeneeded = () => open.result.createObjectStore("vocab");
    open.onerror = () => resolve(undefined);
    open.onsuccess = () => {
      const tx = open.result.transaction("vocab", mode);
      const req = fn(tx.objectStore("vocab"));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = tx.onabort = () => resolve(undefined);
    };
  });
}

async function gunzip(buffer) {
  const stream = new Blob([buffer]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function sha256(bytes) {
  if (!globalThis.crypto?.subtle) return null; // only in secure contexts (https, localhost)
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

class Tokenizer {
  // One encoding: gpt-tokenizer's BPE over ranks parsed from a tiktoken file ("<base64> <rank>" lines).
  constructor(name, raw) {
    const ranks = [];
    this.bytes = [];
    this.text = [];
    const lines = new TextDecoder("latin1").decode(raw).split("\n");
    for (const line of lines) {
      const space = line.indexOf(" ");
      if (space < 0) continue;
      const bin = atob(line.slice(0, space));
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      const rank = Number(line.slice(space + 1));
      let text = null;
      try {
        text = utf8.decode(bytes);
      } catch {
        // a token that ends or starts inside a character: kept as bytes
      }
      ranks[rank] = text ?? Array.from(bytes);
      this.bytes[rank] = bytes;
      this.text[rank] = text;
    }
    this.name = name;
    this.api = GptEncoding.getEncodingApi(name, () => ranks);
  }

  encode(text) {
    return this.api.encode(text, AS_TEXT);
  }

  continues(id) {
    // The token opens with a UTF-8 continuation byte: the previous token ended inside a character.
    const b = this.bytes[id];
    return b !== undefined && b.length > 0 && (b[0] & 0xc0) === 0x80;
  }

  segmentText(ids, lo, hi) {
    if (hi - lo === 1 && this.text[ids[lo]] !== null) return this.text[ids[lo]];
    let n = 0;
    for (let i = lo; i < hi; i++) n += this.bytes[ids[i]].length;
    const all = new Uint8Array(n);
    for (let i = lo, at = 0; i < hi; i++) {
      all.set(this.bytes[ids[i]], at);
      at += this.bytes[ids[i]].length;
    }
    return lenient.decode(all);
  }
}

function loadEncoding(vocab) {
  // Memory, then IndexedDB, then the app's static file; checked against tiktoken's sha256 where possible.
  if (!encodings.has(vocab.file)) {
    const promise = (async () => {
      let gz = await idb("readonly", (s) => s.get(vocab.file));
      const cached = gz instanceof ArrayBuffer;
      if (!cached) {
        const response = await fetch(new URL(vocab.url, document.baseURI));
        if (!response.ok) throw new Error(`${vocab.url}: HTTP ${response.status}`);
        gz = await response.arrayBuffer();
      }
      const raw = await gunzip(gz);
      const digest = await sha256(raw);
      if (digest !== null && digest !== vocab.sha256) throw new Error(`${vocab.name}: sha256 mismatch`);
      if (!cached) idb("readwrite", (s) => s.put(gz, vocab.file));
      return new Tokenizer(vocab.name, raw);
    })();
    promise.catch(() => encodings.delete(vocab.file)); // a failed load may be retried
    encodings.set(vocab.file, promise);
  }
  return encodings.get(vocab.file);
}

// ---------------------------------------------------------------- drawing

function codePoints(s) {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) n--; // the second half of a surrogate pair
  }
  return n;
}

function segmentStarts(tok, ids) {
  const starts = [];
  for (let i = 0; i < ids.length; i++) if (i === 0 || !tok.continues(ids[i])) starts.push(i);
  starts.push(ids.length);
  return starts;
}

const graphemes = globalThis.Intl?.Segmenter ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : null;

function lastGrapheme(s) {
  // Where the last user-perceived character starts: the ids are glued to it so they never wrap away.
  if (graphemes && s.length < 64) {
    let at = 0;
    for (const g of graphemes.segment(s)) at = g.index;
    return at;
  }
  return s.length - (s.length > 1 && s.codePointAt(s.length - 2) > 0xffff ? 2 : 1);
}

function segmentHtml(tok, ids, lo, hi, colour, o) {
  const text = tok.segmentText(ids, lo, hi);
  const several = hi - lo > 1;
  const idList = Array.prototype.slice.call(ids, lo, hi).join(", ");
  const title = several ? o.multi.replace("{n}", String(hi - lo)) + ": " + idList : idList;
  const cls = `c${colour}${several ? " m" : ""}`;
  const open = `<span class="${cls}" data-i="${lo}" title="${escape(title)}">`;
  if (!o.ids) return `${open}${escape(o.ws ? glyphs(text) : text)}</span>`;
  // Trailing newlines go after the ids; the last visible character and the ids stay on one line.
  const nl = text.search(/\n+$/);
  const body = nl >= 0 ? text.slice(0, nl) : text;
  const tail = nl >= 0 ? text.slice(nl) : "";
  const shown = o.ws ? glyphs(body) + "\u21b5".repeat(tail.length) : body;
  const cut = shown ? lastGrapheme(shown) : 0;
  return (
    `${open}${escape(shown.slice(0, cut))}<span class="nw">${escape(shown.slice(cut))}` +
    `<sub>${idList}</sub></span>${tail}</span>`
  );
}

export function attach({ root, textarea, report }) {
  const box = document.createElement("div");
  box.className = "tk-live";
  box.innerHTML =
    '<style></style><div class="tk-count" aria-live="polite"></div>' +
    '<div class="tk-scroll"><div class="tok-view"></div><div class="tk-more"></div><div class="tk-tip"></div></div>';
  textarea.after(box);
  const [style, count, scroller] = box.children;
  const [view, more, tip] = scroller.children;
  more.hidden = tip.hidden = true;

  const state = { tok: null, wanted: null, options: {}, drawnText: null, drawnKey: "", target: FIRST_DRAW };
  let blocks = []; // [{key, el}]
  let pendingSince = null;
  let frame = 0;
  const stats = (globalThis.playgroundTokenizer = globalThis.playgroundTokenizer || { paints: [] });

  function draw() {
    frame = 0;
    const { tok, options: o } = state;
    if (!tok) return;
    const text = textarea.value;
    const key = `${tok.name}|${o.ws}|${o.ids}|${o.multi}`;
    if (text === state.drawnText && key === state.drawnKey && !state.more) return;
    const ids = tok.encode(text);
    const starts = segmentStarts(tok, ids);
    const segments = starts.length - 1;
    if (text !== state.drawnText) state.target = Math.max(FIRST_DRAW, Math.min(state.target, segments));
    state.more = false;
    count.textContent = o.count
      .replace("{tokens}", ids.length.toLocaleString("en-US"))
      .replace("{characters}", codePoints(text).toLocaleString("en-US"));
    box.classList.toggle("empty", ids.length === 0);
    const drawn = Math.min(segments, state.target);
    const nBlocks = Math.ceil(drawn / BLOCK);
    for (let b = 0; b < nBlocks; b++) {
      const s0 = b * BLOCK;
      const s1 = Math.min(s0 + BLOCK, drawn);
      const lo = starts[s0];
      const hi = starts[s1];
      // A block is redrawn only when its tokens or the options changed.
      const blockKey = `${key}|${s1 - s0}|${ids.slice(lo, hi).join(",")}|${starts.slice(s0, s1 + 1).join(",")}`;
      if (blocks[b]?.key === blockKey) continue;
      let html = "";
      for (let s = s0; s < s1; s++) html += segmentHtml(tok, ids, starts[s], starts[s + 1], (s - s0) % COLOURS, o);
      if (!blocks[b]) {
        const el = document.createElement("span");
        el.className = "blk";
        view.appendChild(el);
        blocks[b] = { key: "", el };
      }
      blocks[b].el.innerHTML = html;
      blocks[b].key = blockKey;
    }
    for (const extra of blocks.splice(nBlocks)) extra.el.remove();
    more.hidden = drawn >= segments;
    more.textContent = o.more.replace("{n}", (segments - drawn).toLocaleString("en-US"));
    tip.hidden = true;
    state.drawnText = text;
    state.drawnKey = key;
    stats.ids = ids;
    stats.encoding = tok.name;
    if (pendingSince !== null) {
      const since = pendingSince;
      pendingSince = null;
      // After this frame is painted: the time from the keystroke to the new colours on screen.
      requestAnimationFrame(() =>
        setTimeout(() => stats.paints.push({ chars: text.length, ms: performance.now() - since }), 0),
      );
    }
  }

  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(draw);
  };

  // "N more segments": drawn on demand, as the view scrolls near its end.
  const grow = () => {
    state.target += FIRST_DRAW;
    state.more = true;
    schedule();
  };
  if (globalThis.IntersectionObserver) {
    new IntersectionObserver((seen) => seen.some((e) => e.isIntersecting) && !more.hidden && grow(), {
      root: scroller,
      rootMargin: "400px",
    }).observe(more);
  }
  more.addEventListener("click", grow);

  textarea.addEventListener("input", (event) => {
    if (pendingSince === null) pendingSince = event.timeStamp;
    schedule();
  });

  // Tap (or click) a token to see its ids next to it; tap again or elsewhere to hide them.
  view.addEventListener("click", (event) => {
    const span = event.target.closest?.("span[data-i]");
    if (!span || span === tip.owner) {
      tip.hidden = true;
      tip.owner = null;
      return;
    }
    tip.textContent = span.title;
    tip.hidden = false;
    tip.owner = span;
    tip.style.left = `${Math.min(span.offsetLeft, Math.max(0, scroller.clientWidth - tip.offsetWidth - 4))}px`;
    tip.style.top = `${span.offsetTop + span.offsetHeight + 2}px`;
  });

  async function update(options) {
    state.options = options;
    if (style.textContent !== options.css) style.textContent = options.css;
    if (!options.vocab) return;
    if (state.wanted !== options.vocab.file) {
      state.wanted = options.vocab.file;
      if (!state.tok || state.tok.name !== options.vocab.name) count.textContent = options.loading;
      try {
        const tok = await loadEncoding(options.vocab);
        if (state.wanted !== options.vocab.file) return; // the user picked another one meanwhile
        state.tok = tok;
      } catch (error) {
        box.hidden = true;
        report({ ok: false, encoding: options.vocab.name, error: String(error?.message ?? error) });
        return;
      }
      box.hidden = false;
      report({ ok: true, encoding: options.vocab.name });
    }
    schedule();
  }

  stats.encode = async (text, vocab) => (await loadEncoding(vocab ?? state.options.vocab)).encode(text);
  return { update };
}
