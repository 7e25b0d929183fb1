/* newsextract review page: show each record's items in its text, correct
   them, export the corrections.

   Offsets are code points into the original text, as in the records; the
   browser counts UTF-16 units, so every offset goes through the document's
   code-point array (doc.cps) and text nodes remember the code point they
   start at. The export functions mirror src/newsextract/export.py, which is
   the reference (tests compare the two). */
(function () {
  "use strict";

  const DATA = JSON.parse(document.getElementById("review-data").textContent);
  const LABELS = DATA.labels;
  const KIND = { PERSON: "entity", ORG: "entity", GPE: "entity", LOC: "entity",
    DATE: "date", FIGURE: "figure", POLICY: "policy", TITLE: "title" };
  const ENTITY_LABELS = ["PERSON", "ORG", "GPE", "LOC"];
  const SPAN_KEYS = ["text", "norm", "start", "end"];
  const PINYIN = new RegExp(DATA.pinyin, "gu");
  const UNSAFE_NAME = /[\\/:*?"<>|\x00-\x1f]/g;
  const STORE = "newsextract-review/" + DATA.key;
  const $ = (sel) => document.querySelector(sel);

  // -- documents and items ----------------------------------------------------
  function decodeNorm(norm) {
    const clean = Array.from(norm.clean), starts = [], ends = [];
    let i = 0;
    for (const [count, delta, length] of norm.runs) {
      for (let k = 0; k < count; k++, i++) { starts.push(i + delta); ends.push(i + delta + length); }
    }
    return { clean, starts, ends };
  }

  function snapshot(it) {
    return { label: it.label, start: it.start, end: it.end, value: it.value, unit: it.unit, person: it.person };
  }

  function mkItem(id, label, start, end, extra) {
    const it = Object.assign({ id, label, start, end, value: null, unit: "", person: null, status: "pending",
      src: null }, extra || {});
    it.orig = snapshot(it);
    return it;
  }

  function makeDoc(raw, index) {
    const r = raw.record;
    const doc = { index, record: r, text: raw.text, docId: String(r.doc_id), label: raw.label, reviewed: false, added: 0,
      items: [], personOf: [] };
    // Code points and the clean-text map only when the document is opened or edited.
    let cps = null, norm = null;
    Object.defineProperty(doc, "cps", { get: () => cps || (cps = Array.from(raw.text)) });
    Object.defineProperty(doc, "norm", { get: () => norm || (norm = decodeNorm(raw.norm)) });
    (r.entities || []).forEach((e, i) =>
      doc.items.push(mkItem("e" + i, e.label, e.start, e.end, { src: { list: "entities", i } })));
    (r.dates || []).forEach((d, i) =>
      doc.items.push(mkItem("d" + i, "DATE", d.start, d.end, { value: d.value, src: { list: "dates", i } })));
    (r.figures || []).forEach((f, i) => doc.items.push(mkItem("f" + i, "FIGURE", f.start, f.end,
      { value: f.value, unit: f.unit, src: { list: "figures", i } })));
    (r.policies || []).forEach((p, i) =>
      doc.items.push(mkItem("p" + i, "POLICY", p.start, p.end, { src: { list: "policies", i } })));
    (r.people || []).forEach((p, j) => {
      const person = doc.items.find((it) => it.label === "PERSON" && it.start === p.start && it.end === p.end);
      doc.personOf.push(person ? person.id : null);
      if (p.title !== null && p.title !== undefined) {
        doc.items.push(mkItem("t" + j, "TITLE", p.title_start, p.title_end,
          { person: person ? person.id : null, src: { list: "people", i: j } }));
      }
    });
    return doc;
  }

  const docs = DATA.docs.map(makeDoc);
  let cur = null;          // the open document
  let curItem = null;      // the selected item's id
  const hidden = new Set(); // labels hidden in the text

  const slice = (doc, s, e) => doc.cps.slice(s, e).join("");
  const live = (it) => it.status !== "rejected";
  const byId = (doc, id) => doc.items.find((it) => it.id === id) || null;
  const srcObj = (doc, it) => (it.src ? doc.record[it.src.list][it.src.i] : null);
  const order = (a, b) => a.start - b.start || b.end - a.end || LABELS.indexOf(a.label) - LABELS.indexOf(b.label);

  function changed(it) {
    if (!it.src) return true;
    const o = it.orig;
    return it.label !== o.label || it.start !== o.start || it.end !== o.end || it.value !== o.value ||
      it.unit !== o.unit || it.person !== o.person;
  }

  /** The clean form of the original span [s, e): the clean characters whose
      source lies inside it (review.norm_of in Python). */
  function normOf(doc, s, e) {
    const n = doc.norm;
    let out = "";
    for (let i = 0; i < n.clean.length; i++) if (n.starts[i] >= s && n.ends[i] <= e) out += n.clean[i];
    return out;
  }

  function spanFields(doc, it) {
    return { text: slice(doc, it.start, it.end), norm: normOf(doc, it.start, it.end), start: it.start, end: it.end };
  }

  function dateShape(value) {
    if (value === null || value === undefined || value === "") return { granularity: null, type: null };
    const parts = String(value).split("/");
    const m = /^(?:\d{4}|XXXX)(-\d{2})?(-\d{2})?$/.exec(parts[0]);
    const granularity = !m ? null : m[2] ? "day" : m[1] ? "month" : "year";
    return { granularity, type: parts.length === 2 ? "range" : "date" };
  }

  function isMarked(doc, it) {
    const [open, close] = DATA.title_marks;
    return doc.cps[it.start - 1] === open && doc.cps[it.end] === close;
  }

  function copyExcept(from, to, skip) {
    for (const k of Object.keys(from)) if (!skip.includes(k)) to[k] = from[k];
    return to;
  }

  // -- corrected records --------------------------------------------------------
  /** The record with the corrections applied: unchanged items stay the record's
      own objects, so an untouched document gives back its record (plus text). */
  function correctedRecord(doc) {
    const r = doc.record;
    const errors = (r.errors || []).slice();
    const kindItems = (kind) => doc.items.filter((it) => live(it) && KIND[it.label] === kind)
      .sort((a, b) => a.start - b.start || a.end - b.end);
    const same = (it, list) => it.src && it.src.list === list;

    const entities = kindItems("entity").map((it) => {
      const src = srcObj(doc, it);
      if (same(it, "entities") && !changed(it)) return src;
      const o = Object.assign(spanFields(doc, it), { label: it.label, stage: "review" });
      if (same(it, "entities") && it.label === it.orig.label) copyExcept(src, o, SPAN_KEYS.concat(["label", "stage"]));
      return o;
    });
    const dates = kindItems("date").map((it) => {
      const src = srcObj(doc, it);
      if (same(it, "dates") && !changed(it)) return src;
      const o = Object.assign(spanFields(doc, it), { value: it.value === "" ? null : it.value });
      if (same(it, "dates") && it.value === it.orig.value) {
        copyExcept(src, o, SPAN_KEYS.concat(["value"]));
      } else {
        const shape = dateShape(o.value);
        o.granularity = shape.granularity;
        o.type = shape.type || (same(it, "dates") && ["relative", "vague", "duration"].includes(src.type) ? src.type : "vague");
      }
      return o;
    });
    const figures = [];
    for (const it of kindItems("figure")) {
      const src = srcObj(doc, it);
      if (same(it, "figures") && !changed(it)) { figures.push(src); continue; }
      if (typeof it.value !== "number" || !isFinite(it.value)) {
        errors.push(`review: figure ${JSON.stringify(slice(doc, it.start, it.end))} at ${it.start}-${it.end} has no value; left out`);
        continue;
      }
      const o = Object.assign(spanFields(doc, it), { value: it.value, unit: it.unit || "" });
      if (same(it, "figures")) copyExcept(src, o, SPAN_KEYS.concat(["value", "unit"].concat(it.value === it.orig.value ? [] : ["value_max"])));
      figures.push(o);
    }
    const policies = kindItems("policy").map((it) => {
      const src = srcObj(doc, it);
      if (same(it, "policies") && !changed(it)) return src;
      const o = spanFields(doc, it);
      o.norm = o.norm.replace(/\s+/gu, "");
      o.marked = isMarked(doc, it);
      if (same(it, "policies")) copyExcept(src, o, SPAN_KEYS.concat(["marked"]));
      return o;
    });

    // People: each live PERSON that had a people entry or has a live post.
    const livePerson = (id) => { const p = id && byId(doc, id); return p && live(p) && p.label === "PERSON" ? p : null; };
    const titleOf = new Map();
    for (const t of kindItems("title")) if (livePerson(t.person) && !titleOf.has(t.person)) titleOf.set(t.person, t);
    const people = [], done = new Set();
    const setTitle = (o, t) => {
      const f = spanFields(doc, t);
      Object.assign(o, { title: f.text, title_norm: f.norm, title_start: f.start, title_end: f.end });
    };
    (r.people || []).forEach((p, j) => {
      const own = byId(doc, "t" + j);
      let P = null, T;
      if (doc.personOf[j] === null) {
        // A person without a PERSON item (not in the records made here): only the post can change.
        T = own && live(own) && own.label === "TITLE" && own.person === null ? own : null;
      } else {
        P = livePerson(doc.personOf[j]);
        if (!P || done.has(P.id)) return;
        done.add(P.id);
        T = titleOf.get(P.id) || null;
      }
      const titleSame = T ? T === own && !changed(T) : p.title === null || p.title === undefined;
      const nameSame = !P || (P.start === P.orig.start && P.end === P.orig.end);
      if (titleSame && nameSame) { people.push(p); return; }
      const f = P ? spanFields(doc, P) : { text: p.name, norm: p.norm, start: p.start, end: p.end };
      const o = { name: f.text, norm: f.norm, start: f.start, end: f.end, title: null };
      if (T) setTitle(o, T);
      copyExcept(p, o, ["name", "norm", "start", "end", "title", "title_norm", "title_start", "title_end"]);
      people.push(o);
    });
    for (const [pid, T] of titleOf) {
      if (done.has(pid)) continue;
      const f = spanFields(doc, byId(doc, pid));
      const o = { name: f.text, norm: f.norm, start: f.start, end: f.end, title: null };
      setTitle(o, T);
      people.push(o);
    }
    people.sort((a, b) => a.start - b.start);

    const out = {};
    const replaced = { entities, dates, figures, policies, people, errors,
      authors: people.filter((p) => p.role).map((p) => ({ name: p.name, role: p.role })) };
    for (const k of Object.keys(r)) out[k] = k in replaced ? replaced[k] : r[k];
    for (const k of Object.keys(replaced)) if (!(k in out)) out[k] = replaced[k];
    out.text = doc.text;
    return out;
  }

  // -- exports (mirror export.py) ---------------------------------------------------
  const cleanStr = (s) => s.replace(PINYIN, "");
  const byStart = (list) => (list || []).slice().sort((a, b) => a.start - b.start);

  function canonical(v) {
    if (v !== null && typeof v === "object") return "{" + Object.keys(v).sort().map((k) => k + ":" + canonical(v[k])).join(",") + "}";
    if (typeof v === "number") return String(v);
    return JSON.stringify(v);
  }

  function distinct(entries, key) {
    const seen = new Set(), out = [];
    for (const x of entries) {
      const k = canonical(key ? key(x) : x);
      if (!seen.has(k)) { seen.add(k); out.push(x); }
    }
    return out;
  }

  const hasValue = (d) => d.value !== null && d.value !== undefined && d.value !== "";

  function toGold(rec) {
    const ents = byStart(rec.entities), gold = {};
    for (const lab of ENTITY_LABELS) gold[lab] = distinct(ents.filter((e) => e.label === lab).map((e) => cleanStr(e.text)));
    gold.DATE = distinct(byStart(rec.dates).filter(hasValue).map((d) => ({ text: cleanStr(d.text), value: d.value })));
    gold.FIGURE = distinct(byStart(rec.figures).map((f) => ({ text: cleanStr(f.text), value: f.value, unit: f.unit })));
    gold.POLICY = distinct(byStart(rec.policies).map((p) => cleanStr(p.text)));
    gold.PERSON_TITLE = distinct(byStart(rec.people).filter((p) => p.title)
      .map((p) => ({ name: cleanStr(p.name), title: cleanStr(p.title) })), (x) => x.name);
    return { doc_id: rec.doc_id, url: (rec.source || {}).url ?? null, published: rec.published ?? null,
      text: rec.text, gold };
  }

  function spans(rec) {
    const out = [];
    for (const e of rec.entities || []) out.push([e.start, e.end, e.label, e.text]);
    for (const d of rec.dates || []) out.push([d.start, d.end, "DATE", d.text]);
    for (const f of rec.figures || []) out.push([f.start, f.end, "FIGURE", f.text]);
    for (const p of rec.policies || []) out.push([p.start, p.end, "POLICY", p.text]);
    for (const p of rec.people || []) if (p.title !== null && p.title !== undefined) out.push([p.title_start, p.title_end, "TITLE", p.title]);
    return out;
  }

  function labelledSpans(rec, flat) {
    const out = spans(rec).filter((s) => s[2] !== "DATE").map((s) => [s[0], s[1], s[2]]);
    for (const d of rec.dates || []) if (hasValue(d)) out.push([d.start, d.end, "DATE"]);
    const seen = new Set();
    const all = out.filter((s) => { const k = s.join("\u0000"); if (seen.has(k)) return false; seen.add(k); return true; })
      .sort((a, b) => a[0] - b[0] || a[1] - b[1] || LABELS.indexOf(a[2]) - LABELS.indexOf(b[2]));
    if (!flat) return all;
    // No overlaps: the label listed first wins (names before posts), then the longer span.
    const taken = [], kept = new Set();
    const byRank = all.slice().sort((a, b) => LABELS.indexOf(a[2]) - LABELS.indexOf(b[2]) || (b[1] - b[0]) - (a[1] - a[0]) || a[0] - b[0]);
    for (const sp of byRank) {
      let free = true;
      for (let i = sp[0]; i < sp[1] && free; i++) if (taken[i]) free = false;
      if (!free) continue;
      kept.add(sp);
      for (let i = sp[0]; i < sp[1]; i++) taken[i] = true;
    }
    return all.filter((sp) => kept.has(sp));
  }

  /** Code-point offset -> UTF-16 code unit offset in `text` (export.utf16_offsets). */
  function utf16Offsets(text) {
    const units = [0];
    for (const c of text) units.push(units[units.length - 1] + c.length);
    return (i) => units[i];
  }

  function toDoccano(rec, opts) {
    const o = Object.assign({ offsets: "utf16", flat: false }, opts || {});
    const conv = o.offsets === "utf16" ? utf16Offsets(rec.text) : (i) => i;
    return { doc_id: rec.doc_id, text: rec.text, label: labelledSpans(rec, o.flat).map(([s, e, lab]) => [conv(s), conv(e), lab]) };
  }

  function toLabelStudio(rec) {
    const cps = Array.from(rec.text);
    const result = labelledSpans(rec).map(([s, e, lab], n) => ({ id: "r" + n, from_name: "label", to_name: "text",
      type: "labels", value: { start: s, end: e, text: cps.slice(s, e).join(""), labels: [lab] } }));
    return { data: { text: rec.text, doc_id: rec.doc_id, published: rec.published ?? null,
      url: (rec.source || {}).url ?? null }, predictions: [{ model_version: DATA.schema, result }] };
  }

  function goldFilenames(ids) {
    const used = new Set();
    return ids.map((id) => {
      let base = String(id).replace(UNSAFE_NAME, "_");
      if (!base || base.startsWith(".")) base = "_" + base;
      let name = base, n = 1;
      while (used.has(name.toLowerCase())) { n += 1; name = base + "-" + n; }
      used.add(name.toLowerCase());
      return name + ".json";
    });
  }

  // A zip of stored (uncompressed) files: the gold folder in one download.
  const CRC_TABLE = (() => {
    const t = new Uint32Array(256);
    for (let n = 0; n < 256; n++) { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; t[n] = c >>> 0; }
    return t;
  })();
  function crc32(bytes) {
    let c = 0xffffffff;
    for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  }
  function zip(files) {
    const enc = new TextEncoder(), chunks = [], central = [];
    let offset = 0;
    const header = (size) => { const b = new DataView(new ArrayBuffer(size)); return b; };
    for (const f of files) {
      const name = enc.encode(f.name), data = enc.encode(f.text), crc = crc32(data);
      const h = header(30);
      h.setUint32(0, 0x04034b50, true); h.setUint16(4, 20, true); h.setUint16(6, 0x0800, true);
      h.setUint16(8, 0, true); h.setUint16(10, 0, true); h.setUint16(12, 0x21, true);
      h.setUint32(14, crc, true); h.setUint32(18, data.length, true); h.setUint32(22, data.length, true);
      h.setUint16(26, name.length, true); h.setUint16(28, 0, true);
      chunks.push(h.buffer, name, data);
      const c = header(46);
      c.setUint32(0, 0x02014b50, true); c.setUint16(4, 20, true); c.setUint16(6, 20, true); c.setUint16(8, 0x0800, true);
      c.setUint16(10, 0, true); c.setUint16(12, 0, true); c.setUint16(14, 0x21, true); c.setUint32(16, crc, true);
      c.setUint32(20, data.length, true); c.setUint32(24, data.length, true); c.setUint16(28, name.length, true);
      c.setUint32(42, offset, true);
      central.push(c.buffer, name);
      offset += 30 + name.length + data.length;
    }
    const cdSize = central.reduce((n, b) => n + b.byteLength, 0);
    const end = header(22);
    end.setUint32(0, 0x06054b50, true); end.setUint16(8, files.length, true); end.setUint16(10, files.length, true);
    end.setUint32(12, cdSize, true); end.setUint32(16, offset, true);
    return new Blob(chunks.concat(central, [end.buffer]), { type: "application/zip" });
  }

  function download(name, blob) {
    const url = URL.createObjectURL(blob), a = document.createElement("a");
    a.href = url; a.download = name; document.body.appendChild(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  function exportAs(fmt) {
    const chosen = $("#reviewed-only").checked ? docs.filter((d) => d.reviewed) : docs;
    const recs = chosen.map(correctedRecord);
    const lines = (f) => new Blob([recs.map((r) => JSON.stringify(f(r)) + "\n").join("")], { type: "application/x-ndjson" });
    if (fmt === "records") download("reviewed-records.jsonl", lines((r) => r));
    else if (fmt === "doccano") {
      const opts = { offsets: $("#doccano-offsets").value, flat: $("#doccano-flat").checked };
      download("doccano.jsonl", lines((r) => toDoccano(r, opts)));
    }
    else if (fmt === "labelstudio") {
      download("labelstudio.json", new Blob([JSON.stringify(recs.map(toLabelStudio), null, 1) + "\n"], { type: "application/json" }));
    } else if (fmt === "gold") {
      const names = goldFilenames(recs.map((r) => r.doc_id));
      download("gold.zip", zip(recs.map((r, i) => ({ name: "gold/" + names[i], text: JSON.stringify(toGold(r), null, 1) + "\n" }))));
    }
  }

  // -- keeping corrections in the browser ------------------------------------------
  function save() {
    const state = {};
    for (const d of docs) {
      const items = d.items.filter((it) => it.status !== "pending" || changed(it)).map((it) =>
        ({ id: it.id, label: it.label, start: it.start, end: it.end, value: it.value, unit: it.unit, person: it.person, status: it.status }));
      if (items.length || d.reviewed) state[d.docId] = { reviewed: d.reviewed, added: d.added, items };
    }
    try { localStorage.setItem(STORE, JSON.stringify(state)); } catch (e) { /* storage off: the session still works */ }
  }

  function restore() {
    let state = null;
    try { state = JSON.parse(localStorage.getItem(STORE) || "null"); } catch (e) { state = null; }
    if (!state) return;
    for (const d of docs) {
      const s = state[d.docId];
      if (!s) continue;
      d.reviewed = !!s.reviewed; d.added = s.added || 0;
      for (const saved of s.items || []) {
        let it = byId(d, saved.id);
        if (!it) { it = mkItem(saved.id, saved.label, saved.start, saved.end); it.orig = {}; d.items.push(it); }
        Object.assign(it, { label: saved.label, start: saved.start, end: saved.end, value: saved.value,
          unit: saved.unit, person: saved.person, status: saved.status });
      }
    }
  }

  // -- rendering the text -------------------------------------------------------------
  let textNodes = [];             // [node, code point where it starts] in text order
  const nodeStart = new WeakMap();

  function itemEl(it, tag, cls) {
    const el = document.createElement(tag);
    el.className = cls;
    el.dataset.item = it.id;
    el.dataset.status = it.status;
    if (!it.src) el.classList.add("added");
    if ((it.label === "FIGURE" && typeof it.value !== "number") || (it.label === "DATE" && !hasValue(it))) el.classList.add("novalue");
    if (it.id === curItem) el.classList.add("current");
    return el;
  }

  /** Items that nest become nested <mark>s, one per item. An item that crosses
      an open one cannot be one element of the running text: it is drawn as
      .seg pieces and gets its one data-label element in #doc-ghosts. */
  function renderText() {
    const doc = cur, box = $("#doc-text"), ghosts = $("#doc-ghosts");
    box.textContent = ""; ghosts.textContent = "";
    textNodes = [];
    const root = { item: { start: 0, end: doc.cps.length }, children: [] };
    const stack = [root], crossing = [];
    for (const it of doc.items.slice().sort(order)) {
      while (stack.length > 1 && stack[stack.length - 1].item.end <= it.start) stack.pop();
      const top = stack[stack.length - 1];
      if (it.end <= top.item.end) { const node = { item: it, children: [] }; top.children.push(node); stack.push(node); } else crossing.push(it);
    }
    const cuts = new Set();
    for (const it of crossing) { cuts.add(it.start); cuts.add(it.end); }
    const emitText = (parent, a, b) => {
      const points = [a].concat([...cuts].filter((c) => c > a && c < b).sort((x, y) => x - y), [b]);
      for (let k = 0; k + 1 < points.length; k++) {
        const x = points[k], y = points[k + 1];
        if (x >= y) continue;
        const node = document.createTextNode(slice(doc, x, y));
        nodeStart.set(node, x); textNodes.push([node, x]);
        let outer = node;
        for (const it of crossing.filter((c) => c.start <= x && c.end >= y)) {
          const seg = itemEl(it, "span", "seg");
          seg.dataset.segLabel = it.label;
          seg.appendChild(outer); outer = seg;
        }
        parent.appendChild(outer);
      }
    };
    const emit = (parent, node, from, to) => {
      let pos = from;
      for (const child of node.children) {
        emitText(parent, pos, child.item.start);
        const it = child.item, el = itemEl(it, "mark", "hl");
        Object.assign(el.dataset, { label: it.label, start: it.start, end: it.end });
        emit(el, child, it.start, it.end);
        parent.appendChild(el);
        pos = it.end;
      }
      emitText(parent, pos, to);
    };
    emit(box, root, 0, doc.cps.length);
    for (const it of crossing) {
      const el = itemEl(it, "mark", "hl ghost");
      Object.assign(el.dataset, { label: it.label, start: it.start, end: it.end });
      el.textContent = slice(doc, it.start, it.end);
      ghosts.appendChild(el);
    }
    box.className = [...hidden].map((l) => "hide-" + l).join(" ");
  }

  /** Code-point offset of a DOM point inside #doc-text, or null. */
  function pointToCp(node, offset) {
    if (node.nodeType === Node.TEXT_NODE && nodeStart.has(node)) {
      return nodeStart.get(node) + Array.from(node.data.slice(0, offset)).length;
    }
    const probe = document.createRange();
    try { probe.setStart(node, offset); } catch (e) { return null; }
    for (const [t, start] of textNodes) if (probe.comparePoint(t, 0) >= 0) return start;
    return cur.cps.length;
  }

  function selectionCp() {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const r = sel.getRangeAt(0), box = $("#doc-text");
    if (!box.contains(r.startContainer) || !box.contains(r.endContainer)) return null;
    const start = pointToCp(r.startContainer, r.startOffset), end = pointToCp(r.endContainer, r.endOffset);
    if (start === null || end === null || end <= start) return null;
    return { start, end };
  }

  // -- item editing ----------------------------------------------------------------------
  /** After an edit: kept and drawn again. An edit is not an acceptance: the
      item keeps its status (it shows as changed); accepting is its own act. */
  function touch(it) {
    save(); refresh();
  }

  function setLabel(it, label) {
    if (it.label === label) return;
    const kind = KIND[label];
    it.label = label;
    if (kind === KIND[it.orig.label]) { it.value = it.orig.value; it.unit = it.orig.unit; } else { it.value = null; it.unit = ""; }
    it.person = kind === "title" ? (it.orig.label === "TITLE" && it.orig.person) || nearestPerson(it) : null;
    touch(it);
  }

  function nearestPerson(t) {
    let best = null, bestD = Infinity;
    for (const p of cur.items) {
      if (p.label !== "PERSON" || !live(p)) continue;
      const d = p.start >= t.end ? p.start - t.end : p.end <= t.start ? t.start - p.end + 0.5 : 0;
      if (d < bestD) { best = p; bestD = d; }
    }
    return best ? best.id : null;
  }

  /** The span [s, e) widened to whole characters of the clean text: those
      whose source overlaps it (a character with its pinyin annotation inside
      the span stays whole); null when none does (only an annotation, as
      "lián" in 聯(lián), is selected: nothing the pipeline reads). */
  function snapSpan(doc, s, e) {
    const n = doc.norm;
    let lo = 0, hi = n.ends.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (n.ends[mid] > s) hi = mid; else lo = mid + 1; }
    let a = Infinity, b = -Infinity;
    for (let i = lo; i < n.starts.length && n.starts[i] < e; i++) {
      if (n.ends[i] > s) { a = Math.min(a, n.starts[i]); b = Math.max(b, n.ends[i]); }
    }
    return a < b ? { start: a, end: b } : null;
  }

  /** The nearest place after (dir 1) or before (dir -1) `pos` where a clean
      character's source starts (which "start") or ends (which "end"). */
  function nextBoundary(doc, pos, dir, which) {
    const list = which === "start" ? doc.norm.starts : doc.norm.ends;
    let best = null;
    for (const x of list) {
      if (dir > 0 && x > pos && (best === null || x < best)) best = x;
      if (dir < 0 && x < pos && (best === null || x > best)) best = x;
    }
    return best;
  }

  function notify(message) {
    const box = $("#notice");
    box.textContent = message; box.hidden = false;
    clearTimeout(notify.timer);
    notify.timer = setTimeout(() => { box.hidden = true; }, 6000);
  }

  function addItem(label, start, end) {
    const snapped = snapSpan(cur, start, end);
    if (!snapped) {
      window.getSelection().removeAllRanges(); hidePicker();
      notify("Not added: the selection holds no character of the text the pipeline reads (only a pinyin annotation or removed noise).");
      return;
    }
    ({ start, end } = snapped);
    const it = mkItem("n" + cur.added++, label, start, end);
    it.orig = {};
    it.status = "accepted";
    if (label === "TITLE") it.person = nearestPerson(it);
    cur.items.push(it);
    curItem = it.id;
    window.getSelection().removeAllRanges();
    hidePicker();
    save(); refresh();
    scrollToItem(it.id);
  }

  /** New boundaries, on whole characters of the clean text (snapSpan). */
  function setBounds(it, start, end) {
    start = Math.max(0, Math.min(start, cur.cps.length));
    end = Math.max(0, Math.min(end, cur.cps.length));
    if (end <= start) return;
    const snapped = snapSpan(cur, start, end);
    if (!snapped) { notify("Not moved: no character of the text the pipeline reads would be left in the item."); return; }
    it.start = snapped.start; it.end = snapped.end;
    touch(it);
  }

  /** Move one boundary by one character of the clean text ([ ] { } and the editor's arrows). */
  function moveBound(it, which, dir) {
    const pos = which === "start" ? it.start : it.end;
    const to = nextBoundary(cur, pos, dir, which);
    if (to === null) return;
    if (which === "start") { if (to < it.end) setBounds(it, to, it.end); } else if (to > it.start) setBounds(it, it.start, to);
  }

  function reset(it) {
    if (!it.src) { cur.items = cur.items.filter((x) => x !== it); curItem = null; save(); refresh(); return; }
    Object.assign(it, it.orig, { status: "pending" });
    save(); refresh();
  }

  function setStatus(it, status) {
    it.status = it.status === status && status === "rejected" ? "pending" : status;
    save(); refresh();
  }

  // -- rendering the rest ----------------------------------------------------------------
  /** replaceChildren with the null parts left out (it would print "null"). */
  function fill(parent, ...kids) { parent.replaceChildren(...kids.filter((k) => k !== null && k !== undefined)); }

  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v; else if (k === "dataset") Object.assign(e.dataset, v);
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
    }
    for (const k of kids) if (k !== null && k !== undefined) e.append(k);
    return e;
  }

  // The record's title, else what review.py made of the text (its headline
  // or the start of its first line of text, page furniture skipped).
  const docTitle = (d) => d.record.title || d.label || d.docId;

  function counts(d) {
    const c = {};
    for (const it of d.items) if (live(it)) c[it.label] = (c[it.label] || 0) + 1;
    return c;
  }

  function renderLegend() {
    const c = cur ? counts(cur) : {};
    fill($("#legend"), ...LABELS.map((lab, i) => el("span", {
      class: "chip lab-" + lab + (hidden.has(lab) ? " off" : ""), dataset: { legend: lab },
      title: `${lab}: key ${i + 1}; click to hide or show`,
      onclick: () => { hidden.has(lab) ? hidden.delete(lab) : hidden.add(lab); renderLegend(); renderText(); },
    }, lab, el("small", {}, String(c[lab] || 0)))));
  }

  function renderList() {
    const q = $("#filter-text").value.trim().toLowerCase(), lab = $("#filter-label").value, st = $("#filter-status").value;
    const shown = docs.filter((d) => {
      if (st === "done" && !d.reviewed) return false;
      if (st === "todo" && d.reviewed) return false;
      if (lab && !d.items.some((it) => live(it) && it.label === lab)) return false;
      return !q || d.docId.toLowerCase().includes(q) || docTitle(d).toLowerCase().includes(q) || d.text.toLowerCase().includes(q);
    });
    fill($("#doc-list"), ...shown.map(listEntry));
    $("#doc-count").textContent = `${shown.length} of ${docs.length} documents`;
    renderProgress();
  }

  function listEntry(d) {
    const c = counts(d);
    return el("li", { dataset: { docId: d.docId }, class: (d === cur ? "active" : ""), onclick: () => openDoc(d) },
      el("span", { class: "doc-title" + (d.reviewed ? " done" : "") }, docTitle(d)),
      el("span", { class: "doc-id" }, d.docId),
      el("span", { class: "counts" }, ...LABELS.filter((l) => c[l]).map((l) => el("span", { class: "count lab-" + l, title: l }, `${l} ${c[l]}`))));
  }

  function renderProgress() {
    $("#progress").textContent = `${docs.filter((d) => d.reviewed).length} / ${docs.length} reviewed`;
  }

  function renderHead() {
    const d = cur, r = d.record, src = r.source || {};
    const url = typeof src.url === "string" && /^https?:\/\//.test(src.url) ? el("a", { href: src.url, rel: "noreferrer noopener", target: "_blank" }, src.url) : null;
    fill($("#doc-head"), 
      el("h2", {}, docTitle(d)),
      el("div", { class: "meta" }, el("span", {}, "id " + d.docId), r.published ? el("span", {}, "published " + r.published) : null,
        src.path ? el("span", {}, src.path) : null, url),
      (r.errors || []).length ? el("div", { class: "errors" }, r.errors.join("; ")) : null,
      el("div", { class: "actions" },
        el("button", { type: "button", id: "mark-reviewed", onclick: () => markReviewed(!d.reviewed) }, d.reviewed ? "Reviewed ✓ (undo)" : "Mark reviewed (Enter)"),
        el("button", { type: "button", onclick: () => step(-1) }, "← previous (p)"),
        el("button", { type: "button", onclick: () => step(1) }, "next (n) →"),
        d.reviewed ? el("span", { class: "reviewed" }, "reviewed") : null));
  }

  function valueText(it) {
    if (it.label === "DATE") return it.value === null || it.value === undefined ? "no value" : String(it.value);
    if (it.label === "FIGURE") return typeof it.value === "number" ? `${it.value} ${it.unit || ""}`.trim() : "value?";
    if (it.label === "TITLE") { const p = it.person && byId(cur, it.person); return p ? "of " + slice(cur, p.start, p.end) : "no person"; }
    return "";
  }

  const statusMark = (it) => (it.status === "accepted" ? "✓" : it.status === "rejected" ? "✗" : "");

  /** A label's items grouped by their clean text (and value): 龍口市 nine times is one entry. */
  function groups(d, its) {
    const byKey = new Map();
    for (const it of its) {
      const key = normOf(d, it.start, it.end) + "\u0000" + valueText(it);
      if (!byKey.has(key)) byKey.set(key, []);
      byKey.get(key).push(it);
    }
    return [...byKey.values()];
  }

  function groupEntry(d, mentions) {
    const first = mentions[0], n = mentions.length;
    const cls = (mentions.every((it) => it.status === "rejected") ? "rejected" : "") +
      (mentions.some((it) => it.id === curItem) ? " current" : "");
    // Clicking the entry selects its next mention after the current one.
    const next = () => {
      const i = mentions.findIndex((it) => it.id === curItem);
      selectItem(mentions[(i + 1) % n].id, true);
    };
    const attrs = { class: cls, dataset: { group: first.label + ":" + normOf(d, first.start, first.end) } };
    if (n === 1) attrs.dataset.item = first.id;
    const marks = new Set(mentions.map(statusMark));
    return el("li", Object.assign(attrs, { onclick: next }),
      el("span", { class: "mark" }, marks.size === 1 ? statusMark(first) : "±"),
      el("span", { class: "t" }, slice(d, first.start, first.end)),
      n > 1 ? el("span", { class: "n", title: `${n} mentions` }, "×" + n) : null,
      el("span", { class: "v" }, valueText(first)),
      n > 1 ? el("span", { class: "mentions" }, ...mentions.map((it, k) => el("a", {
        dataset: { item: it.id }, title: `${slice(d, it.start, it.end)} at ${it.start}`,
        class: "mention" + (it.id === curItem ? " current" : "") + (it.status === "rejected" ? " rejected" : ""),
        onclick: (e) => { e.stopPropagation(); selectItem(it.id, true); } }, String(k + 1)))) : null);
  }

  function renderPanel() {
    const d = cur, sections = [];
    for (const lab of LABELS) {
      const its = d.items.filter((it) => it.label === lab).sort(order);
      if (!its.length) continue;
      const grouped = groups(d, its);
      sections.push(el("section", {}, el("h3", {}, el("span", { class: "chip lab-" + lab }, lab), String(its.filter(live).length),
        grouped.length < its.length ? el("small", { class: "distinct" }, `${grouped.length} distinct`) : null),
      el("ul", {}, ...grouped.map((mentions) => groupEntry(d, mentions)))));
    }
    const people = correctedRecord(d).people;
    if (people.length) {
      sections.push(el("section", {}, el("h3", {}, "People", String(people.length)), el("ul", {}, ...people.map((p) => {
        const item = d.items.find((it) => it.label === "PERSON" && live(it) && it.start === p.start && it.end === p.end);
        return el("li", { onclick: () => item && selectItem(item.id, true) }, el("span", { class: "t" }, p.name),
          el("span", { class: "v" }, p.title || "no post"));
      }))));
    }
    fill($("#panel"), ...sections);
  }

  function cardRows(it) {
    const rows = [["text", slice(cur, it.start, it.end)], ["offsets", `${it.start}–${it.end}`]];
    const src = srcObj(cur, it), same = src && KIND[it.label] === KIND[it.orig.label];
    if (it.label === "DATE" || it.label === "FIGURE") rows.push(["value", valueText(it)]);
    if (it.label === "FIGURE" && it.unit) rows.push(["unit", it.unit]);
    if (same) {
      for (const k of ["norm", "code", "level", "province", "city", "country", "current_name", "granularity", "type", "resolved",
        "duration", "kind", "currency", "value_max", "qualifier", "marked", "issuer", "number", "issued"]) {
        if (src[k] !== undefined && src[k] !== null && !(k === "norm" && src[k] === src.text)) rows.push([k, String(src[k])]);
      }
    }
    if (it.label === "PERSON") {
      const rec = correctedRecord(cur);
      const p = rec.people.find((x) => x.start === it.start && x.end === it.end);
      if (p) { rows.push(["post", p.title || "—"]); if (p.role) rows.push(["role", p.role]); if (p.org) rows.push(["org", p.org]); }
    }
    if (it.label === "TITLE") rows.push(["person", valueText(it).replace(/^of /, "")]);
    if (it.label === "TITLE" && same && src.org) rows.push(["org", src.org]);
    // One stage row: the record's stage, or what the review did to the item.
    if (!it.src) rows.push(["stage", "added in review"]);
    else if (changed(it)) rows.push(["stage", "changed in review"]);
    else if (src && src.stage) rows.push(["stage", String(src.stage)]);
    rows.push(["status", it.status]);
    return rows;
  }

  function renderEditor() {
    const it = curItem && byId(cur, curItem);
    if (!it) {
      fill($("#editor"), el("h3", {}, "Item"), el("p", { class: "empty" },
        "Click an item, or select text and press 1–8 to add one. ? for the keys."));
      return;
    }
    const labelSel = el("select", { id: "edit-label", onchange: (e) => setLabel(it, e.target.value) },
      ...LABELS.map((l, i) => { const o = el("option", { value: l }, `${i + 1} ${l}`); if (l === it.label) o.selected = true; return o; }));
    const btn = (text, title, fn) => el("button", { type: "button", title, onclick: fn }, text);
    const rows = [
      el("div", { class: "row" }, labelSel, el("span", { class: "status " + it.status }, it.status),
        !it.src ? el("span", { class: "status" }, "added") : changed(it) ? el("span", { class: "status" }, "changed") : null),
      el("div", { class: "row" }, el("strong", {}, slice(cur, it.start, it.end))),
      el("div", { class: "row" }, "start", btn("◀", "start left ([)", () => moveBound(it, "start", -1)),
        el("span", {}, String(it.start)), btn("▶", "start right (])", () => moveBound(it, "start", 1)),
        "end", btn("◀", "end left ({)", () => moveBound(it, "end", -1)), el("span", {}, String(it.end)),
        btn("▶", "end right (})", () => moveBound(it, "end", 1)),
        btn("selection", "set the boundaries to the selected text (b)", () => boundsFromSelection(it))),
    ];
    if (it.label === "DATE") {
      rows.push(el("div", { class: "row" }, "value", el("input", { type: "text", id: "edit-value", value: it.value ?? "",
        placeholder: "2023-12-08, 2023-12, 2021/2025", onchange: (e) => { it.value = e.target.value.trim() || null; touch(it); } })));
      if (!hasValue(it)) rows.push(el("div", { class: "warn" }, "no value: not a gold DATE"));
    } else if (it.label === "FIGURE") {
      rows.push(el("div", { class: "row" }, "value", el("input", { type: "text", id: "edit-value", value: it.value ?? "", inputmode: "decimal",
        onchange: (e) => { const v = e.target.value.trim(); it.value = v === "" || !isFinite(Number(v)) ? null : Number(v); touch(it); } }),
      "unit", el("input", { type: "text", id: "edit-unit", value: it.unit || "", onchange: (e) => { it.unit = e.target.value.trim(); touch(it); } })));
      if (typeof it.value !== "number") rows.push(el("div", { class: "warn" }, "needs a number: left out of the exports until it has one"));
    } else if (it.label === "TITLE") {
      const persons = cur.items.filter((p) => p.label === "PERSON" && live(p)).sort(order);
      rows.push(el("div", { class: "row" }, "post of", el("select", { id: "edit-person", onchange: (e) => { it.person = e.target.value || null; touch(it); } },
        el("option", { value: "" }, "—"), ...persons.map((p) => { const o = el("option", { value: p.id }, `${slice(cur, p.start, p.end)} (${p.start})`); if (p.id === it.person) o.selected = true; return o; }))));
    }
    rows.push(el("div", { class: "row" }, btn("Accept (a)", "", () => setStatus(it, "accepted")),
      btn(it.status === "rejected" ? "Unreject (x)" : "Reject (x)", "", () => setStatus(it, "rejected")),
      btn(it.src ? "Reset (u)" : "Remove (u)", "", () => reset(it))));
    rows.push(el("table", {}, ...cardRows(it).filter((r) => !["text", "status", "offsets"].includes(r[0])).map(([k, v]) => el("tr", {}, el("td", {}, k), el("td", {}, v)))));
    fill($("#editor"), el("h3", { class: "lab-" + it.label }, "Item"), ...rows);
  }

  /** After an edit: the open document's parts and its entry in the list (the
      whole list is drawn again only when it is filtered or another document opens). */
  function refresh() {
    renderText(); renderPanel(); renderEditor(); renderLegend(); renderHead();
    const li = document.querySelector(`#doc-list li.active`);
    if (li) li.replaceWith(listEntry(cur)); else renderList();
    renderProgress();
  }

  function openDoc(d) {
    cur = d; curItem = null;
    hidePicker(); hideCard();
    renderList();
    refresh();
    $("#view").scrollTop = 0;
    const li = document.querySelector(`#doc-list li.active`);
    if (li) li.scrollIntoView({ block: "nearest" });
  }

  function step(delta) {
    const i = cur.index + delta;
    if (i >= 0 && i < docs.length) openDoc(docs[i]);
  }

  function markReviewed(flag) {
    cur.reviewed = flag; save();
    if (flag) {
      const next = docs.slice(cur.index + 1).concat(docs.slice(0, cur.index)).find((d) => !d.reviewed);
      if (next) { openDoc(next); return; }
    }
    refresh();
  }

  function scrollToItem(id) {
    const target = document.querySelector(`#doc-text [data-item="${id}"]`);
    if (!target) return;
    target.scrollIntoView({ block: "center" });
    target.classList.remove("flash"); void target.offsetWidth; target.classList.add("flash");
  }

  function selectItem(id, scroll) {
    curItem = id;
    renderText(); renderPanel(); renderEditor();
    if (scroll) scrollToItem(id);
  }

  function moveSelection(delta) {
    const its = cur.items.slice().sort(order);
    if (!its.length) return;
    const i = its.findIndex((it) => it.id === curItem);
    const j = i < 0 ? (delta > 0 ? 0 : its.length - 1) : Math.max(0, Math.min(its.length - 1, i + delta));
    selectItem(its[j].id, true);
  }

  function boundsFromSelection(it) {
    const s = selectionCp();
    if (s) { window.getSelection().removeAllRanges(); hidePicker(); setBounds(it, s.start, s.end); }
  }

  // -- hover card and label picker -----------------------------------------------------------
  function hideCard() { $("#card").hidden = true; }
  function showCard(target) {
    const it = byId(cur, target.dataset.item);
    if (!it) return;
    const card = $("#card");
    card.className = "lab-" + it.label;
    fill(card, el("div", { class: "card-label" }, it.label),
      el("table", {}, ...cardRows(it).map(([k, v]) => el("tr", {}, el("td", {}, k), el("td", {}, v)))));
    card.hidden = false;
    const r = target.getBoundingClientRect(), w = card.offsetWidth, h = card.offsetHeight;
    card.style.left = Math.max(4, Math.min(r.left, window.innerWidth - w - 4)) + "px";
    card.style.top = (r.bottom + 6 + h > window.innerHeight ? r.top - h - 6 : r.bottom + 6) + "px";
  }

  function hidePicker() { $("#picker").hidden = true; }
  function showPicker() {
    const s = selectionCp(), picker = $("#picker");
    if (!s) { hidePicker(); return; }
    const it = curItem && byId(cur, curItem);
    fill(picker, ...LABELS.map((lab, i) => el("button", { type: "button", class: "lab-" + lab, dataset: { add: lab },
      onmousedown: (e) => { e.preventDefault(); const sel = selectionCp(); if (sel) addItem(lab, sel.start, sel.end); } }, `${i + 1} ${lab}`)),
    it ? el("button", { type: "button", onmousedown: (e) => { e.preventDefault(); boundsFromSelection(it); } }, "b: bounds of current") : null);
    const r = window.getSelection().getRangeAt(0).getBoundingClientRect();
    picker.hidden = false;
    picker.style.left = Math.max(4, Math.min(r.left, window.innerWidth - picker.offsetWidth - 4)) + "px";
    picker.style.top = Math.max(4, r.top - picker.offsetHeight - 6) + "px";
  }

  // -- events -----------------------------------------------------------------------------------
  const textBox = $("#doc-text");
  textBox.addEventListener("mouseover", (e) => { const t = e.target.closest("[data-item]"); if (t) showCard(t); });
  textBox.addEventListener("mouseout", (e) => { if (!e.relatedTarget || !textBox.contains(e.relatedTarget) || !e.relatedTarget.closest("[data-item]")) hideCard(); });
  textBox.addEventListener("click", (e) => {
    if (!window.getSelection().isCollapsed) return;
    const t = e.target.closest("[data-item]");
    if (t) selectItem(t.dataset.item, false);
  });
  // The picker follows the selection, however it was made (mouse, keyboard, script).
  let pickerTimer = null;
  document.addEventListener("selectionchange", () => {
    clearTimeout(pickerTimer);
    if (!selectionCp()) { hidePicker(); return; }
    pickerTimer = setTimeout(showPicker, 120);
  });
  document.querySelectorAll("[data-export]").forEach((b) => b.addEventListener("click", () => exportAs(b.dataset.export)));
  $("#discard").addEventListener("click", () => {
    if (!confirm("Forget every correction made on this page in this browser?")) return;
    try { localStorage.removeItem(STORE); } catch (e) { /* nothing kept */ }
    location.reload();
  });
  $("#help-button").addEventListener("click", () => { $("#help").hidden = false; });
  $("#help-close").addEventListener("click", () => { $("#help").hidden = true; });
  ["#filter-text", "#filter-label", "#filter-status"].forEach((s) => $(s).addEventListener("input", renderList));

  document.addEventListener("keydown", (e) => {
    const tag = (e.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "select" || tag === "textarea") {
      if (e.key === "Escape") e.target.blur();
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey || !cur) return;
    const it = curItem && byId(cur, curItem);
    const k = e.key;
    let done = true;
    if (/^[1-9]$/.test(k) && Number(k) <= LABELS.length) {
      const lab = LABELS[Number(k) - 1], s = selectionCp();
      if (s) addItem(lab, s.start, s.end); else if (it) setLabel(it, lab);
    } else if (k === "j" || k === "ArrowDown") moveSelection(1);
    else if (k === "k" || k === "ArrowUp") moveSelection(-1);
    else if (k === "a" && it) setStatus(it, "accepted");
    else if ((k === "x" || k === "Delete" || k === "Backspace") && it) setStatus(it, "rejected");
    else if (k === "u" && it) reset(it);
    else if (k === "[" && it) moveBound(it, "start", -1);
    else if (k === "]" && it) moveBound(it, "start", 1);
    else if (k === "{" && it) moveBound(it, "end", -1);
    else if (k === "}" && it) moveBound(it, "end", 1);
    else if (k === "b" && it) boundsFromSelection(it);
    else if (k === "e" && it) { const v = $("#edit-value") || $("#edit-person"); if (v) v.focus(); }
    else if (k === "Enter") markReviewed(true);
    else if (k === "n") step(1);
    else if (k === "p") step(-1);
    else if (k === "/") $("#filter-text").focus();
    else if (k === "?") $("#help").hidden = !$("#help").hidden;
    else if (k === "Escape") { $("#help").hidden = true; hidePicker(); window.getSelection().removeAllRanges(); curItem = null; renderText(); renderPanel(); renderEditor(); }
    else done = false;
    if (done) e.preventDefault();
  });

  // -- start ---------------------------------------------------------------------------------------
  $("#page-title").textContent = DATA.title;
  for (const lab of LABELS) $("#filter-label").append(el("option", { value: lab }, lab));
  restore();
  if (docs.length) openDoc(docs[0]); else { renderLegend(); renderList(); }
  // For scripts and tests: the exports as data, without a download.
  window.newsextractReview = { correctedRecord: (i) => correctedRecord(docs[i]), toGold, toDoccano, toLabelStudio, goldFilenames,
    docIds: () => docs.map((d) => d.docId) };
})();
