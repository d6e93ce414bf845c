// bilateral workbench: hover and click on highlighted facts, row filters, the graph explorer.
// Every string from the record is set with textContent, never parsed as markup.
"use strict";

function el(tag, attrs, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function svgEl(tag, attrs) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  return node;
}

// -- a document: the fact panel ---------------------------------------------------------------
function initDocument() {
  const data = document.getElementById("facts-data");
  const text = document.getElementById("doc-text");
  if (!data || !text) return;
  const facts = new Map(JSON.parse(data.textContent).map((f) => [f.id, f]));
  const body = document.getElementById("fact-body");
  const hint = document.getElementById("fact-hint");
  let pinned = null;

  function show(span) {
    body.replaceChildren();
    const ids = (span.dataset.facts || "").split(" ").filter(Boolean);
    for (const id of ids) {
      const f = facts.get(id);
      if (!f) continue;
      const box = el("div", { class: "fact " + f.kind });
      box.appendChild(el("div", { class: "kind" }, f.kind));
      const label = el("div", { class: "label" });
      if (f.link) {
        const a = el("a", { href: f.link }, f.label);
        label.appendChild(a);
      } else {
        label.textContent = f.label;
      }
      box.appendChild(label);
      if (f.fields.length) {
        const dl = el("dl");
        for (const [k, v] of f.fields) {
          dl.appendChild(el("dt", {}, k));
          dl.appendChild(el("dd", {}, v));
        }
        box.appendChild(dl);
      }
      body.appendChild(box);
    }
    if (hint) hint.hidden = ids.length > 0;
  }

  function mark(span, on) {
    for (const s of text.querySelectorAll(".hl.active")) s.classList.remove("active");
    if (on && span) {
      // Light up every piece that shares a fact with this one: a fact may span many pieces.
      const ids = new Set((span.dataset.facts || "").split(" "));
      for (const s of text.querySelectorAll(".hl[data-facts]")) {
        if (s.dataset.facts.split(" ").some((i) => ids.has(i))) s.classList.add("active");
      }
    }
  }

  text.addEventListener("mouseover", (ev) => {
    const span = ev.target.closest(".hl[data-facts]");
    if (!span || pinned) return;
    show(span);
    mark(span, true);
  });
  text.addEventListener("click", (ev) => {
    const span = ev.target.closest(".hl[data-facts]");
    if (!span) { pinned = null; mark(null, false); return; }
    pinned = pinned === span ? null : span;
    show(span);
    mark(span, true);
  });
  text.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && ev.target.matches(".hl[data-facts]")) ev.target.click();
  });
  text.addEventListener("focusin", (ev) => {
    if (ev.target.matches(".hl[data-facts]") && !pinned) show(ev.target);
  });
  for (const box of document.querySelectorAll(".legend input[data-kind]")) {
    box.addEventListener("change", () => {
      document.body.classList.toggle("hide-" + box.dataset.kind, !box.checked);
    });
  }
  const target = document.getElementById("target");
  if (target && target.dataset.facts) { show(target); }
}

// -- tables: filter the rows of this page as you type -------------------------------------------
function initRowFilters() {
  for (const input of document.querySelectorAll("input.row-filter")) {
    const table = document.getElementById(input.dataset.table);
    if (!table) continue;
    // The filter is instant and client-side; Enter must not submit the server form.
    input.addEventListener("keydown", (ev) => { if (ev.key === "Enter") ev.preventDefault(); });
    input.addEventListener("input", () => {
      const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      for (const row of table.tBodies[0].rows) {
        const text = row.textContent.toLowerCase();
        row.classList.toggle("filtered-out", !words.every((w) => text.includes(w)));
      }
    });
    input.removeAttribute("name");
  }
}

// -- entity pickers: suggestions from /api/complete as you type ---------------------------------
function initPickers() {
  for (const input of document.querySelectorAll("input[data-complete]")) {
    const list = document.getElementById(input.getAttribute("list"));
    if (!list) continue;
    let timer = null;
    let asked = "";
    input.addEventListener("input", () => {
      clearTimeout(timer);
      const typed = input.value.trim();
      if (!typed || typed === asked) return;
      timer = setTimeout(() => {
        asked = typed;
        const params = new URLSearchParams({ q: typed, limit: "12" });
        if (input.dataset.complete) params.set("type", input.dataset.complete);
        fetch("/api/complete?" + params.toString(), { headers: { Accept: "application/json" } })
          .then((r) => (r.ok ? r.json() : { items: [] }))
          .then((body) => {
            if (input.value.trim() !== typed) return;
            // A name two suggestions share goes in as the id, which names one of them only.
            const count = new Map();
            for (const s of body.items) count.set(s.name, (count.get(s.name) || 0) + 1);
            list.replaceChildren(...body.items.map((s) => {
              const alias = s.match !== s.name ? ` · “${s.match}”` : "";
              const value = count.get(s.name) > 1 ? s.id : s.name;
              return el("option", { value }, `${s.type} · ${s.documents} documents${alias}`);
            }));
          })
          .catch(() => {});
      }, 120);
    });
  }
}

// -- the graph explorer --------------------------------------------------------------------------
const TYPE_COLOURS = { country: "#2f6fb0", person: "#d9822b", organization: "#7b52ab", place: "#3a9b5c" };

function layout(nodes, edges, width, height) {
  // A small force layout: repulsion between all nodes, springs along edges, a pull to the centre.
  // Deterministic start on a circle so the same data draws the same picture.
  const n = nodes.length;
  nodes.forEach((d, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, n);
    d.x = width / 2 + (width / 3) * Math.cos(angle);
    d.y = height / 2 + (height / 3) * Math.sin(angle);
  });
  const index = new Map(nodes.map((d, i) => [d.id, i]));
  const links = edges
    .filter((e) => index.has(e.source) && index.has(e.target))
    .map((e) => ({ s: index.get(e.source), t: index.get(e.target), w: e.weight }));
  const maxW = Math.max(1, ...links.map((l) => l.w));
  const k = Math.sqrt((width * height) / Math.max(1, n)) * 0.75;
  for (let step = 0; step < 300; step++) {
    const heat = 0.1 * (1 - step / 300) + 0.005;
    const fx = new Float64Array(n), fy = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let dx = nodes[i].x - nodes[j].x, dy = nodes[i].y - nodes[j].y;
        let d2 = dx * dx + dy * dy;
        if (d2 < 0.01) { dx = 0.1 * (i - j); dy = 0.1; d2 = dx * dx + dy * dy; }
        const f = (k * k) / d2;
        fx[i] += dx * f; fy[i] += dy * f; fx[j] -= dx * f; fy[j] -= dy * f;
      }
    }
    for (const l of links) {
      const a = nodes[l.s], b = nodes[l.t];
      const dx = b.x - a.x, dy = b.y - a.y;
      const d = Math.sqrt(dx * dx + dy * dy) || 0.1;
      const f = (d / k) * (0.3 + 0.7 * (l.w / maxW));
      fx[l.s] += dx * f; fy[l.s] += dy * f; fx[l.t] -= dx * f; fy[l.t] -= dy * f;
    }
    for (let i = 0; i < n; i++) {
      fx[i] += (width / 2 - nodes[i].x) * 0.05;
      fy[i] += (height / 2 - nodes[i].y) * 0.05;
      const len = Math.sqrt(fx[i] * fx[i] + fy[i] * fy[i]) || 1;
      const move = Math.min(len, heat * width);
      nodes[i].x += (fx[i] / len) * move;
      nodes[i].y += (fy[i] / len) * move;
    }
  }
  // Fit into the box with a margin for labels.
  const xs = nodes.map((d) => d.x), ys = nodes.map((d) => d.y);
  const minX = Math.min(...xs), maxX = Math.max(...xs), minY = Math.min(...ys), maxY = Math.max(...ys);
  const sx = (width - 220) / Math.max(1, maxX - minX), sy = (height - 70) / Math.max(1, maxY - minY);
  for (const d of nodes) {
    d.x = 40 + (d.x - minX) * sx;
    d.y = 35 + (d.y - minY) * sy;
  }
  return links;
}

function initGraph() {
  const svg = document.getElementById("graph");
  if (!svg) return;
  const params = new URLSearchParams();
  if (svg.dataset.type) params.set("type", svg.dataset.type);
  if (svg.dataset.entity) params.set("entity", svg.dataset.entity);
  params.set("ties", svg.dataset.ties || "40");
  const title = document.getElementById("graph-title");
  const list = document.getElementById("graph-neighbours");
  const hint = document.getElementById("graph-hint");
  if (svg.dataset.error) { hint.textContent = ""; return; }
  fetch("/api/graph?" + params.toString(), { headers: { Accept: "application/json" } })
    .then((r) => r.json().then((body) => ({ ok: r.ok, body })))
    .then(({ ok, body }) => {
      if (!ok) { hint.textContent = body.error || "the graph could not be loaded"; return; }
      draw(body.nodes, body.edges);
      if (body.nodes.length) {
        hint.textContent = `The ${body.edges.length} strongest of ${body.total_edges} ties, ` +
          `between ${body.nodes.length} entities. Click a node.`;
      }
    })
    .catch(() => { hint.textContent = "the graph could not be loaded"; });

  function draw(nodes, edges) {
    svg.replaceChildren();
    if (!nodes.length) { hint.textContent = "No entities to draw."; return; }
    const links = layout(nodes, edges, 1000, 640);
    const maxDocs = Math.max(1, ...nodes.map((d) => d.documents));
    const maxW = Math.max(1, ...links.map((l) => l.w));
    const edgeLayer = svgEl("g"), weightLayer = svgEl("g"), nodeLayer = svgEl("g");
    svg.append(edgeLayer, weightLayer, nodeLayer);
    const byEnds = new Map(edges.map((e) => [e.source + "\u0000" + e.target, e]));
    function edgeOf(l) {
      const a = nodes[l.s].id, b = nodes[l.t].id;
      return byEnds.get(a + "\u0000" + b) || byEnds.get(b + "\u0000" + a) || { documents: 0, events: 0 };
    }
    const radius = nodes.map((d) => 4 + 12 * Math.sqrt(d.documents / maxDocs));
    // Labels go where they overlap no circle and no other label: each node's name on its right,
    // else left, above or below (the most connected placed first); a weight half-way along its
    // edge when there is room (it is also in the edge's tooltip and the neighbours' list).
    const taken = nodes.map((d, i) => box(d.x - radius[i], d.y - radius[i], 2 * radius[i], 2 * radius[i]));
    function box(x, y, w, h) { return { x, y, w, h }; }
    function free(b) {
      if (b.x < 0 || b.y < 0 || b.x + b.w > 1000 || b.y + b.h > 640) return false;
      return !taken.some((t) => b.x < t.x + t.w && t.x < b.x + b.w && b.y < t.y + t.h && t.y < b.y + b.h);
    }
    const lines = links.map((l) => {
      const line = svgEl("line", {
        class: "edge", x1: nodes[l.s].x, y1: nodes[l.s].y, x2: nodes[l.t].x, y2: nodes[l.t].y,
        "stroke-width": 0.6 + 4 * (l.w / maxW),
      });
      const tip = svgEl("title");
      tip.textContent = `${nodes[l.s].name} – ${nodes[l.t].name}: ${edgeOf(l).documents} documents, ${edgeOf(l).events} events`;
      line.appendChild(tip);
      edgeLayer.appendChild(line);
      return line;
    });
    const degree = new Map();
    links.forEach((l) => {
      degree.set(l.s, (degree.get(l.s) || 0) + l.w);
      degree.set(l.t, (degree.get(l.t) || 0) + l.w);
    });
    const placed = new Map();
    [...nodes.keys()]
      .sort((a, b) => (degree.get(b) || 0) - (degree.get(a) || 0))
      .forEach((i) => {
        const d = nodes[i], r = radius[i], w = 6.4 * d.name.length + 4, h = 14;
        const spots = [
          [d.x + r + 3, d.y - h / 2], [d.x - r - 3 - w, d.y - h / 2],
          [d.x - w / 2, d.y - r - 2 - h], [d.x - w / 2, d.y + r + 2],
          [d.x + r + 3, d.y - h - 2], [d.x + r + 3, d.y + 2],
          [d.x - r - 3 - w, d.y - h - 2], [d.x - r - 3 - w, d.y + 2],
        ];
        const spot = spots.find(([x, y]) => free(box(x, y, w, h))) || spots[0];
        taken.push(box(spot[0], spot[1], w, h));
        placed.set(i, spot);
      });
    links
      .map((l, j) => [l, j])
      .sort((p, q) => q[0].w - p[0].w)
      .forEach(([l]) => {
        const x = (nodes[l.s].x + nodes[l.t].x) / 2, y = (nodes[l.s].y + nodes[l.t].y) / 2;
        const w = 5.5 * String(l.w).length + 4, b = box(x - w / 2, y - 6, w, 11);
        if (!free(b)) return;
        taken.push(b);
        const t = svgEl("text", { class: "weight", x, y: y + 3 });
        t.textContent = String(l.w);
        weightLayer.appendChild(t);
      });
    const groups = nodes.map((d, i) => {
      const g = svgEl("g", { class: "node", "data-id": d.id, tabindex: 0, role: "button" });
      const r = radius[i];
      g.appendChild(svgEl("circle", { cx: d.x, cy: d.y, r, fill: TYPE_COLOURS[d.type] || "#777" }));
      const tip = svgEl("title");
      tip.textContent = `${d.name} (${d.type}, ${d.documents} documents)`;
      g.appendChild(tip);
      const [lx, ly] = placed.get(i);
      const label = svgEl("text", { class: "label", x: lx + 2, y: ly + 11 });
      label.textContent = d.name;
      g.appendChild(label);
      g.addEventListener("click", () => select(i));
      g.addEventListener("keydown", (ev) => { if (ev.key === "Enter") select(i); });
      nodeLayer.appendChild(g);
      return g;
    });

    function select(i) {
      const near = new Map();
      links.forEach((l, j) => {
        const on = l.s === i || l.t === i;
        lines[j].classList.toggle("on", on);
        if (on) near.set(l.s === i ? l.t : l.s, links[j]);
      });
      groups.forEach((g, j) => {
        g.classList.toggle("dim", j !== i && !near.has(j));
        g.classList.toggle("sel", j === i);
      });
      const d = nodes[i];
      title.replaceChildren();
      title.appendChild(el("a", { href: "/entities/" + encodeURIComponent(d.id).replace(/%3A/g, ":") }, d.name));
      hint.textContent = `${d.type} · ${d.documents} documents · ${near.size} neighbours`;
      list.replaceChildren();
      [...near.entries()]
        .sort((a, b) => b[1].w - a[1].w)
        .forEach(([j, l]) => {
          const item = el("li");
          const link = el("a", { href: "#", "data-node": j }, nodes[j].name);
          link.addEventListener("click", (ev) => { ev.preventDefault(); select(j); });
          item.appendChild(link);
          const edge = edges.find((e) =>
            (e.source === d.id && e.target === nodes[j].id) || (e.target === d.id && e.source === nodes[j].id));
          const detail = edge ? ` ${edge.documents} documents, ${edge.events} events` : "";
          item.appendChild(el("small", { class: "muted" }, detail));
          list.appendChild(item);
        });
    }
  }
}

document.addEventListener("DOMContentLoaded", () => {
  initDocument();
  initRowFilters();
  initPickers();
  initGraph();
});
