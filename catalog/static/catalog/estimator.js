// Live totals for the Online Estimator: sends the form as JSON to the same API the
// server-side form uses, and redraws the results. Without JavaScript the form still works.
(function () {
  "use strict";
  var form = document.getElementById("estimator-form");
  var results = document.getElementById("estimate-results");
  if (!form || !results || !window.fetch) { return; }
  var printButton = document.getElementById("estimator-print");
  if (printButton) {
    printButton.hidden = false;
    printButton.addEventListener("click", function () { window.print(); });
  }
  var KINDS = ["servers", "relational_dbs", "simple_backups", "bare_metal", "intrusion_prevention", "appfog"];
  var BOOLEANS = { managed: true };

  function value(name) {
    var el = form.elements[name];
    if (!el) { return undefined; }
    if (el.type === "checkbox") { return el.checked; }
    return el.value;
  }

  function payload() {
    var data = {
      data_center: value("data_center"),
      currency: value("currency"),
      support: value("support"),
      services: {}
    };
    KINDS.forEach(function (kind) {
      var total = parseInt(value(kind + "-TOTAL_FORMS"), 10) || 0;
      data[kind] = [];
      for (var i = 0; i < total; i++) {
        var prefix = kind + "-" + i + "-";
        if (value(prefix + "DELETE") === true) { continue; }
        var line = {};
        Array.prototype.forEach.call(form.elements, function (el) {
          if (!el.name || el.name.indexOf(prefix) !== 0) { return; }
          var field = el.name.slice(prefix.length);
          if (field === "DELETE") { return; }
          line[field] = BOOLEANS[field] ? el.checked : el.value;
        });
        if (kind === "servers") {
          line.managed_apps = line.managed_app ? [{
            key: line.managed_app, instances: line.app_instances, software: line.software || null
          }] : [];
          delete line.managed_app; delete line.app_instances; delete line.software;
        }
        data[kind].push(line);
      }
    });
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && el.name.indexOf("services-") === 0 && el.value !== "" && el.value !== "0") {
        data.services[el.name.slice(9)] = el.value;
      }
    });
    return data;
  }

  function cell(tag, text, cls) {
    var el = document.createElement(tag);
    el.textContent = text;
    if (cls) { el.className = cls; }
    return el;
  }

  function row(label, monthly, setup) {
    var tr = document.createElement("tr");
    var th = cell("th", label); th.scope = "row";
    tr.appendChild(th);
    tr.appendChild(cell("td", monthly, "num"));
    tr.appendChild(cell("td", setup, "num"));
    return tr;
  }

  function render(body, ok) {
    var heading = results.querySelector("h2");
    results.textContent = "";
    results.appendChild(heading);
    if (!ok) {
      var ul = cell("ul", "", "estimator-errors");
      Object.keys(body.errors || {}).forEach(function (field) {
        body.errors[field].forEach(function (msg) { ul.appendChild(cell("li", field + ": " + msg)); });
      });
      results.appendChild(ul);
      return;
    }
    var s = body.symbol || "";
    var table = cell("table", "", "estimator-table estimator-totals");
    table.appendChild(cell("caption", body.data_center + ", amounts in " + body.currency));
    var tbody = document.createElement("tbody");
    body.lines.forEach(function (line) {
      // The API counts lines from 0; people count from 1 (service lines are named).
      var ref = typeof line.index === "number" ? line.index + 1 : line.index;
      tbody.appendChild(row(line.label + " (" + line.kind + " " + ref + ")", s + line.monthly,
        line.setup_fee !== "0.00" ? s + line.setup_fee : ""));
    });
    table.appendChild(tbody);
    var foot = document.createElement("tfoot");
    foot.appendChild(row("Subtotal (usage)", s + body.usage_total, ""));
    foot.appendChild(row("Support", s + body.support, ""));
    var total = row("Monthly total", s + body.monthly_total, "");
    total.className = "total";
    foot.appendChild(total);
    foot.appendChild(row("One-time setup fees", "", s + body.setup_fees));
    table.appendChild(foot);
    results.appendChild(table);
  }

  var timer = null;
  var seq = 0;
  function update() {
    var mine = ++seq;
    fetch(form.dataset.api, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(payload())
    }).then(function (response) {
      return response.json().then(function (body) { return [response.ok, body]; });
    }).then(function (pair) {
      if (mine === seq) { render(pair[1], pair[0]); }
    }).catch(function () { /* keep the last result; the Calculate button still works */ });
  }
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(update, 200);
  }
  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  update();
})();
