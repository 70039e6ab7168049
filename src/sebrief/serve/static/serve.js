// sebrief serve: saves each change, shows the problems beside their fields, keeps the preview
// up to date (also when the files change on disk). Plain JavaScript, no library.
"use strict";

(function () {
  const given = JSON.parse(document.body.dataset.words || "{}");
  const counted = (one, many) => (n) => (n === 1 ? one : many).replace("{count}", String(n));
  const words = {
    valid: given.valid, invalid: given.invalid, building: given.building, confirm_remove: given.confirm_remove, saving: given.saving, failed: given.failed, drafting: given.drafting, choose: given.choose,
    problems: counted(given.problem_one, given.problem_many), title: counted(given.title_one, given.title_many),
  };

  async function call(url, body, raw) {
    const options = { method: "POST", credentials: "same-origin" };
    if (raw) { options.body = raw; } else {
      options.body = JSON.stringify(body);
      options.headers = { "content-type": "application/json" };
    }
    const response = await fetch(url, options);
    const text = await response.text();
    if (!response.ok) { throw new Error(text || response.statusText); }
    return JSON.parse(text);
  }

  // --- start page -----------------------------------------------------------------------------
  document.querySelectorAll(".open-dataset").forEach((button) => {
    button.addEventListener("click", async () => {
      await call("/api/open", { folder: button.dataset.folder });
      location.href = "/";
    });
  });
  const draftForm = document.getElementById("draft-form");
  if (draftForm) {
    const message = document.getElementById("draft-message");
    const drop = draftForm.querySelector(".dropzone");
    const input = document.getElementById("draft-file");
    ["dragover", "dragenter"].forEach((e) => drop.addEventListener(e, (ev) => { ev.preventDefault(); drop.classList.add("over"); }));
    ["dragleave", "drop"].forEach((e) => drop.addEventListener(e, () => drop.classList.remove("over")));
    drop.addEventListener("drop", (ev) => { ev.preventDefault(); input.files = ev.dataTransfer.files; showChosen(); });
    input.addEventListener("change", showChosen);
    function showChosen() { if (input.files[0]) { drop.querySelector("strong").textContent = input.files[0].name; } }
    draftForm.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const file = input.files[0];
      if (!file) { message.textContent = words.choose; return; }
      message.className = "message"; message.textContent = words.drafting;
      const query = new URLSearchParams({ filename: file.name, folder: document.getElementById("draft-folder").value });
      try {
        await call("/api/draft?" + query.toString(), null, file);
        location.href = "/";
      } catch (error) { message.className = "message error"; message.textContent = error.message; }
    });
  }

  // --- editor ---------------------------------------------------------------------------------
  const statusBox = document.getElementById("status");
  if (!statusBox) { return; }
  const preview = document.getElementById("preview");
  const previewNote = document.getElementById("preview-note");
  let signature = null;
  let lastVerbatim = null;
  let busy = 0;
  let opened = false;
  let hadValid = false;
  let placed = null;
  let domVersion = 0;
  let placedVersion = -1;

  function show(state) {
    const problems = state.problems;
    statusBox.className = "status " + (state.valid ? "ok" : "bad");
    statusBox.textContent = state.valid ? words.valid : words.problems(problems.length);
    // placed again only when they changed, or the form was loaded again (a click on the list stays)
    const shown = JSON.stringify(problems);
    if (shown !== placed || domVersion !== placedVersion) {
      placed = shown;
      placedVersion = domVersion;
      placeAll(problems);
    }
    hadValid = hadValid || state.valid;
    document.querySelectorAll(".actions a.button").forEach((a) => {
      a.classList.toggle("disabled", !state.valid);
      a.setAttribute("aria-disabled", String(!state.valid));
      a.title = state.valid ? "" : words.invalid;
    });
    previewNote.hidden = state.valid || !hadValid;
    if (state.signature !== signature) {
      if (state.valid && signature !== null) { preview.src = "/preview?v=" + encodeURIComponent(state.signature); }
      signature = state.signature;
    }
  }

  function placeAll(problems) {
    document.querySelectorAll(".field-problems").forEach((box) => { box.textContent = ""; });
    document.querySelectorAll(".field.has-problem, td.has-problem").forEach((el) => { el.classList.remove("has-problem"); el.removeAttribute("title"); });
    document.querySelectorAll(".problem-count").forEach((el) => { el.hidden = true; el.dataset.n = "0"; });
    const list = document.getElementById("problem-list");
    list.textContent = "";
    problems.forEach((problem) => {
      const item = document.createElement("li");
      item.textContent = problem.text;
      const target = place(problem);
      if (target && !opened) { openAround(target); }
      if (target) {
        item.className = "linked";
        item.addEventListener("click", () => reveal(target));
      }
      list.appendChild(item);
    });
    opened = true;  // on the first look, what is to do is open; then the user decides
    document.getElementById("problems").hidden = problems.length === 0;
    document.getElementById("problems-title").textContent = words.title(problems.length);
  }

  function place(problem) {
    if (problem.key) {
      let key = problem.key;
      while (key) {
        const el = document.querySelector('[data-key="' + CSS.escape(key) + '"]');
        if (el) {
          if (el.classList.contains("field")) {
            el.classList.add("has-problem");
            const line = document.createElement("p");
            line.textContent = problem.text;
            el.querySelector(".field-problems").appendChild(line);
          }
          count(el);
          return el;
        }
        key = key.replace(/(\.[^.[\]]+|\[[0-9]+\])$/, "");
        if (key === problem.key) { break; }
      }
    }
    if (problem.cell && problem.cell.row !== null) {
      const table = document.querySelector('table.grid[data-file="' + CSS.escape(problem.cell.file) + '"]');
      if (!table) { return null; }
      const row = table.querySelector('tr[data-row="' + problem.cell.row + '"]');
      if (!row) { return null; }
      const cell = problem.cell.column ? row.querySelector('td[data-column="' + CSS.escape(problem.cell.column) + '"]') : row.querySelector("td");
      if (cell) { cell.classList.add("has-problem"); cell.title = problem.text; return cell; }
    }
    return null;
  }

  function count(el) {
    for (let node = el; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") {
        const badge = node.querySelector(":scope > summary > .problem-count");
        if (badge) { badge.dataset.n = String(Number(badge.dataset.n || "0") + 1); badge.textContent = badge.dataset.n; badge.hidden = false; }
      }
    }
  }

  function openAround(el) {
    for (let node = el.parentElement; node; node = node.parentElement) { if (node.tagName === "DETAILS") { node.open = true; } }
  }

  function reveal(el) {
    const panel = el.closest(".tabpanel");
    if (panel) { select(panel.id.replace("tab-", "")); }
    for (let node = el; node; node = node.parentElement) { if (node.tagName === "DETAILS") { node.open = true; } }
    el.scrollIntoView({ block: "center" });
    const input = el.querySelector("input, textarea, select");
    if (input) { input.focus(); }
  }

  let asking = false;
  async function refresh() {
    if (asking) { return; }  // a large dataset takes longer to check than the time between two asks
    asking = true;
    try {
      const response = await fetch("/api/state", { credentials: "same-origin" });
      if (response.ok) {
        const state = await response.json();
        if (state.signature !== signature && busy === 0 && signature !== null) { await reloadEditor(); }
        show(state);
      }
    } catch (error) { /* the server stopped: try again later */ } finally { asking = false; }
  }

  async function reloadEditor(force) {
    // The files changed on disk: the form and the grids show them, unless the user is typing.
    const active = document.activeElement;
    if (!force && active && (active.tagName === "INPUT" || active.tagName === "TEXTAREA")) { return; }
    const known = new Set([...document.querySelectorAll("#tab-form details")].map((d) => d.dataset.key));
    const open = new Set([...document.querySelectorAll("#tab-form details[open]")].map((d) => d.dataset.key));
    const form = await fetch("/fragment/form", { credentials: "same-origin" });
    if (form.ok) {
      document.getElementById("tab-form").innerHTML = await form.text();
      domVersion += 1;
      // what was open stays open; what is new (an item just added) opens
      document.querySelectorAll("#tab-form details").forEach((d) => { d.open = open.has(d.dataset.key) || !known.has(d.dataset.key); });
    }
    for (const holder of document.querySelectorAll(".grid-holder")) { await reloadGrid(holder.dataset.file); }
  }

  async function reloadGrid(file) {
    const holder = document.querySelector('.grid-holder[data-file="' + CSS.escape(file) + '"]');
    const response = await fetch("/fragment/grid?file=" + encodeURIComponent(file), { credentials: "same-origin" });
    if (holder && response.ok) { holder.innerHTML = await response.text(); domVersion += 1; }
  }

  async function save(url, body) {
    busy += 1;
    statusBox.className = "status busy";
    statusBox.textContent = words.saving;
    try { show(await call(url, body)); } catch (error) {
      statusBox.className = "status bad"; statusBox.textContent = words.failed + error.message;
    } finally { busy -= 1; }
  }

  const timers = new Map();
  function fieldChanged(input, now) {
    clearTimeout(timers.get(input));
    const send = () => {
      timers.delete(input);
      if (input.dataset.sent === input.value) { return; }
      input.dataset.sent = input.value;
      save("/api/field", { path: JSON.parse(input.dataset.path), value: input.value });
    };
    if (now) { send(); } else { timers.set(input, setTimeout(send, 500)); }
  }
  const formTab = document.getElementById("tab-form");
  formTab.addEventListener("input", (ev) => { if (ev.target.dataset.path) { fieldChanged(ev.target, false); } });
  formTab.addEventListener("change", (ev) => { if (ev.target.dataset.path) { fieldChanged(ev.target, true); } });
  formTab.addEventListener("click", async (ev) => {
    const add = ev.target.closest(".add-item");
    const remove = ev.target.closest(".remove-item");
    if (!add && !remove) { return; }
    ev.preventDefault();
    if (add) {
      const kind = add.parentElement.querySelector(".add-kind");
      await save("/api/add", { path: JSON.parse(add.dataset.path), kind: kind ? kind.value : "" });
    } else {
      if (!window.confirm(words.confirm_remove)) { return; }
      await save("/api/remove", { path: JSON.parse(remove.dataset.path) });
    }
    await reloadEditor(true);
  });
  formTab.addEventListener("focusin", (ev) => {
    const path = ev.target.dataset.path;
    if (path && /"(text|title)"\]$/.test(path)) { lastVerbatim = ev.target; }
    if (ev.target.dataset.path && ev.target.dataset.sent === undefined) { ev.target.dataset.sent = ev.target.value; }
  });

  // Grids: a cell saves when it is left; a range pasted from Excel fills the cells from there.
  const tablesTab = document.getElementById("tab-tables");
  tablesTab.addEventListener("change", (ev) => {
    const input = ev.target;
    if (input.dataset.column === undefined) { return; }
    const file = input.closest("table").dataset.file;
    save("/api/cells", { file: file, cells: [[Number(input.dataset.row), input.dataset.column, input.value]] });
  });
  // As in Excel: Enter and the arrows up and down go to the cell above or below.
  tablesTab.addEventListener("keydown", (ev) => {
    const input = ev.target;
    if (input.dataset.column === undefined || !["Enter", "ArrowDown", "ArrowUp"].includes(ev.key)) { return; }
    const step = ev.key === "ArrowUp" || (ev.key === "Enter" && ev.shiftKey) ? -1 : 1;
    const table = input.closest("table");
    const next = table.querySelector('input[data-row="' + (Number(input.dataset.row) + step) + '"][data-column="' + CSS.escape(input.dataset.column) + '"]');
    if (next) { ev.preventDefault(); next.focus(); next.select(); }
  });
  const VERBATIM_COLUMNS = ["description", "description_source", "period_text", "beneficiary", "amount_text", "vat_text", "procedure"];
  tablesTab.addEventListener("focusin", (ev) => {
    if (VERBATIM_COLUMNS.includes(ev.target.dataset.column)) { lastVerbatim = ev.target; }
  });
  tablesTab.addEventListener("paste", async (ev) => {
    const input = ev.target;
    if (input.dataset.column === undefined) { return; }
    const text = (ev.clipboardData || window.clipboardData).getData("text");
    if (!/[\t\n]/.test(text.replace(/\r?\n$/, ""))) { return; }
    ev.preventDefault();
    const table = input.closest("table");
    const columns = [...table.querySelectorAll("thead th[scope=col]")].map((th) => th.dataset.column);
    const first = Number(input.dataset.row);
    const start = columns.indexOf(input.dataset.column);
    const cells = [];
    parseTSV(text).forEach((values, i) => {
      values.forEach((value, j) => { if (start + j < columns.length) { cells.push([first + i, columns[start + j], value]); } });
    });
    await save("/api/cells", { file: table.dataset.file, cells: cells });
    await reloadGrid(table.dataset.file);
    await refresh();
  });
  tablesTab.addEventListener("click", async (ev) => {
    const adding = ev.target.closest(".add-column");
    if (adding) {
      const column = adding.parentElement.querySelector(".add-column-name").value;
      await save("/api/column", { file: adding.dataset.file, column: column });
      await reloadGrid(adding.dataset.file);
      return;
    }
    const button = ev.target.closest(".add-row");
    if (!button) { return; }
    const table = document.querySelector('table.grid[data-file="' + CSS.escape(button.dataset.file) + '"]');
    const rows = Number(table.dataset.rows);
    const id = table.querySelector("thead th[scope=col]").dataset.column;
    await save("/api/cells", { file: button.dataset.file, cells: [[rows, id, "R" + String(rows + 1).padStart(2, "0")]] });
    await reloadGrid(button.dataset.file);
  });

  function parseTSV(text) {
    // Excel copies a range as lines of tab-separated cells; a cell with a line break or a quote is quoted.
    const rows = [[]];
    let cell = "", quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') { quoted = false; } else { cell += c; }
      } else if (c === '"' && cell === "") { quoted = true; } else if (c === "\t") { rows[rows.length - 1].push(cell); cell = ""; }
      else if (c === "\n" || c === "\r") {
        if (c === "\r" && text[i + 1] === "\n") { i++; }
        rows[rows.length - 1].push(cell); cell = ""; rows.push([]);
      } else { cell += c; }
    }
    if (cell !== "" || rows[rows.length - 1].length) { rows[rows.length - 1].push(cell); }
    return rows.filter((row) => row.length && !(row.length === 1 && row[0] === ""));
  }

  // Tabs, the source beside the data, the changes, the YAML text.
  function select(name) {
    document.querySelectorAll(".tab").forEach((tab) => tab.classList.toggle("active", tab.dataset.tab === name));
    document.querySelectorAll(".tabpanel").forEach((panel) => { panel.hidden = panel.id !== "tab-" + name; });
    if (name === "source") { load("/fragment/source", "source-holder"); }
    if (name === "changes") { load("/fragment/changes", "changes-holder"); }
  }
  async function load(url, id) {
    const response = await fetch(url, { credentials: "same-origin" });
    if (response.ok) { document.getElementById(id).innerHTML = await response.text(); }
  }
  document.querySelectorAll(".actions a.button").forEach((a) => a.addEventListener("click", async (ev) => {
    ev.preventDefault();
    if (a.classList.contains("disabled") || a.classList.contains("working")) { return; }
    // The file is made on the server (a PDF takes a few seconds): say so, then hand it over.
    const label = a.textContent;
    a.classList.add("working");
    a.textContent = words.building;
    try {
      const response = await fetch(a.getAttribute("href"), { credentials: "same-origin" });
      if (!response.ok) { throw new Error(await response.text()); }
      const disposition = response.headers.get("content-disposition") || "";
      const name = (disposition.match(/filename="([^"]+)"/) || [null, "sebrief"])[1];
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = name;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    } catch (error) {
      statusBox.className = "status bad"; statusBox.textContent = error.message;
    } finally {
      a.classList.remove("working");
      a.textContent = label;
    }
  }));
  document.querySelectorAll(".tab").forEach((tab) => tab.addEventListener("click", () => select(tab.dataset.tab)));
  document.getElementById("keep-version").addEventListener("click", async () => {
    await save("/api/baseline", {});
    load("/fragment/changes", "changes-holder");
  });
  document.getElementById("yaml-save").addEventListener("click", () => save("/api/yaml", { text: document.getElementById("yaml-text").value }));
  document.getElementById("source-holder").addEventListener("click", (ev) => {
    const line = ev.target.closest(".src-line.quoted");
    if (!line || String(window.getSelection())) { return; }
    const key = JSON.parse(line.dataset.keys)[0];
    let el = null;
    if (key.startsWith("cell|")) {
      const [, file, row, column] = key.split("|");
      const cell = document.querySelector('table.grid[data-file="' + CSS.escape(file) + '"] input[data-row="' + row + '"][data-column="' + CSS.escape(column) + '"]');
      el = cell ? cell.closest("td") : null;
    } else {
      el = document.querySelector('[data-key="' + CSS.escape(key) + '"]');
    }
    if (el) { reveal(el); }
  });
  document.getElementById("source-holder").addEventListener("mouseup", () => {
    const text = String(window.getSelection()).replace(/\n\d+\t?/g, "\n").trim();
    if (!text || !lastVerbatim) { return; }
    lastVerbatim.value = text.replace(/\s*\n\s*/g, " ");
    lastVerbatim.dispatchEvent(new Event("change", { bubbles: true }));
  });

  refresh();
  setInterval(refresh, 500);
})();
