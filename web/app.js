// Polls /status.json every second and redraws the page; the chart is inline
// SVG built from the document's "history" (no library, no CDN).
"use strict";
(function () {
  // The page's language (html lang: the browser's Accept-Language or ?lang=,
  // chosen by the server) and its translations of every t(msgid) call below
  // (/i18n.json); numbers grouped the same way ("45 234" in French). The
  // documents are asked in that same language.
  const lang = document.documentElement.lang || "en";
  const inLang = (path) => path + "?lang=" + encodeURIComponent(lang);
  let texts = {};
  const t = (msgid) => texts[msgid] || msgid;
  const fill = (msg, value) => msg.replace("{}", value);
  const fmt = (n) => (n === null || n === undefined) ? "–" : Number(n).toLocaleString(lang);
  const fmtRate = (r) => fill(t("{} e/s"),
    Number(r).toLocaleString(lang, {maximumFractionDigits: r < 10 ? 1 : 0}));
  // The states stored by the loader (run.state, workers[].state), in words.
  function stateLabel(state) {
    const labels = {
      running: t("running"), waiting: t("waiting"), slow: t("slow"), stopping: t("stopping"),
      done: t("done"),
      done_with_rejects: t("done with rejects"), stopped: t("stopped"), failed: t("failed"),
      gone: t("gone"),
    };
    return labels[state] || state;
  }
  const $ = (id) => document.getElementById(id);

  function duration(s) {
    if (s === null || s === undefined) return "–";
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    const pad = (x) => String(x).padStart(2, "0");
    if (h > 0) return h + "h " + pad(m) + "m " + pad(sec) + "s";
    if (m > 0) return m + "m " + pad(sec) + "s";
    return sec + "s";
  }

  function cell(tr, text, cls) {
    const td = document.createElement("td");
    td.textContent = text;
    if (cls) td.className = cls;
    tr.appendChild(td);
  }

  function yearRow(y, label, cls) {
    const tr = document.createElement("tr");
    if (cls) tr.className = cls;
    tr.dataset.year = label;
    cell(tr, label);
    cell(tr, fmt(y.expected));
    cell(tr, fmt(y.done));
    cell(tr, Math.floor(y.percent) + "%");
    cell(tr, fmtRate(y.rate));
    cell(tr, duration(y.eta_s));
    // Links to users nulled (user not in the account's users): a part of repaired.
    cell(tr, fmt(y.repaired) + (y.unlinked ? " " + fill(t("({} links nulled)"), fmt(y.unlinked)) : ""));
    cell(tr, fmt(y.rejected));
    cell(tr, y.label + (y.reason ? " — " + y.reason : ""), "state-" + y.state);
    return tr;
  }

  function drawChart(history) {
    const w = 600, h = 200;
    const n = history.length;
    const maxDone = Math.max(1, ...history.map((p) => p.done));
    const maxRate = Math.max(1, ...history.map((p) => p.rate));
    const x = (i) => (n <= 1 ? 0 : (i * w) / (n - 1)).toFixed(1);
    const y = (v, max) => (h - 4 - (v / max) * (h - 8)).toFixed(1);
    $("chart-total").setAttribute("points", history.map((p, i) => x(i) + "," + y(p.done, maxDone)).join(" "));
    $("chart-rate").setAttribute("points", history.map((p, i) => x(i) + "," + y(p.rate, maxRate)).join(" "));
    $("chart").dataset.points = String(n);
  }

  function list(id, items, text) {
    const ul = $(id);
    ul.replaceChildren(...items.map((it) => {
      const li = document.createElement("li");
      li.textContent = text(it);
      return li;
    }));
  }

  // Tables anyone with the project's anon key may reach, with the statements
  // that close them (texts already in the page's language).
  function exposed(items) {
    $("exposed").hidden = items.length === 0;
    $("exposed-list").replaceChildren(...items.map((e) => {
      const li = document.createElement("li");
      const text = document.createElement("p");
      text.textContent = e.text;
      const intro = document.createElement("p");
      intro.textContent = e.fix_intro;
      const fix = document.createElement("pre");
      fix.textContent = e.fix.map((s) => s + ";").join("\n");
      li.append(text, intro, fix);
      li.dataset.table = e.table;
      return li;
    }));
  }

  function render(doc) {
    $("destination").textContent = doc.destination;
    $("status").textContent = doc.status.label;
    $("status").className = "state state-" + doc.status.state;
    $("reason").textContent = doc.status.reason;
    // A destination kept current by sync: last and next sync, lag, rows marked missing.
    const fresh = doc.freshness || {};
    $("freshness").textContent = fresh.text || "";
    $("freshness").className = fresh.stale ? "state-stalled" : "dim";
    $("total-done").textContent = fmt(doc.total.done);
    $("total-done").dataset.value = String(doc.total.done);
    $("total-expected").textContent = "/ " + fmt(doc.total.expected) + " (" + Math.floor(doc.total.percent) + "%)";
    $("rate").textContent = fmtRate(doc.total.rate);
    $("eta").textContent = fill(t("ETA {}"), duration(doc.total.eta_s));
    $("run").textContent = doc.run ? "#" + doc.run.id + " " + stateLabel(doc.run.state) : "–";
    $("uptime").textContent = doc.run ? duration(doc.run.uptime_s) : "";
    const body = $("years").tBodies[0];
    // The timeline's years, then the other streams (clients, pianos, ...) by name.
    const rows = doc.years.map((y) => yearRow(y, String(y.year)))
      .concat((doc.streams || []).map((s) => yearRow(s, s.stream, "stream")));
    if (rows.length > 1) rows.push(yearRow(doc.total, $("years").dataset.totalLabel, "total"));
    body.replaceChildren(...rows);
    list("latest", doc.latest, (e) => e.external_id + "  " + e.type + "  " + e.occurred_at);
    // Every attempt of the run, live or ended (history, not the state now).
    list("workers", doc.workers, (w) => w.worker_id + "  " + fill(t("started {}"), w.started_at) + "  " +
      stateLabel(w.live ? w.state : w.ended) + "  " + duration(w.heartbeat_age_s) +
      (w.reason ? "  " + (w.reason_label || w.reason) : ""));
    exposed(doc.exposed_tables || []);
    drawChart(doc.history);
    $("updated").textContent = doc.time;
  }

  async function poll() {
    try {
      const res = await fetch(inLang("status.json"), {cache: "no-store"});
      if (res.ok) render(await res.json());
    } catch (e) {
      $("reason").textContent = String(e);
    }
    setTimeout(poll, 1000);
  }
  async function start() {
    try {
      const res = await fetch(inLang("i18n.json"));
      if (res.ok) texts = await res.json();
    } catch (e) {
      // English it is: the page still works without its translations.
    }
    poll();
  }
  start();
})();
