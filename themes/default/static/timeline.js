/* Timeline filters (issues 7 and 14): an enhancement of the static pages, which work
   without it. Filters by actor, place and kind combine (an event must match all that are
   set) and live in the address (?actor=...&kind=...), so a filtered view can be shared.
   Every URL comes from the page itself (form action and data attributes, location),
   never from an assumed site root.

   A one-page timeline filters its own list. A split one (a page per period) also counts
   matches across the whole story: the form names a choices file and a folder of small
   files, one per actor, place and kind, each listing the positions of its events in the
   timeline. Every period and density bar on the page carries its range of positions
   (data-from, data-to), so the counts need no other data. */
(() => {
  "use strict";
  const form = document.getElementById("timeline-filters");
  if (!form) return;
  const FIELDS = { actor: "actors", location: "locations", kind: "kind" };
  const NOUNS = { actor: "actor", location: "place", kind: "kind" };
  const CHOICES = { actor: "actors", location: "locations", kind: "kinds" };
  const split = form.dataset.choices ? { choices: form.dataset.choices, base: form.dataset.base } : null;
  const items = Array.from(document.querySelectorAll(".timeline-list .event-item"));
  const status = document.getElementById("filter-status");
  const select = (name) => form.elements[name];
  const ranges = Array.from(document.querySelectorAll(".period-index a[data-from], .pi-wide a[data-from]"));
  const bars = Array.from(document.querySelectorAll(".density .db-bar[data-from]"));
  const pagerLinks = Array.from(document.querySelectorAll(".pager a"));
  let generation = 0;

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

  const plural = (n, noun) => `${n} ${noun}${n === 1 ? "" : "s"}`;

  // --- data of a split timeline, fetched once per file and only when a reader filters
  const files = new Map();
  const getJson = (url) => {
    if (!files.has(url)) {
      files.set(
        url,
        fetch(url, { cache: "no-cache" }).then((r) => {
          if (!r.ok) throw new Error(`${url}: ${r.status}`);
          return r.json();
        }),
      );
    }
    return files.get(url);
  };
  const positionsOf = async (name, value) => {
    const data = await getJson(`${split.base}${name}/${encodeURIComponent(value)}.json`);
    let at = 0;
    return data.deltas.map((d) => (at += d));
  };
  const matchingPositions = async (wanted) => {
    const lists = await Promise.all(Object.entries(wanted).map(([n, v]) => positionsOf(n, v)));
    lists.sort((a, b) => a.length - b.length);
    const others = lists.slice(1).map((list) => new Set(list));
    return lists[0].filter((p) => others.every((set) => set.has(p)));
  };
  const lowerBound = (sorted, value) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const countIn = (sorted, el) =>
    lowerBound(sorted, Number(el.dataset.to)) - lowerBound(sorted, Number(el.dataset.from));

  const fillChoices = async () => {
    const data = await getJson(split.choices);
    for (const [name, key] of Object.entries(CHOICES)) {
      const fragment = document.createDocumentFragment();
      for (const [id, text, count] of data[key]) {
        fragment.append(new Option(`${text} (${count})`, id));
      }
      select(name).append(fragment);
    }
  };

  const withQuery = (link, query) => {
    if (!link.dataset.plainHref) link.dataset.plainHref = link.getAttribute("href");
    const plain = link.dataset.plainHref;
    const [path, hash] = plain.split("#");
    link.setAttribute("href", query ? `${path}?${query}${hash ? `#${hash}` : ""}` : plain);
  };

  const showCounts = (positions) => {
    const query = positions ? new URLSearchParams(wantedFromForm()).toString() : "";
    for (const link of ranges) {
      const holder = link.parentElement;
      let note = holder.querySelector(":scope > .pi-match");
      if (!positions) {
        if (note) note.remove();
        holder.classList.remove("is-empty");
      } else {
        const count = countIn(positions, link);
        if (!note) {
          note = document.createElement("span");
          note.className = "pi-match";
          link.after(" ", note);
        }
        note.textContent = `${count} ${count === 1 ? "match" : "matches"}`;
        holder.classList.toggle("is-empty", count === 0);
      }
      withQuery(link, query);
    }
    for (const link of pagerLinks) withQuery(link, query);
    for (const bar of bars) {
      const svg = bar.ownerSVGElement;
      let match = bar.nextElementSibling;
      if (!match || !match.classList.contains("db-match")) {
        match = document.createElementNS("http://www.w3.org/2000/svg", "rect");
        match.setAttribute("class", "db-match");
        for (const a of ["x", "width"]) match.setAttribute(a, bar.getAttribute(a));
        bar.after(match);
      }
      const height = svg.viewBox.baseVal.height;
      const h = positions ? (countIn(positions, bar) / Number(svg.dataset.top)) * height : 0;
      match.setAttribute("y", String(height - h));
      match.setAttribute("height", String(h));
      svg.closest(".density").classList.toggle("is-filtered", Boolean(positions));
    }
  };

  const apply = async (wanted, notes = []) => {
    const mine = ++generation;
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
    let here = "";
    if (active && (items.length || !split)) {
      here = shown
        ? `Showing ${shown} of ${plural(items.length, "event")} on this page (${chosen.join("; ")}).`
        : `No event on this page matches ${chosen.join("; ")}.`;
    }
    status.textContent = [...notes, here].filter(Boolean).join(" ");
    if (!split) return;
    if (!active) {
      showCounts(null);
      return;
    }
    let positions;
    try {
      positions = await matchingPositions(wanted);
    } catch {
      if (mine === generation) {
        status.textContent = [...notes, here, "The counts for the other periods could not be loaded."]
          .filter(Boolean)
          .join(" ");
      }
      return;
    }
    if (mine !== generation) return; // a newer choice is on its way
    showCounts(positions);
    const periods = new Set(
      ranges
        .filter((link) => !link.parentElement.querySelector(".pi-months") && countIn(positions, link) > 0)
        .map((link) => link.dataset.plainHref),
    ).size;
    const whole = positions.length
      ? `${plural(positions.length, "event")} in the whole timeline match${positions.length === 1 ? "es" : ""} ${chosen.join("; ")}` +
        (ranges.length ? `, in ${plural(periods, "period")} (counts below).` : ".")
      : `No event in the whole timeline matches ${chosen.join("; ")}.`;
    status.textContent = [...notes, here, whole].filter(Boolean).join(" ");
    const all = document.querySelector(".all-periods");
    if (all && positions.length) all.open = true;
  };

  const updateUrl = (wanted) => {
    const params = new URLSearchParams(wanted).toString();
    const url = window.location.pathname + (params ? `?${params}` : "") + window.location.hash;
    window.history.replaceState(null, "", url);
  };

  const fromForm = () => {
    const wanted = wantedFromForm();
    apply(wanted);
    updateUrl(wanted);
  };

  const start = () => {
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
  };

  if (split) {
    fillChoices().then(start, () => {
      status.textContent = "The filters could not be loaded; every period is linked below.";
    });
  } else {
    start();
  }

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

  // A click on a bar of a density strip opens the most precise period page holding its
  // first event (the links in the list of periods carry the ranges).
  for (const bar of bars) {
    const from = Number(bar.dataset.from);
    const holders = ranges.filter(
      (link) => Number(link.dataset.from) <= from && from < Number(link.dataset.to),
    );
    const target = holders.sort(
      (a, b) => a.dataset.to - a.dataset.from - (b.dataset.to - b.dataset.from),
    )[0];
    if (!target) continue;
    bar.classList.add("is-linked");
    bar.addEventListener("click", () => {
      window.location.href = target.href;
    });
  }
})();
