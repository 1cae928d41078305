/* Timeline filters (issue 7): an enhancement of the static list, which works without it.
   Filters by actor, place and kind combine (an event must match all that are set) and
   live in the address (?actor=...&kind=...), so a filtered view can be shared. Every URL
   comes from the page itself (form action, location), never from an assumed site root. */
(() => {
  "use strict";
  const form = document.getElementById("timeline-filters");
  if (!form) return;
  const FIELDS = { actor: "actors", location: "locations", kind: "kind" };
  const NOUNS = { actor: "actor", location: "place", kind: "kind" };
  const items = Array.from(document.querySelectorAll(".timeline-list .event-item"));
  const status = document.getElementById("filter-status");
  const select = (name) => form.elements[name];

  const wantedFromUrl = () => {
    const params = new URLSearchParams(window.location.search);
    const wanted = {};
    const unknown = [];
    for (const name of Object.keys(FIELDS)) {
      const value = params.get(name);
      if (!value) continue;
      const known = Array.from(select(name).options).some((o) => o.value === value);
      if (known) wanted[name] = value;
      else unknown.push(`No ${NOUNS[name]} “${value}” in this briefing.`);
    }
    return { wanted, unknown };
  };

  const wantedFromForm = () => {
    const wanted = {};
    for (const name of Object.keys(FIELDS)) {
      if (select(name).value) wanted[name] = select(name).value;
    }
    return wanted;
  };

  const matches = (item, wanted) =>
    Object.entries(wanted).every(([name, value]) =>
      (item.dataset[FIELDS[name]] || "").split(" ").includes(value),
    );

  const label = (name, value) => {
    const option = Array.from(select(name).options).find((o) => o.value === value);
    return option ? option.textContent.replace(/\s*\(\d+\)$/, "") : value;
  };

  const apply = (wanted, notes = []) => {
    const active = Object.keys(wanted).length > 0;
    let shown = 0;
    const visible = new Set();
    for (const item of items) {
      const keep = !active || matches(item, wanted);
      item.hidden = !keep;
      if (keep) {
        shown += 1;
        visible.add(item.id.replace(/^ev-/, ""));
      }
    }
    // Hide days and months left empty; quiet-stretch notes describe the unfiltered list.
    for (const day of document.querySelectorAll(".timeline-list .day")) {
      day.hidden = !day.querySelector(".event-item:not([hidden])");
    }
    for (const gap of document.querySelectorAll(".quiet-gap")) gap.hidden = active;
    for (const month of document.querySelectorAll(".timeline-list .month")) {
      month.hidden = !month.querySelector(".day:not([hidden])");
      const link = document.querySelector(`.month-index a[href="#${month.querySelector("h2").id}"]`);
      if (link) link.parentElement.hidden = month.hidden;
    }
    for (const mark of document.querySelectorAll(".timestrip [data-event]")) {
      mark.classList.toggle("is-dimmed", active && !visible.has(mark.dataset.event));
    }
    const chosen = Object.entries(wanted).map(([n, v]) => `${NOUNS[n]}: ${label(n, v)}`);
    let text = "";
    if (active) {
      text = shown
        ? `Showing ${shown} of ${items.length} events (${chosen.join("; ")}).`
        : `No event matches ${chosen.join("; ")}.`;
    }
    status.textContent = [...notes, text].filter(Boolean).join(" ");
  };

  const updateUrl = (wanted) => {
    const params = new URLSearchParams(wanted).toString();
    const url = window.location.pathname + (params ? `?${params}` : "");
    window.history.replaceState(null, "", url);
  };

  const fromForm = () => {
    const wanted = wantedFromForm();
    apply(wanted);
    updateUrl(wanted);
  };

  form.hidden = false;
  form.addEventListener("change", fromForm);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    fromForm();
  });
  form.querySelector(".filter-clear").addEventListener("click", (event) => {
    event.preventDefault();
    form.reset();
    fromForm();
  });

  const { wanted, unknown } = wantedFromUrl();
  for (const name of Object.keys(FIELDS)) select(name).value = wanted[name] || "";
  apply(wanted, unknown);

  // A click on a mark of the strip jumps to that event in the list.
  for (const mark of document.querySelectorAll(".timestrip [data-event]")) {
    mark.classList.add("is-linked");
    mark.addEventListener("click", () => {
      const item = document.getElementById(`ev-${mark.dataset.event}`);
      if (!item || item.hidden) return;
      window.location.hash = item.id;
      item.querySelector("a").focus({ preventScroll: true });
    });
  }
})();
