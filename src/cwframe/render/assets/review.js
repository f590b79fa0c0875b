// The crosswalk review page: decisions made here are kept in this browser (localStorage)
// and downloaded as a CSV that `cwframe crosswalk … --decisions FILE` reads. Every text
// from the corpus is set with textContent: nothing in the data is ever run as markup.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("crosswalk-data").textContent);
  const storeKey = "cwframe-review-2:" + data.source + "->" + data.target;
  const CYCLE = ["", "strong", "partial", "reject"];
  const targetInfo = new Map(data.targets.map((t) => [t[0], {name: t[1] || "", text: t[2] || ""}]));
  for (const r of data.records) for (const m of r.matches) if (!targetInfo.has(m.id))
    targetInfo.set(m.id, {name: m.name || "", text: m.text});
  // A source's state: {none, verdicts: {target: strong|partial|accepted|reject}, order: [targets], note, by}.
  // seeded[id]: the state the page was given (cwframe's review, your --decisions), to tell changes apart.
  const seeded = {};
  const priorBySource = {};
  for (const p of data.prior) (priorBySource[p.source] = priorBySource[p.source] || []).push(p);
  for (const r of data.records) {
    const s = {none: !!r.no_counterpart, verdicts: {}, order: [], note: r.note || "", by: r.reviewed_by || ""};
    for (const m of r.matches) if (m.reviewed) {
      s.verdicts[m.id] = m.grade || "accepted"; s.order.push(m.id); if (m.note) s.note = m.note;
    }
    for (const id of [r.id, ...r.copies]) for (const p of priorBySource[id] || []) {
      s.by = "you";
      if (p.decision === "reject" && !s.verdicts[p.target]) { s.verdicts[p.target] = "reject"; s.order.push(p.target); }
    }
    seeded[r.id] = s;
  }
  let stored = {};
  try { stored = JSON.parse(localStorage.getItem(storeKey) || "{}"); } catch (e) { stored = {}; }
  const state = {};
  for (const r of data.records) state[r.id] = stored[r.id] || JSON.parse(JSON.stringify(seeded[r.id]));
  const byId = new Map(data.records.map((r, i) => [r.id, i]));
  const list = document.getElementById("sources");
  const cards = [];
  let focus = 0;

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function save() {
    const changed = {};
    for (const r of data.records) if (state[r.id].by === "you") changed[r.id] = state[r.id];
    localStorage.setItem(storeKey, JSON.stringify(changed));
  }
  function accepted(s) { return s.order.filter((t) => s.verdicts[t] && s.verdicts[t] !== "reject"); }
  function decided(s) { return s.none || accepted(s).length > 0; }
  function touch(id, change) {
    const s = state[id];
    if (s.by === "cwframe") s.note = "";  // cwframe's reason does not carry over to a decision of yours
    change(s);
    s.by = "you";
    save(); paint();
  }
  function setVerdict(id, target, verdict) {
    touch(id, (s) => {
      if (!s.order.includes(target)) s.order.push(target);
      if (verdict) s.verdicts[target] = verdict; else delete s.verdicts[target];
      if (verdict && verdict !== "reject") s.none = false;
    });
  }
  function cycle(id, target) {
    const now = state[id].verdicts[target] || "";
    const at = CYCLE.indexOf(now === "accepted" ? "strong" : now);
    setVerdict(id, target, CYCLE[(at + 1) % CYCLE.length]);
  }
  function candidates(r) {  // the page's candidates: decided targets first, then the suggestions
    const s = state[r.id];
    const ids = [...s.order.filter((t) => s.verdicts[t] && s.verdicts[t] !== "reject")];
    for (const m of r.matches) if (!ids.includes(m.id)) ids.push(m.id);
    for (const t of s.order) if (!ids.includes(t)) ids.push(t);
    return ids;
  }
  function matchOf(r, id) { return r.matches.find((m) => m.id === id); }

  function render(card, r) {
    card.replaceChildren();
    const head = el("div");
    head.append(el("span", "sid", r.id), " ", el("span", "group", r.group || ""));
    if (r.copies.length) head.append(el("div", "copies", "decided for every copy: " + r.copies.join(", ")));
    card.append(head, el("div", "text", r.text));
    const s = state[r.id];
    candidates(r).forEach((id, i) => {
      const m = matchOf(r, id);
      const info = targetInfo.get(id) || {name: "", text: ""};
      const c = el("div", "cand");
      c.dataset.target = id;
      const verdict = s.verdicts[id] || "";
      if (verdict) c.classList.add("v-" + verdict);
      const buttons = el("span", "verdicts");
      for (const v of ["strong", "partial", "reject"]) {
        const b = el("button", "v " + v, v);
        b.type = "button";
        b.classList.toggle("on", verdict === v || (v === "strong" && verdict === "accepted"));
        b.addEventListener("click", (event) => { event.stopPropagation(); setVerdict(r.id, id, verdict === v ? "" : v); });
        buttons.append(b);
      }
      c.append(el("span", "num", String(i + 1)), buttons);
      if (m && !m.reviewed) c.append(el("span", "rel " + m.relation.split(" ")[0], m.score.toFixed(2) + " " + m.relation));
      else if (m && m.reviewed) c.append(el("span", "rel reviewed", m.label + (m.reviewed_by === "cwframe" ? " · cwframe" : " · you")));
      else c.append(el("span", "rel added", "added by hand"));
      c.append(el("span", "tid", id));
      c.append(el("div", "", (info.name ? info.name + ": " : "") + (m ? m.text : info.text)));
      if (m && m.reviewed && m.note) c.append(el("div", "reason", "why: " + m.note));
      if (m && m.why) c.append(el("div", "why", m.why));
      card.append(c);
    });
    if (!r.matches.length && !s.order.length)
      card.append(el("div", "why", s.none ? "no counterpart" : "no candidate above the threshold"));
    const actions = el("div", "actions");
    const reject = el("button", "rej", "reject the rest");
    reject.addEventListener("click", () => rejectRest(r));
    const none = el("button", "no", "no counterpart");
    none.classList.toggle("on", s.none);
    none.addEventListener("click", () => touch(r.id, (x) => {
      x.none = !x.none;
      if (x.none) for (const t of Object.keys(x.verdicts)) if (x.verdicts[t] !== "reject") delete x.verdicts[t];
    }));
    const reset = el("button", "clr", "undo changes");
    reset.addEventListener("click", () => { state[r.id] = JSON.parse(JSON.stringify(seeded[r.id])); save(); paint(); });
    const add = el("input", "add");
    add.placeholder = "add a target by id";
    add.setAttribute("list", "target-ids");
    add.setAttribute("aria-label", "add a target to " + r.id);
    add.addEventListener("keydown", (event) => {
      if (event.key !== "Enter") return;
      const id = add.value.trim();
      if (!targetInfo.has(id)) { add.setCustomValidity("not a target id"); add.reportValidity(); return; }
      add.setCustomValidity(""); add.value = "";
      setVerdict(r.id, id, "partial");
    });
    const note = el("input", "note");
    note.placeholder = "note: why";
    note.value = s.note || "";
    note.setAttribute("aria-label", "note on " + r.id);
    note.addEventListener("input", () => { state[r.id].note = note.value; state[r.id].by = "you"; save(); paintOnly(); });
    actions.append(reject, none, reset, add, note);
    card.append(actions);
  }
  function rejectRest(r) {
    touch(r.id, (s) => {
      for (const id of candidates(r)) if (!s.verdicts[id]) { s.verdicts[id] = "reject"; if (!s.order.includes(id)) s.order.push(id); }
    });
  }

  for (const r of data.records) {
    const card = el("div", "src");
    card.dataset.id = r.id;
    card.tabIndex = -1;
    card.addEventListener("click", () => { focus = cards.indexOf(card); paintOnly(); });
    list.append(card);
    cards.push(card);
  }
  const datalist = document.getElementById("target-ids");
  for (const [id, info] of targetInfo) { const o = el("option"); o.value = id; o.label = info.name || info.text.slice(0, 80); datalist.append(o); }
  const groups = document.getElementById("f-group");
  for (const g of [...new Set(data.records.map((r) => r.group || ""))]) groups.append(el("option", "", g));

  function shownAs(r) {
    const s = state[r.id];
    if (decided(s)) return "reviewed";
    return r.matches.length ? r.matches[0].relation.split(" ")[0] : "none";
  }
  function visible(i) {
    const r = data.records[i];
    const s = state[r.id];
    const g = groups.value, rel = document.getElementById("f-relation").value;
    const want = document.getElementById("f-state").value;
    const done = decided(s);
    const stateOk = !want || (want === "reviewed" && done) || (want === "unreviewed" && !done) ||
      (want === "cwframe" && done && s.by === "cwframe") || (want === "you" && s.by === "you");
    return (!g || (r.group || "") === g) && (!rel || shownAs(r) === rel) && stateOk;
  }
  function paintOnly() {
    let reviewed = 0;
    cards.forEach((card, i) => {
      const s = state[data.records[i].id];
      if (decided(s)) reviewed += 1;
      card.classList.toggle("done", decided(s));
      card.classList.toggle("hidden", !visible(i));
      card.classList.toggle("focus", i === focus);
    });
    document.getElementById("progress").textContent = reviewed + " of " + data.records.length + " reviewed";
  }
  function paint() {
    const active = document.activeElement;
    cards.forEach((card, i) => { if (!card.contains(active) || active.tagName !== "INPUT") render(card, data.records[i]); });
    paintOnly();
  }
  ["f-group", "f-relation", "f-state"].forEach((id) => document.getElementById(id).addEventListener("change", paintOnly));

  function showTab(name) {
    for (const t of ["review", "matrix"]) {
      document.getElementById("view-" + t).hidden = t !== name;
      document.getElementById("tab-" + t).setAttribute("aria-selected", String(t === name));
    }
  }
  document.getElementById("tab-review").addEventListener("click", () => showTab("review"));
  document.getElementById("tab-matrix").addEventListener("click", () => showTab("matrix"));

  function move(step) {
    const shown = cards.filter((c) => !c.classList.contains("hidden"));
    if (!shown.length) return;
    const at = shown.indexOf(cards[focus]);
    const next = shown[Math.min(shown.length - 1, Math.max(0, at < 0 ? 0 : at + step))];
    focus = cards.indexOf(next); paintOnly(); next.scrollIntoView({block: "nearest"});
  }
  document.addEventListener("keydown", (event) => {
    if (event.target.tagName === "INPUT" || event.target.tagName === "SELECT") {
      if (event.key === "Escape") event.target.blur();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const r = data.records[focus];
    const ids = candidates(r);
    if (event.key === "j" || event.key === "ArrowDown") move(1);
    else if (event.key === "k" || event.key === "ArrowUp") move(-1);
    else if (/^[1-9]$/.test(event.key) && ids[Number(event.key) - 1]) cycle(r.id, ids[Number(event.key) - 1]);
    else if (event.key === "x") rejectRest(r);
    else if (event.key === "n") cards[focus].querySelector(".no").click();
    else if (event.key === "u") cards[focus].querySelector(".clr").click();
    else if (event.key === "e") cards[focus].querySelector(".note").focus();
    else if (event.key === "a") cards[focus].querySelector(".add").focus();
    else return;
    event.preventDefault();
  });

  function csvField(value) {
    let text = String(value === undefined || value === null ? "" : value);
    // A spreadsheet must never run what a note says: a leading = + - @ (also after spaces, and their
    // full-width forms; tab, CR) is made text by an apostrophe, as every CSV cwframe writes does
    // (cwframe.sheets.safe_cell, tested to agree); one is read off again.
    if (/^[ \u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r']/.test(text)) text = "'" + text;
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  function decisionsCsv() {
    const lines = [["source", "target", "decision", "relation", "note"]];
    const mine = new Set();
    for (const r of data.records) {
      const s = state[r.id];
      if (s.by !== "you") continue;
      for (const id of [r.id, ...r.copies]) mine.add(id);
      if (s.none) lines.push([r.id, "", "no counterpart", "", s.note]);
      for (const t of s.order) {
        const v = s.verdicts[t];
        if (v === "reject") lines.push([r.id, t, "reject", "", s.none || accepted(s).length ? "" : s.note]);
        else if (v) lines.push([r.id, t, "accept", v === "accepted" ? "" : v, s.note]);
      }
    }
    // Earlier decisions (--decisions) on sources this page does not show carry over as they were.
    for (const p of data.prior) if (!mine.has(p.source) && !byId.has(p.source))
      lines.push([p.source, p.target, p.decision, p.relation, p.note]);
    return lines.map((l) => l.map(csvField).join(",")).join("\r\n") + "\r\n";
  }
  document.getElementById("download").addEventListener("click", () => {
    const blob = new Blob([decisionsCsv()], {type: "text/csv"});
    const link = el("a");
    link.href = URL.createObjectURL(blob);
    link.download = data.download;
    document.body.append(link); link.click(); link.remove();
  });
  paint();
})();
