// vanban web: the clerk's desk. Plain modern JavaScript, no build step, no CDN.
// Every text a user typed is put into the page with textContent (never innerHTML); the only
// HTML inserted is the server's plain preview, which escapes every run of text.
"use strict";

const UI = JSON.parse(document.getElementById("ui-text").textContent);
const CSRF = document.querySelector('meta[name="csrf-token"]').content;

function t(key, params) {
  let s = UI[key] || key;
  for (const [k, v] of Object.entries(params || {})) s = s.split("{" + k + "}").join(String(v));
  return s;
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function api(method, url, body, raw, signal) {
  const headers = {"X-CSRF-Token": CSRF};
  let payload;
  if (raw) { payload = body; headers["Content-Type"] = "application/octet-stream"; }
  else if (body !== undefined) { payload = JSON.stringify(body); headers["Content-Type"] = "application/json"; }
  let response;
  try {
    response = await fetch(url, {method, headers, body: payload, credentials: "same-origin", signal});
  } catch (e) {
    if (e.name !== "AbortError") toast(t("network_error"));  // aborted: a newer request replaced it
    throw e;
  }
  return response;
}

async function json(response) {
  try { return await response.json(); } catch (e) { return {ok: false, issues: []}; }
}

function toast(message) {
  const box = document.getElementById("toast");
  box.textContent = message;
  box.classList.add("show");
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => box.classList.remove("show"), 4000);
}

async function saveBlob(response, fallbackName) {
  const blob = await response.blob();
  const header = response.headers.get("content-disposition") || "";
  const match = /filename\*=UTF-8''([^;]+)/.exec(header) || /filename="([^"]+)"/.exec(header);
  const name = match ? decodeURIComponent(match[1]) : fallbackName;
  const link = el("a", {href: URL.createObjectURL(blob), download: name});
  document.body.append(link);
  link.click();
  setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
}

function debounce(fn, ms) {
  let timer;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

// ---------------------------------------------------------------------------- the form builder
// The form is generated from the kind's JSON Schema (titles and help come from generator/labels.py):
// objects become fieldsets, arrays repeated groups (add, remove, reorder), dates dd/mm/yyyy with a
// picker, enums selects, body text a textarea; the signer is picked from the agency profile.

const desk = {name: "", base: "", data: {}, schema: null, profile: {signers: {}, lists: {}, facts: {}},
              kind: "", sample: false, seq: 0, previewWanted: false};

function defsOf(schema) { return (schema && (schema.$defs || schema.definitions)) || {}; }

function resolve(s) {
  let guard = 0;
  while (s && s.$ref && guard++ < 20) {
    const name = s.$ref.split("/").pop();
    s = Object.assign({}, defsOf(desk.schema)[name], s.title ? {title: s.title, description: s.description} : {});
  }
  return s || {};
}

function branches(s) {
  // The kinds of value a field takes, nested unions flattened (a table cell is text, a number,
  // or a mapping with merges).
  s = resolve(s);
  const list = s.anyOf || s.oneOf;
  if (!list) return [s];
  return list.flatMap(b => branches(b)).filter(b => b.type !== "null");
}

function acceptsText(s) {
  return branches(s).some(b => ["string", "integer", "number"].includes(b.type));
}

function unwrap(s) {
  // An optional value (X | null) is X, with the outer title and help.
  const outer = resolve(s);
  const list = branches(outer);
  if (list.length === 1 && (outer.anyOf || outer.oneOf)) {
    return Object.assign({}, list[0], {title: outer.title || list[0].title,
                                       description: outer.description || list[0].description});
  }
  return outer;
}

function isDate(s) { return branches(s).some(b => b.format === "date"); }

function isBody(s) {
  // Body text: a string typed with markup, or a list of paragraphs and tables.
  const u = unwrap(s);
  if (u.type !== "array" || !u.items) return false;
  const items = branches(u.items);
  // (a table row is a list of text-or-number cells, not body text)
  return items.length > 1 && items.some(b => b.type === "string") &&
    !items.some(b => b.type === "number" || b.type === "integer");
}

function pathKey(path) { return path.join("."); }

function getAt(path) {
  let node = desk.data;
  for (const p of path) { if (node === null || node === undefined) return undefined; node = node[p]; }
  return node;
}

function setAt(path, value) {
  let node = desk.data;
  for (const p of path.slice(0, -1)) node = node[p];
  node[path[path.length - 1]] = value;
}

function emptyOf(s) {
  if (isBody(s)) return "";
  const kinds = branches(s);
  if (kinds.length > 1) return acceptsText(s) ? "" : emptyOf(kinds[0]);  // a table row: its cells
  const u = unwrap(s);
  if (u.type === "object" && u.properties) {
    // A new item shows its required fields, its title and its content (an article, an annex).
    const out = {};
    for (const name of u.required || []) out[name] = emptyOf(u.properties[name]);
    for (const name of ["tieu_de", "noi_dung"]) {
      if (name in u.properties && !(name in out)) out[name] = emptyOf(u.properties[name]);
    }
    return out;
  }
  if (u.type === "array") return [];
  return "";
}

function changed() {
  scheduleCheck();
}

function rebuild() {
  const form = document.getElementById("form");
  const focused = document.activeElement && document.activeElement.dataset
    ? document.activeElement.dataset.path : null;
  form.replaceChildren(buildObject(desk.schema, [], true));
  if (focused) {
    const again = form.querySelector(`[data-path="${CSS.escape(focused)}"]`);
    if (again) again.focus();
  }
  scheduleCheck(0);
}

function labelOf(name, s) {
  const u = resolve(s);
  return u.title || name;
}

function helpOf(s) { return resolve(s).description || ""; }

function fieldBox(name, s, path, control) {
  const id = "f-" + pathKey(path).replace(/[^A-Za-z0-9_-]/g, "-");
  if (control.tagName && ["INPUT", "TEXTAREA", "SELECT"].includes(control.tagName)) control.id = id;
  const help = helpOf(s);
  return el("div", {class: "field", "data-field": pathKey(path)},
    el("label", {for: id, text: typeof name === "number" ? `${name + 1}.` : labelOf(name, s)}),
    control,
    help ? el("small", {class: "help", text: help}) : null,
    el("div", {class: "msgs", "data-msgs": pathKey(path)}));
}

function textControl(s, path, multiline) {
  const value = getAt(path);
  const attrs = {"data-path": pathKey(path), spellcheck: "false"};
  const control = multiline
    ? el("textarea", Object.assign({rows: Math.min(18, Math.max(3, String(value || "").split("\n").length + 1))}, attrs))
    : el("input", Object.assign({type: "text"}, attrs));
  control.value = value === null || value === undefined ? "" : String(value);
  control.addEventListener("input", () => { setAt(path, control.value); changed(); });
  return control;
}

function dateControl(s, path) {
  const input = textControl(s, path, false);
  input.placeholder = "dd/mm/yyyy";
  input.inputMode = "numeric";
  const picker = el("input", {type: "date", class: "picker", title: t("pick_date"), "aria-label": t("pick_date"),
                              tabindex: "-1"});
  picker.addEventListener("change", () => {
    if (!picker.value) return;
    const [y, m, d] = picker.value.split("-");
    input.value = `${d}/${m}/${y}`;
    setAt(path, input.value);
    changed();
  });
  return [el("span", {class: "date"}, input, picker), input];
}

function leaf(name, s, path) {
  const u = unwrap(s);
  if (isDate(s)) {
    const [box, input] = dateControl(s, path);
    const field = fieldBox(name, s, path, box);
    field.querySelector("label").setAttribute("for", input.id = "f-" + pathKey(path).replace(/[^A-Za-z0-9_-]/g, "-"));
    return field;
  }
  if (u.enum) {
    const value = getAt(path);
    const select = el("select", {"data-path": pathKey(path)},
      el("option", {value: "", text: "—"}),
      u.enum.filter(v => v !== null).map(v => el("option", {value: String(v), text: String(v)})));
    select.value = value === null || value === undefined ? "" : String(value);
    select.addEventListener("change", () => { setAt(path, select.value); changed(); });
    return fieldBox(name, s, path, select);
  }
  if (u.type === "boolean") {
    const value = getAt(path);
    const box = el("input", {type: "checkbox", "data-path": pathKey(path)});
    box.checked = ["true", "yes", "có", "1", true].includes(value);
    box.addEventListener("change", () => { setAt(path, box.checked ? "true" : "false"); changed(); });
    return fieldBox(name, s, path, box);
  }
  const long = isBody(s) || ["noi_dung", "mo_dau", "mo_ta", "trich_yeu", "tom_tat"].includes(name);
  return fieldBox(name, s, path, textControl(s, path, long));
}

function buttons(path, list, index) {
  const move = (delta) => () => {
    const j = index + delta;
    if (j < 0 || j >= list.length) return;
    [list[index], list[j]] = [list[j], list[index]];
    rebuild();
  };
  return el("span", {class: "row-buttons"},
    el("button", {type: "button", class: "small", title: t("up"), "aria-label": t("up"), text: "↑", onclick: move(-1)}),
    el("button", {type: "button", class: "small", title: t("down"), "aria-label": t("down"), text: "↓", onclick: move(1)}),
    el("button", {type: "button", class: "small", title: t("remove"), "aria-label": t("remove"), text: "✕",
                  onclick: () => { list.splice(index, 1); rebuild(); }}));
}

function buildArray(name, s, path) {
  const u = unwrap(s);
  let list = getAt(path);
  if (typeof list === "string" && isBody(s)) return leaf(name, s, path);
  if (!Array.isArray(list)) { list = list === null || list === undefined || list === "" ? [] : [list]; setAt(path, list); }
  const items = el("ol", {class: "items"});
  list.forEach((value, index) => {
    const itemPath = path.concat(index);
    items.append(el("li", {}, buildAny(index, u.items || {}, itemPath), buttons(itemPath, list, index)));
  });
  const add = el("button", {type: "button", class: "add", "data-add": pathKey(path), text: "+ " + t("add"),
                            onclick: () => { list.push(emptyOf(u.items || {})); rebuild(); }});
  const extra = [];
  if (name === "noi_nhan" && Object.keys(desk.profile.lists || {}).length) {
    const pick = el("select", {class: "add-list"}, el("option", {value: "", text: t("add_list")}),
      Object.entries(desk.profile.lists).map(([key, members]) =>
        el("option", {value: "@" + key, text: `@${key} (${members.length})`})));
    pick.addEventListener("change", () => { if (pick.value) { list.push(pick.value); rebuild(); } });
    extra.push(pick);
  }
  return el("fieldset", {class: "group", "data-field": pathKey(path)},
    el("legend", {text: labelOf(name, s)}),
    helpOf(s) ? el("small", {class: "help", text: helpOf(s)}) : null,
    el("div", {class: "msgs", "data-msgs": pathKey(path)}),
    items, add, extra);
}

function buildSigner(name, s, path) {
  const value = getAt(path);
  const signers = desk.profile.signers || {};
  const keys = Object.keys(signers);
  if (!keys.length && typeof value !== "string") return buildObject(s, path, false, name);
  const select = el("select", {"data-path": pathKey(path)},
    keys.map(k => el("option", {value: k, text: `${signers[k].ho_ten} — ${signers[k].quyen_han} ${signers[k].chuc_vu}`.replace(/\s+/g, " ")})),
    el("option", {value: "", text: t("signer_other")}));
  select.value = typeof value === "string" ? value : "";
  select.addEventListener("change", () => {
    setAt(path, select.value || {quyen_han: "", chuc_vu: [""], ho_ten: ""});
    rebuild();
  });
  const box = fieldBox(name, s, path, select);
  if (typeof value !== "string") box.append(buildObject(s, path, false, null));
  return box;
}

function shorthand(name, s, path) {
  // A value the model takes in a short form its schema does not spell out (an article, a title
  // typed as one text): shown and kept as typed, never replaced by an empty structure.
  const value = String(getAt(path));
  return fieldBox(name, s, path, textControl(s, path, value.includes("\n") || value.length > 60));
}

function buildAny(name, s, path) {
  const u = unwrap(s);
  const value = getAt(path);
  if (name === "nguoi_ky") return buildSigner(name, s, path);
  if (typeof value === "string" && value !== "" && !acceptsText(s) && !isBody(s)) return shorthand(name, s, path);
  if (isBody(s)) {
    if (Array.isArray(value)) return buildArray(name, s, path);
    return leaf(name, s, path);
  }
  const kinds = branches(s);
  if (kinds.length > 1) {
    // A union: pick the branch that fits the value (text, a table, a page break…).
    if (value === null || value === undefined || typeof value !== "object") {
      const textual = kinds.find(b => b.type === "string" || b.type === "integer" || b.type === "number");
      if (textual) return leaf(name, textual.format ? s : Object.assign({}, textual, {title: u.title, description: u.description}), path);
    }
    const keys = value && typeof value === "object" && !Array.isArray(value) ? Object.keys(value) : [];
    const fit = kinds.find(b => b.type === "object" && (b.required || []).every(k => keys.includes(k)) &&
                                (b.required || []).length) ||
                kinds.find(b => Array.isArray(value) ? b.type === "array" : b.type === "object");
    if (fit) return buildAny(name, Object.assign({}, fit, {title: u.title || fit.title}), path);
  }
  if (u.type === "array") return buildArray(name, s, path);
  if (u.type === "object" && u.properties) return buildObject(s, path, false, name);
  if (u.type === "object") return buildMap(name, s, path);
  return leaf(name, s, path);
}

function buildMap(name, s, path) {
  // A mapping of codes to names (đơn vị): one row per entry.
  let map = getAt(path);
  if (!map || typeof map !== "object") { map = {}; setAt(path, map); }
  const rows = el("div", {class: "map"});
  for (const key of Object.keys(map)) {
    const input = el("input", {type: "text", "data-path": pathKey(path.concat(key))});
    input.value = map[key] === null ? "" : String(map[key]);
    input.addEventListener("input", () => { map[key] = input.value; changed(); });
    rows.append(el("div", {class: "map-row"}, el("code", {text: key}), input,
      el("button", {type: "button", class: "small", text: "✕", onclick: () => { delete map[key]; rebuild(); }})));
  }
  const code = el("input", {type: "text", size: 8, placeholder: "VP"});
  rows.append(el("div", {class: "map-row"}, code, el("button", {type: "button", class: "small", text: "+",
    onclick: () => { if (code.value) { map[code.value] = ""; rebuild(); } }})));
  return el("fieldset", {class: "group", "data-field": pathKey(path)}, el("legend", {text: labelOf(name, s)}),
    el("div", {class: "msgs", "data-msgs": pathKey(path)}), rows);
}

const CORE = ["so", "ngay", "trich_yeu", "nguoi_ky", "noi_nhan"];  // always shown on a document
const PROFILE_FACTS = ["co_quan_chu_quan", "co_quan_ban_hanh", "ma_co_quan", "dia_danh", "trinh_bay", "don_vi"];

function buildObject(s, path, top, name) {
  const u = unwrap(s);
  let value = path.length ? getAt(path) : desk.data;
  if (!value || typeof value !== "object" || Array.isArray(value)) { value = {}; setAt(path, value); }
  const props = u.properties || {};
  const required = new Set(u.required || []);
  const fromProfile = top && value.co_quan;
  const shown = Object.keys(props).filter(k => k in value || (top && CORE.includes(k)) ||
    (required.has(k) && !(fromProfile && PROFILE_FACTS.includes(k)) && !(top && k === "loai")));
  const box = el(top ? "div" : "fieldset", {class: top ? "top" : "group", "data-field": pathKey(path)});
  if (!top && name !== null && name !== undefined) box.append(el("legend", {text: typeof name === "number" ? `${name + 1}.` : labelOf(name, s)}));
  box.append(el("div", {class: "msgs", "data-msgs": pathKey(path)}));
  for (const key of shown) {
    if (top && key === "loai") {
      box.append(el("p", {class: "kind"}, el("span", {text: labelOf(key, props[key]) + ": "}),
                    el("strong", {text: String(value.loai || "")})));
      continue;
    }
    if (!(key in value)) value[key] = emptyOf(props[key]);
    box.append(buildAny(key, props[key], path.concat(key)));
  }
  for (const key of Object.keys(value)) {  // keys the schema does not know: shown so nothing is lost
    if (!(key in props)) box.append(fieldBox(key, {}, path.concat(key), textControl({}, path.concat(key), false)));
  }
  const missing = Object.keys(props).filter(k => !shown.includes(k) && !(k in value));
  if (missing.length) {
    const pick = el("select", {class: "add-field", "aria-label": t("add_field")},
      el("option", {value: "", text: t("add_field")}),
      missing.map(k => el("option", {value: k, text: labelOf(k, props[k])})));
    pick.addEventListener("change", () => {
      if (!pick.value) return;
      value[pick.value] = emptyOf(props[pick.value]);
      rebuild();
    });
    box.append(pick);
  }
  return box;
}

// ---------------------------------------------------------------------------- checking as you type

function payload() { return {name: desk.name, base: desk.base, form: desk.data}; }

// A keystroke after a pause is checked at once; keys typed in a burst are checked CHECK_WAIT ms
// after the last one (a debounce with its leading edge). A newer keystroke aborts the request in
// flight: only the newest data is ever checked and shown. The server checks the data as it is
// (no YAML written per keystroke), so a check costs a few milliseconds there.
const CHECK_WAIT = 100;
const checking = {timer: null, last: -Infinity, controller: null};

function scheduleCheck(delay) {
  document.body.dataset.pending = "1";  // an edit not checked yet (tests wait for it to go)
  clearTimeout(checking.timer);
  checking.timer = null;
  if (checking.controller) { checking.controller.abort(); checking.controller = null; }
  const now = performance.now();
  const idle = now - checking.last >= CHECK_WAIT;
  checking.last = now;
  if (delay === 0 || idle) runCheck();
  else checking.timer = setTimeout(() => { checking.timer = null; runCheck(); }, CHECK_WAIT);
}

async function runCheck() {
  if (!desk.schema) return;
  if (checking.controller) checking.controller.abort();
  const controller = new AbortController();
  checking.controller = controller;
  const seq = ++desk.seq;
  const status = document.getElementById("status");
  status.textContent = t("checking");
  status.className = "status busy";
  let result;
  try {
    result = await json(await api("POST", "/api/check", payload(), false, controller.signal));
  } catch (e) {
    return;  // aborted by a newer keystroke, or the network (already said)
  }
  if (seq !== desk.seq) return;  // a newer keystroke is being checked
  checking.controller = null;
  showIssues(result.issues || []);
  if (!checking.timer) delete document.body.dataset.pending;
  status.textContent = result.ok ? t("ok") : t("problems");
  status.className = "status " + (result.ok ? "good" : "bad");
  document.body.dataset.checked = String(seq);
  if (result.ok && desk.previewWanted) schedulePreview();
}

function showIssues(issues) {
  // Only the message boxes whose messages changed are touched: typing in one field redraws the
  // messages of that field, not the form.
  const wanted = new Map();  // box -> [{severity, code, title, text}]
  const others = [];
  for (const issue of issues) {
    let parts = (issue.field || "").split(".").filter(Boolean);
    let box = null;
    while (parts.length && !box) {
      box = document.querySelector(`[data-msgs="${CSS.escape(parts.join("."))}"]`);
      if (!box) parts = parts.slice(0, -1);
    }
    if (!box) { others.push({severity: issue.severity, text: issue.text || issue.message}); continue; }
    if (!wanted.has(box)) wanted.set(box, []);
    wanted.get(box).push({severity: issue.severity, code: issue.code,
                          title: issue.line ? `${t("where")} ${issue.where || ""}` : "",
                          text: parts.join(".") === issue.field ? issue.message
                            : (issue.field ? issue.field + ": " : "") + issue.message});
  }
  for (const box of document.querySelectorAll("[data-msgs][data-shown]")) {
    if (!wanted.has(box)) wanted.set(box, []);
  }
  for (const [box, messages] of wanted) {
    const shown = JSON.stringify(messages);
    if ((box.dataset.shown || "[]") === shown) continue;
    box.replaceChildren(...messages.map(m => el("div", {class: "msg " + m.severity, role: "alert",
                                                        "data-code": m.code, title: m.title, text: m.text})));
    if (messages.length) box.dataset.shown = shown; else delete box.dataset.shown;
    const field = box.closest(".field");
    if (field) field.classList.toggle("invalid", messages.length > 0);
  }
  const other = document.getElementById("other-issues");
  const shownOthers = JSON.stringify(others);
  if ((other.dataset.shown || "[]") !== shownOthers) {
    other.replaceChildren(...others.map(o => el("li", {class: o.severity, text: o.text})));
    other.dataset.shown = shownOthers;
  }
}

// ---------------------------------------------------------------------------- preview, downloads, issue

const schedulePreview = debounce(() => runPreview(), 600);

async function runPreview() {
  desk.previewWanted = true;
  const pane = document.getElementById("pages");
  pane.classList.add("busy");
  const response = await api("POST", "/api/preview", payload());
  const result = await json(response);
  pane.classList.remove("busy");
  if (!result.ok) { showIssues(result.issues || []); return; }
  if (result.pages && result.pages.length) {
    pane.replaceChildren(...result.pages.map((src, i) => el("img", {src, alt: `${i + 1}`, class: "page"})));
  } else {
    const holder = el("div", {class: "plain"});
    holder.innerHTML = result.html;  // built and escaped by the server (generator/web/preview.py)
    pane.replaceChildren(el("p", {class: "hint", text: t("plain_preview")}), holder);
  }
  pane.dataset.digest = result.digest;
}

async function download(pdf) {
  const response = await api("POST", "/api/render" + (pdf ? "?pdf=1" : ""), payload());
  if (!response.ok) { showIssues((await json(response)).issues || []); return; }
  await saveBlob(response, pdf ? "du-thao.pdf" : "du-thao.docx");
}

async function save(force) {
  let name = document.getElementById("form-name").value.trim();
  if (name.startsWith("samples:")) name = name.slice(8).split("/").pop();
  const response = await api("POST", "/api/save", Object.assign(payload(), {name, force: !!force}));
  const result = await json(response);
  if (response.status === 409 && !force) {
    if (confirm(t("overwrite"))) return save(true);
    return false;
  }
  if (!result.ok) { showIssues(result.issues || []); toast((result.issues[0] || {}).message || ""); return false; }
  desk.name = result.name; desk.base = result.yaml; desk.sample = false;
  document.getElementById("form-name").value = result.name;
  toast(result.message);
  loadForms();
  return true;
}

async function createRegister(form) {
  // The same step as `vanban so init`, after the clerk confirms; true when the register is there.
  const response = await api("POST", "/api/register/init", form ? {form} : {});
  const result = await json(response);
  toast(result.ok ? result.message : ((result.issues || [])[0] || {}).message || "");
  return !!result.ok;
}

async function issueFinal() {
  if (!confirm(t("issue_confirm"))) return;
  if (!(await save(false))) return;
  let response = await api("POST", "/api/issue", {name: desk.name});
  let result = await json(response);
  if (result.register_missing) {
    // No register yet: offer to create it here rather than send the clerk to a command line.
    if (!confirm(t("register_create_confirm", {path: result.register_missing}))) { showIssues(result.issues || []); return; }
    if (!(await createRegister(desk.name))) return;
    response = await api("POST", "/api/issue", {name: desk.name});
    result = await json(response);
  }
  const box = document.getElementById("issued");
  if (!result.ok) { showIssues(result.issues || []); box.replaceChildren(); return; }
  box.replaceChildren(el("p", {class: "number", text: result.message}),
    ...result.files.map(f => el("p", {},
      el("a", {href: "/api/file?name=" + encodeURIComponent(f), download: "", text: f}), " · ",
      el("a", {href: "/api/file?pdf=1&name=" + encodeURIComponent(f), download: "", text: "PDF"}))));
}

async function openForm(url) {
  const response = await api("GET", url);
  const result = await json(response);
  if (!result.ok) { toast(((result.issues || [])[0] || {}).message || ""); return; }
  const schemaResponse = await api("GET", "/api/schema/" + encodeURIComponent(result.kind));
  if (!schemaResponse.ok) { toast(((await json(schemaResponse)).issues || [{}])[0].message || ""); return; }
  desk.schema = await schemaResponse.json();
  desk.name = result.name; desk.base = result.yaml; desk.data = result.data; desk.kind = result.kind;
  desk.sample = result.sample; desk.profile = result.profile || {signers: {}, lists: {}, facts: {}};
  desk.previewWanted = false;
  document.getElementById("form-name").value = result.name;
  document.getElementById("pages").replaceChildren();
  document.getElementById("issued").replaceChildren();
  rebuild();
}

async function loadForms() {
  const select = document.getElementById("open-form");
  const response = await api("GET", "/api/forms");
  const forms = await json(response);
  const mine = el("optgroup", {label: t("folder")});
  const samples = el("optgroup", {label: t("samples")});
  for (const form of forms.filter(f => !f.batch)) {
    (form.sample ? samples : mine).append(el("option", {value: form.name, text: `${form.name} — ${form.title}`}));
  }
  select.replaceChildren(el("option", {value: "", text: t("choose")}), mine, samples);
}

function initDesk() {
  loadForms();
  document.getElementById("open-form").addEventListener("change", (e) => {
    if (e.target.value) openForm("/api/form?name=" + encodeURIComponent(e.target.value));
  });
  document.getElementById("new-form").addEventListener("change", (e) => {
    if (e.target.value) openForm("/api/starter/" + encodeURIComponent(e.target.value));
  });
  document.getElementById("new-empty").addEventListener("change", (e) => {
    if (e.target.value) openForm("/api/starter/" + encodeURIComponent(e.target.value) + "?empty=1");
  });
  document.getElementById("form-name").addEventListener("change", (e) => {
    if (!e.target.value.startsWith("samples:")) { desk.name = e.target.value.trim(); scheduleCheck(0); }
  });
  document.getElementById("save").addEventListener("click", () => save(false));
  document.getElementById("preview").addEventListener("click", () => runPreview());
  document.getElementById("download-docx").addEventListener("click", () => download(false));
  document.getElementById("download-pdf").addEventListener("click", () => download(true));
  document.getElementById("issue").addEventListener("click", () => issueFinal());
  const params = new URLSearchParams(location.search);
  if (params.get("form")) openForm("/api/form?name=" + encodeURIComponent(params.get("form")));
  else if (params.get("new")) openForm("/api/starter/" + encodeURIComponent(params.get("new")));
}

// ---------------------------------------------------------------------------- batch

async function initBatch() {
  const sheet = document.getElementById("sheet");
  const formSelect = document.getElementById("decision-form");
  async function lists(selected) {
    const sheets = await json(await api("GET", "/api/files?suffix=.xlsx,.csv&samples=1"));
    sheet.replaceChildren(...sheets.map(n => el("option", {value: n, text: n})));
    if (selected) sheet.value = selected;
    const forms = await json(await api("GET", "/api/forms"));
    formSelect.replaceChildren(...forms.filter(f => f.batch).map(f => el("option", {value: f.name, text: f.name})));
  }
  await lists();
  document.getElementById("sheet-upload").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    let response = await api("POST", "/api/upload?name=" + encodeURIComponent(file.name), file, true);
    if (response.status === 409 && confirm(t("overwrite"))) {
      response = await api("POST", "/api/upload?force=1&name=" + encodeURIComponent(file.name), file, true);
    }
    const result = await json(response);
    if (!result.ok) { toast(((result.issues || [])[0] || {}).message || ""); return; }
    await lists(result.name);
  });
  document.getElementById("run").addEventListener("click", async () => {
    const table = document.getElementById("row-issues");
    const body = table.querySelector("tbody");
    const bar = document.getElementById("progress");
    const label = document.getElementById("progress-text");
    const written = document.getElementById("written");
    body.replaceChildren(); written.replaceChildren(); table.hidden = true;
    const request = {sheet: sheet.value, form: formSelect.value, group_by: document.getElementById("group-by").value,
                     certificates: document.getElementById("certificates").checked,
                     output: document.getElementById("output").value, merge: true};
    let response = await api("POST", "/api/batch", request);
    let result = await json(response);
    if (response.status === 409 && confirm(t("overwrite"))) {
      response = await api("POST", "/api/batch", Object.assign(request, {force: true}));
      result = await json(response);
    }
    if (!result.ok) {
      for (const issue of result.issues || []) {
        const where = issue.sheet ? `${issue.sheet}!${issue.cell || ""}` : (issue.where || issue.file || "");
        body.append(el("tr", {class: issue.severity}, el("td", {text: where}), el("td", {text: issue.message})));
      }
      table.hidden = false;
      return;
    }
    bar.hidden = false; bar.max = result.total; bar.value = 0;
    // Progress is pushed by the server (server-sent events); polling is the fallback when the
    // browser has no EventSource or the stream breaks before the end.
    let finished = false;
    const show = (state) => {
      if (finished) return;
      bar.value = state.done; bar.max = state.total;
      label.textContent = `${state.done}/${state.total}`;
      if (state.state === "running") return;
      finished = true;
      if (state.state === "failed") {
        for (const issue of state.issues || []) body.append(el("tr", {}, el("td", {text: issue.where || ""}), el("td", {text: issue.message})));
        table.hidden = false;
        document.body.dataset.batch = "failed";
        return;
      }
      label.textContent = `${t("done")}: ${state.done}/${state.total}`;
      document.body.dataset.batch = "done";
      written.replaceChildren(el("li", {class: "head", text: t("written")}),
        ...state.written.map(f => el("li", {}, el("a", {href: "/api/file?name=" + encodeURIComponent(f), download: "", text: f}))));
    };
    const poll = async () => {
      const state = await json(await api("GET", "/api/batch/" + result.job));
      show(state);
      if (state.state === "running") setTimeout(poll, 300);
    };
    if (!window.EventSource) { poll(); return; }
    const source = new EventSource("/api/batch/" + encodeURIComponent(result.job) + "/events");
    document.body.dataset.progress = "events";
    const receive = (event) => {
      const state = JSON.parse(event.data);
      if (state.state !== "running") source.close();
      show(state);
    };
    for (const name of ["progress", "done", "failed"]) source.addEventListener(name, receive);
    source.addEventListener("error", () => {
      source.close();
      if (!finished) { document.body.dataset.progress = "polled"; poll(); }
    });
  });
}

// ---------------------------------------------------------------------------- register

async function initRegister() {
  const search = document.getElementById("search");
  const year = document.getElementById("year");
  async function load() {
    const query = new URLSearchParams({q: search.value});
    if (year.value) query.set("year", year.value);
    const result = await json(await api("GET", "/api/register?" + query));
    const body = document.querySelector("#entries tbody");
    const missing = document.getElementById("missing");
    missing.hidden = result.exists !== false;
    if (result.exists === false) {
      document.getElementById("missing-text").textContent = t("register_missing", {path: result.path});
      document.getElementById("create-register").dataset.path = result.path;
      document.getElementById("empty").hidden = true;
      body.replaceChildren();
      document.body.dataset.register = "missing";
      return;
    }
    document.body.dataset.register = "open";
    if (!year.options.length && result.years && result.years.length) {
      year.replaceChildren(...result.years.map(y => el("option", {value: y, text: y})));
      year.value = result.years[result.years.length - 1];
      return load();
    }
    for (const id of ["export-xlsx", "export-csv"]) {
      const link = document.getElementById(id);
      link.href = `/api/register/export?format=${id.endsWith("csv") ? "csv" : "xlsx"}&year=${year.value || ""}`;
    }
    document.getElementById("empty").hidden = (result.entries || []).length > 0;
    body.replaceChildren(...(result.entries || []).map(e => el("tr", {class: e.status},
      el("td", {text: e.number}), el("td", {text: e.date}), el("td", {text: e.title}),
      el("td", {text: e.status_text + (e.reason ? ` (${e.reason})` : "")}),
      el("td", {}, e.file ? el("a", {href: "/api/file?name=" + encodeURIComponent(e.file), download: "", text: e.file}) : ""),
      el("td", {}, e.status === "voided" ? "" : el("button", {type: "button", class: "small danger", text: t("void"),
        onclick: async () => {
          const reason = prompt(t("void_reason", {number: e.number}));
          if (!reason || !confirm(t("void_confirm", {number: e.number}))) return;
          const response = await api("POST", "/api/register/void", {number: e.number, year: e.year, series: e.series, reason});
          const out = await json(response);
          toast(out.ok ? out.message : ((out.issues || [])[0] || {}).message || "");
          load();
        }})))));
  }
  document.getElementById("create-register").addEventListener("click", async () => {
    if (!confirm(t("register_create_confirm", {path: document.getElementById("create-register").dataset.path || ""}))) return;
    if (await createRegister(null)) load();
  });
  search.addEventListener("input", debounce(load, 200));
  year.addEventListener("change", load);
  load();
}

// ---------------------------------------------------------------------------- lint drop zone

function initLint() {
  const drop = document.getElementById("drop");
  const input = document.getElementById("lint-file");
  async function lint(file) {
    const response = await api("POST", "/api/lint?name=" + encodeURIComponent(file.name), file, true);
    const result = await json(response);
    const table = document.getElementById("findings");
    const body = table.querySelector("tbody");
    const summary = document.getElementById("lint-summary");
    body.replaceChildren();
    if (!result.report) { summary.textContent = ((result.issues || [])[0] || {}).message || ""; table.hidden = true; return; }
    const findings = result.report.findings || [];
    summary.textContent = `${file.name}: ` + (result.ok ? t("lint_clean") : t("problems"));
    for (const f of findings) {
      const loc = f.location || {};
      body.append(el("tr", {class: f.severity},
        el("td", {text: t("severity_" + f.severity) + " " + f.check}),
        el("td", {}, loc.text ? loc.text.split("«")[0] : "", loc.excerpt ? el("q", {text: loc.excerpt}) : ""),
        el("td", {text: f.message})));
    }
    table.hidden = findings.length === 0;
    document.body.dataset.linted = "1";
  }
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => { e.preventDefault(); drop.classList.remove("over"); if (e.dataTransfer.files[0]) lint(e.dataTransfer.files[0]); });
  drop.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") input.click(); });
  input.addEventListener("change", () => { if (input.files[0]) lint(input.files[0]); });
}

const PAGES = {desk: initDesk, batch: initBatch, register: initRegister, lint: initLint};
(PAGES[document.body.dataset.page] || (() => {}))();
