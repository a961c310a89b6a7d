// The page of `reportlint --format html`: draws the list, the chart and each report's details from
// the JSON blocks above. Every text from a report goes in through textContent or title, never as HTML.
"use strict";
(function () {
  var PAGE_SIZE = 50;
  var WORDS = JSON.parse(document.getElementById("words").textContent);
  var FIRST = WORDS.lang, LANG = FIRST, W, STATUS, COLS;  // the language the page was written in, and shown in
  var DRAW = JSON.parse(document.getElementById("drawings").textContent);
  var namesBlock = document.getElementById("names");
  var META = namesBlock ? JSON.parse(namesBlock.textContent) : { names: {}, skipped: 0 };
  var R = Array.prototype.map.call(document.querySelectorAll("script.s"), function (s) {
    return JSON.parse(s.textContent);
  });
  function useLang(lang) {
    LANG = lang; W = WORDS[lang];
    STATUS = { clean: W.clean, warnings: W.warnings_only, errors: W.errors_st, unreadable: W.unreadable };
    COLS = [["a", W.agency], ["k", W.kind], ["y", W.year], ["p", W.pack], ["f", W.file],
            ["e", W.errors], ["w", W.warnings], ["s", W.status]];
  }
  // a text the report gave in both languages: `a` in the page's first language, `b` in the other
  function said(o, a, b) { return LANG === FIRST || o[b] === undefined ? o[a] : o[b]; }
  useLang(FIRST);
  var RANK = { clean: 0, warnings: 1, errors: 2, unreadable: 3 };
  var state = { sort: null, desc: false, filter: "", status: "", page: 0, open: {} };

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === "class") e.className = attrs[k]; else e.setAttribute(k, attrs[k]);
    });
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function fmt(s, vars) { return s.replace(/\{(\w+)\}/g, function (_, k) { return vars[k]; }); }

  // ---- chart of the most frequent problems
  function chart() {
    var counts = {}, reports = {};
    R.forEach(function (r) {
      Object.keys(r.c).forEach(function (code) {
        counts[code] = (counts[code] || 0) + r.c[code];
        reports[code] = (reports[code] || 0) + 1;
      });
    });
    var codes = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || (a < b ? -1 : 1); });
    var box = document.getElementById("chart");
    box.appendChild(el("h2", null, W.frequent));
    if (!codes.length) { box.appendChild(el("p", { class: "muted" }, W.none)); return; }
    var max = counts[codes[0]];
    codes.slice(0, 12).forEach(function (code) {
      var bar = el("div", { class: "bar", "data-code": code });
      bar.title = code + " " + (META.names[code] || "") + ": " + counts[code] + " × / " + reports[code] + " " + W.reports;
      bar.appendChild(el("span", { class: "k" }, code + " " + (META.names[code] || "")));
      var b = el("span", { class: "b" });
      b.style.width = Math.max(1, Math.round(300 * counts[code] / max)) + "px";
      bar.appendChild(b);
      bar.appendChild(el("span", null, counts[code] + " (" + reports[code] + " " + W.reports + ")"));
      bar.addEventListener("click", function () { setFilter(code); });
      box.appendChild(bar);
    });
  }

  // ---- the list of reports
  var input, select, tbody, pager, count;

  function matches(r) {
    if (state.status && r.s !== state.status) return false;
    if (!state.filter) return true;
    var q = state.filter.toLowerCase();
    if (String(r.a || "").toLowerCase().indexOf(q) >= 0 || String(r.f).toLowerCase().indexOf(q) >= 0) return true;
    return Object.keys(r.c).some(function (code) { return code.toLowerCase().indexOf(q) === 0; });
  }
  function key(r, k) { return k === "s" ? RANK[r.s] : r[k]; }
  function compare(a, b) {
    var x = key(a, state.sort), y = key(b, state.sort);
    var nx = x === null || x === undefined, ny = y === null || y === undefined;
    if (nx || ny) return nx === ny ? a.i - b.i : (nx ? 1 : -1);
    var c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "zh-CN");
    return (state.desc ? -c : c) || a.i - b.i;
  }
  function rows() {
    var list = R.filter(matches);
    if (state.sort) list.sort(compare);
    return list;
  }
  function setFilter(q) { input.value = q; state.filter = q; state.page = 0; render(); }

  function list() {
    var box = document.getElementById("list");
    var tools = el("div", { class: "tools" });
    input = el("input", { type: "search", id: "filter", placeholder: W.filter });
    input.addEventListener("input", function () { state.filter = input.value.trim(); state.page = 0; render(); });
    select = el("select", { id: "status" });
    select.appendChild(el("option", { value: "" }, W.all));
    Object.keys(STATUS).forEach(function (s) { select.appendChild(el("option", { value: s }, STATUS[s])); });
    select.addEventListener("change", function () { state.status = select.value; state.page = 0; render(); });
    count = el("span", { id: "shown", class: "muted" });
    tools.appendChild(input); tools.appendChild(select); tools.appendChild(count);
    tools.appendChild(el("span", { class: "muted" }, W.open));
    box.appendChild(tools);
    var table = el("table", { class: "list", id: "reports" });
    var head = el("tr");
    COLS.forEach(function (c) {
      var th = el("th", { "data-key": c[0] }, c[1]);
      th.addEventListener("click", function () {
        if (state.sort === c[0]) state.desc = !state.desc;
        else { state.sort = c[0]; state.desc = c[0] === "e" || c[0] === "w" || c[0] === "s"; }
        state.page = 0; render();
      });
      head.appendChild(th);
    });
    table.appendChild(el("thead")).appendChild(head);
    tbody = table.appendChild(el("tbody"));
    box.appendChild(table);
    pager = el("div", { class: "pager" });
    box.appendChild(pager);
  }

  function render() {
    var all = rows(), pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
    state.page = Math.min(state.page, pages - 1);
    count.textContent = fmt(W.shown, { n: all.length });
    document.querySelectorAll("table.list th").forEach(function (th) {
      th.className = th.getAttribute("data-key") === state.sort ? (state.desc ? "desc" : "asc") : "";
    });
    tbody.textContent = "";
    all.slice(state.page * PAGE_SIZE, (state.page + 1) * PAGE_SIZE).forEach(function (r) {
      var tr = el("tr", { class: "report", "data-index": r.i });
      COLS.forEach(function (c) {
        var k = c[0], td;
        if (k === "s") {
          td = el("td", { class: "st-" + r.s }, STATUS[r.s]);
          if (r.r) td.appendChild(el("span", { class: "reason" }, said(r, "r", "ro")));
        } else if (k === "k") {
          td = el("td", { class: "nw" }, r.k ? (W["k_" + r.k] || r.k) + (r.ks === false ? W.assumed : "") : "");
        } else td = el("td", { class: k === "e" || k === "w" || k === "y" ? "num" : k === "p" ? "nw" : "" }, r[k]);
        tr.appendChild(td);
      });
      tr.tabIndex = 0;
      tr.addEventListener("click", function () { state.open[r.i] = !state.open[r.i]; render(); });
      tr.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); state.open[r.i] = !state.open[r.i]; render(); }
      });
      tbody.appendChild(tr);
      if (state.open[r.i]) {
        var dtr = el("tr", { class: "details" }), td = el("td", { colspan: COLS.length, class: "detail" });
        details(r, td);
        dtr.appendChild(td); tbody.appendChild(dtr);
      }
    });
    pager.textContent = "";
    var prev = el("button", { type: "button", id: "prev" }, W.prev), next = el("button", { type: "button", id: "next" }, W.next);
    prev.disabled = state.page === 0; next.disabled = state.page >= pages - 1;
    prev.addEventListener("click", function () { state.page--; render(); });
    next.addEventListener("click", function () { state.page++; render(); });
    pager.appendChild(prev);
    pager.appendChild(el("span", null, fmt(W.page, { p: state.page + 1, n: pages })));
    pager.appendChild(next);
  }

  // ---- one report: its findings and its tables drawn as in the format
  function placeText(p) {
    if (!p) return "";
    var parts = p[0][0] === "tables" || p[0][0] === "sections" ? p[0].slice(1) : p[0];
    return parts.join(" › ");
  }
  function details(r, box) {
    var d = JSON.parse(document.getElementById("d" + r.i).textContent);
    box.appendChild(el("h2", null, (r.a || r.f) + " — " + W.findings));
    if (!d.F.length) box.appendChild(el("p", { class: "muted" }, W.none));
    else {
      var t = el("table", { class: "findings" }), h = el("tr");
      [W.code, W.severity, W.message, W.place].forEach(function (x) { h.appendChild(el("th", null, x)); });
      t.appendChild(h);
      d.F.forEach(function (f) {
        var tr = el("tr");
        tr.appendChild(el("td", { title: f.n }, f.c));
        tr.appendChild(el("td", { class: "sev-" + f.s }, W[f.s] || f.s));
        tr.appendChild(el("td", null, said(f, "m", "o")));
        tr.appendChild(el("td", null, f.w || placeText(f.p) || fmt(W.line, { n: f.l })));
        t.appendChild(tr);
      });
      box.appendChild(t);
    }
    if (d.L === undefined) return;
    var layoutBlock = document.getElementById("L" + d.L);
    if (!layoutBlock) return;
    var layout = JSON.parse(layoutBlock.textContent);
    box.appendChild(el("h2", null, W.tables));
    layout.forEach(function (table, n) { box.appendChild(drawTable(table, d.V[n] || [], d.F)); });
  }

  // marks[row path + "\u0000" + column] (a cell) or marks[row path + "\u0000"] (a whole row)
  function marks(table, findings) {
    var rowsByPath = {};
    table.rows.forEach(function (row) { rowsByPath[row[0]] = row; });
    var out = {};
    function where(p) {
      if (!p || p[0][0] !== "tables" || p[0][1] !== table.id) return null;
      var rest = p[0].slice(2);
      if (rest.length > 1) {
        var row = rowsByPath[rest.slice(0, -1).join("/")];
        if (row && row[4].indexOf(rest[rest.length - 1]) >= 0 && p[1] !== "row") return row[0] + "\u0000" + rest[rest.length - 1];
      }
      return rowsByPath[rest.join("/")] ? rest.join("/") + "\u0000" : null;
    }
    function add(k, kind, text) {
      if (k === null) return;
      var m = out[k] || (out[k] = { sev: null, rel: false, titles: [] });
      if (kind === "rel") m.rel = true;
      else if (!m.sev || RANK_SEV[kind] > RANK_SEV[m.sev]) m.sev = kind;
      if (m.titles.indexOf(text) < 0) m.titles.push(text);
    }
    findings.forEach(function (f) {
      var text = f.c + " " + said(f, "m", "o");
      add(where(f.p), f.s, text);
      (f.r || []).forEach(function (rel) { add(where([rel[0], rel[1]]), "rel", W.related + text); });
    });
    return out;
  }
  var RANK_SEV = { info: 0, warning: 1, error: 2 };

  function cell(tag, value, mark, extra) {
    var td = el(tag, extra, value === null || value === undefined ? "" : value);
    if (mark) {
      if (mark.sev) td.classList.add("bad-" + mark.sev); else if (mark.rel) td.classList.add("rel");
      td.title = mark.titles.join("\n");
    }
    return td;
  }
  function width(header) {
    return header[0].reduce(function (n, c) { return n + (typeof c === "object" ? c.span || 1 : 1); }, 0);
  }
  function headerRows(t, header, corner) {
    header.forEach(function (cells, n) {
      var tr = el("tr");
      if (n === 0 && corner !== null) tr.appendChild(el("th", { rowspan: header.length }, corner));
      cells.forEach(function (c) {
        var o = typeof c === "object" ? c : { label: c };
        tr.appendChild(el("th", { colspan: o.span || 1, rowspan: o.down || 1 }, o.label));
      });
      t.appendChild(tr);
    });
  }

  function drawTable(table, values, findings) {
    var wrap = el("div");
    wrap.appendChild(el("h3", null, table.title));
    var t = el("table", { class: "form", "data-table": table.id });
    var m = marks(table, findings), drawing = DRAW[table.id] || {};
    if (drawing.one_row && drawing.header && oneRowFits(table, drawing)) {
      headerRows(t, drawing.header, null);
      var tr = el("tr");
      drawing.one_row.forEach(function (path) {
        var n = rowIndex(table, path), row = table.rows[n];
        row[4].forEach(function (col, c) {
          tr.appendChild(cell("td", (values[n] || [])[c], m[path + "\u0000" + col] || m[path + "\u0000"],
            { class: "v", "data-row": path, "data-col": col }));
        });
      });
      t.appendChild(tr);
    } else {
      var fits = drawing.header && width(drawing.header) === table.columns.length;
      if (fits) headerRows(t, drawing.header, drawing.corner || "");
      var shown = null, block = "", widest = table.columns.length;
      table.rows.forEach(function (row) { widest = Math.max(widest, row[4].length); });
      table.rows.forEach(function (row, n) {
        var cols = row[4];
        if (row[5] && row[5] !== block) {  // the part of the format the rows are printed under
          var b = el("tr", { class: "blk" });
          b.appendChild(el("th", { colspan: 1 + widest }, row[5]));
          t.appendChild(b);
          block = row[5];
          shown = null;  // each part has its column labels again, as printed
        }
        if (!fits && !row[3] && cols.join("\u0000") !== shown) {
          var h = el("tr");
          h.appendChild(el("th", null, ""));
          cols.forEach(function (c) { h.appendChild(el("th", null, c)); });
          t.appendChild(h);
          shown = cols.join("\u0000");
        }
        var tr = el("tr", { "data-row": row[0] });
        var rowMark = m[row[0] + "\u0000"];
        var label = cell("td", row[1], rowMark, { class: row[3] ? "g" : "" });
        label.style.paddingLeft = (0.4 + 1.2 * row[2]) + "rem";
        if (row[3]) label.setAttribute("colspan", 1 + Math.max(table.columns.length, 0));
        tr.appendChild(label);
        cols.forEach(function (col, c) {
          tr.appendChild(cell("td", (values[n] || [])[c], m[row[0] + "\u0000" + col] || rowMark,
            { class: "v", "data-row": row[0], "data-col": col }));
        });
        t.appendChild(tr);
      });
    }
    wrap.appendChild(t);
    return wrap;
  }
  function rowIndex(table, path) {
    for (var n = 0; n < table.rows.length; n++) if (table.rows[n][0] === path) return n;
    return -1;
  }
  function oneRowFits(table, drawing) {
    var cells = 0, ok = drawing.one_row.every(function (path) {
      var n = rowIndex(table, path);
      if (n >= 0) cells += table.rows[n][4].length;
      return n >= 0;
    });
    return ok && drawing.one_row.length === table.rows.length && cells === width(drawing.header);
  }

  // ---- start, and again in the other language (what is filtered, sorted and open stays)
  function build() {
    document.documentElement.lang = LANG === "en" ? "en" : "zh-CN";
    document.title = W.title;
    document.getElementById("title").textContent = W.title;
    document.getElementById("generated").textContent = W.generated;
    document.getElementById("lang").textContent = W.switch;
    document.getElementById("count").textContent = R.length + " " + W.reports +
      (META.skipped ? (LANG === "en" ? "; " : "；") + fmt(W.skipped, { n: META.skipped }) : "");
    document.getElementById("chart").textContent = "";
    document.getElementById("list").textContent = "";
    chart();
    list();
    input.value = state.filter;
    select.value = state.status;
    render();
  }
  document.getElementById("lang").addEventListener("click", function () {
    useLang(LANG === "en" ? "zh" : "en");
    build();
  });
  if (R.length === 1) state.open[R[0].i] = true;
  build();
  document.body.setAttribute("data-ready", "1");
})();
