// The crosswalk review page: decisions made here are kept in this browser (localStorage)
// and downloaded as a CSV that `cwframe crosswalk … --decisions FILE` reads. Every text
// from the corpus is set with textContent: nothing in the data is ever run as markup.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("crosswalk-data").textContent);
  const storeKey = "cwframe-review:" + data.source + "->" + data.target;
  // decision per source: {kind: "accept"|"reject"|"none", target, note}
  let decisions = {};
  try { decisions = JSON.parse(localStorage.getItem(storeKey) || "{}"); } catch (e) { decisions = {}; }
  for (const r of data.records) {  // what was decided before (--decisions), unless changed here
    if (decisions[r.id]) continue;
    if (r.no_counterpart) decisions[r.id] = {kind: "none", target: "", note: r.note || ""};
    const accepted = r.matches.find((m) => m.reviewed);
    if (accepted) decisions[r.id] = {kind: "accept", target: accepted.id, note: accepted.note || ""};
  }
  const list = document.getElementById("sources");
  const cards = [];
  let focus = 0;

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function save() { localStorage.setItem(storeKey, JSON.stringify(decisions)); }
  function decide(id, value) {
    const note = (decisions[id] && decisions[id].note) || "";
    if (value === null) delete decisions[id]; else decisions[id] = Object.assign({note: note}, value);
    save(); paint();
  }
  function best(r) { return r.matches.length ? r.matches[0].relation.split(" ")[0] : "none"; }

  for (const r of data.records) {
    const card = el("div", "src");
    card.dataset.id = r.id;
    card.tabIndex = -1;
    const head = el("div");
    head.append(el("span", "sid", r.id), " ", el("span", "group", r.group || ""));
    card.append(head, el("div", "text", r.text));
    r.matches.forEach((m, i) => {
      const c = el("div", "cand");
      c.dataset.target = m.id;
      const accept = el("button", "acc", "accept " + (i + 1));
      accept.addEventListener("click", () => decide(r.id, {kind: "accept", target: m.id}));
      c.append(accept, el("span", "rel " + m.relation.split(" ")[0], m.relation),
               el("span", "tid", m.id), " " + m.score.toFixed(2));
      c.append(el("div", "", m.text), el("div", "why", m.why));
      card.append(c);
    });
    if (!r.matches.length) card.append(el("div", "why", "no candidate above the threshold"));
    const actions = el("div", "actions");
    const reject = el("button", "rej", "reject all");
    reject.addEventListener("click", () => decide(r.id, {kind: "reject", target: ""}));
    const none = el("button", "no", "no counterpart");
    none.addEventListener("click", () => decide(r.id, {kind: "none", target: ""}));
    const clear = el("button", "clr", "undecide");
    clear.addEventListener("click", () => decide(r.id, null));
    const note = el("input", "note");
    note.placeholder = "note";
    note.setAttribute("aria-label", "note on " + r.id);
    note.addEventListener("input", () => {
      decisions[r.id] = Object.assign({kind: null, target: ""}, decisions[r.id] || {}, {note: note.value});
      save(); paint();
    });
    actions.append(reject, none, clear, note);
    card.append(actions);
    card.addEventListener("click", () => { focus = cards.indexOf(card); paint(); });
    list.append(card);
    cards.push(card);
  }

  const groups = document.getElementById("f-group");
  for (const g of [...new Set(data.records.map((r) => r.group || ""))]) groups.append(el("option", "", g));

  function visible(card) {
    const r = data.records[cards.indexOf(card)];
    const g = groups.value, rel = document.getElementById("f-relation").value;
    const state = document.getElementById("f-state").value;
    const done = !!(decisions[r.id] && decisions[r.id].kind);
    return (!g || (r.group || "") === g) && (!rel || best(r) === rel) &&
      (!state || (state === "reviewed") === done);
  }
  function paint() {
    let reviewed = 0;
    cards.forEach((card, i) => {
      const r = data.records[i];
      const d = decisions[r.id] || {};
      if (d.kind) reviewed += 1;
      card.classList.toggle("done", !!d.kind);
      card.classList.toggle("hidden", !visible(card));
      card.classList.toggle("focus", i === focus);
      card.querySelectorAll(".cand").forEach((c) => {
        c.classList.toggle("accepted", d.kind === "accept" && d.target === c.dataset.target);
        c.classList.toggle("rejected", d.kind === "reject" || d.kind === "none");
        c.querySelector(".acc").classList.toggle("on", d.kind === "accept" && d.target === c.dataset.target);
      });
      card.querySelector(".rej").classList.toggle("on", d.kind === "reject");
      card.querySelector(".no").classList.toggle("on", d.kind === "none");
      const note = card.querySelector(".note");
      if (document.activeElement !== note) note.value = d.note || "";
    });
    document.getElementById("progress").textContent =
      reviewed + " of " + data.records.length + " reviewed";
  }
  ["f-group", "f-relation", "f-state"].forEach((id) => document.getElementById(id).addEventListener("change", paint));

  function move(step) {
    const shown = cards.filter((c) => !c.classList.contains("hidden"));
    if (!shown.length) return;
    const at = shown.indexOf(cards[focus]);
    const next = shown[Math.min(shown.length - 1, Math.max(0, at < 0 ? 0 : at + step))];
    focus = cards.indexOf(next); paint(); next.scrollIntoView({block: "nearest"});
  }
  document.addEventListener("keydown", (event) => {
    if (event.target.tagName === "INPUT" || event.target.tagName === "SELECT") {
      if (event.key === "Escape") event.target.blur();
      return;
    }
    const r = data.records[focus];
    if (event.key === "j" || event.key === "ArrowDown") move(1);
    else if (event.key === "k" || event.key === "ArrowUp") move(-1);
    else if (/^[1-9]$/.test(event.key) && r.matches[Number(event.key) - 1])
      decide(r.id, {kind: "accept", target: r.matches[Number(event.key) - 1].id});
    else if (event.key === "x") decide(r.id, {kind: "reject", target: ""});
    else if (event.key === "n") decide(r.id, {kind: "none", target: ""});
    else if (event.key === "u") decide(r.id, null);
    else if (event.key === "e") { cards[focus].querySelector(".note").focus(); event.preventDefault(); }
    else return;
    event.preventDefault();
  });

  function csvField(value) {
    const text = String(value === undefined || value === null ? "" : value);
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  function decisionsCsv() {
    const lines = [["source", "target", "decision", "note"]];
    // Earlier decisions (--decisions) carry over: a rejection always (unless this page now accepts
    // that very pair), anything else where this page has decided nothing for the source.
    for (const p of data.prior) {
      const d = decisions[p.source];
      const now = d && d.kind;
      if (p.decision === "reject" ? !(now && d.kind === "accept" && d.target === p.target) : !now)
        lines.push([p.source, p.target, p.decision, p.note]);
    }
    for (const r of data.records) {
      const d = decisions[r.id];
      if (!d || !d.kind) continue;
      if (d.kind === "accept") lines.push([r.id, d.target, "accept", d.note]);
      else if (d.kind === "none") lines.push([r.id, "", "no counterpart", d.note]);
      else for (const m of r.matches) lines.push([r.id, m.id, "reject", d.note]);
    }
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
