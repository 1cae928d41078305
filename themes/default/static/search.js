/* Search in the browser (issue 7): fetches the index written by site_builder/search.py
   once, then matches every word of the query against each record's folded text. The
   index URL comes from the form's data-index, so the site may live under any sub-path. */
(() => {
  "use strict";
  const form = document.getElementById("search-form");
  if (!form) return;
  const input = form.elements.q;
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const LIMIT = 50;
  let index = null;

  // Must agree with fold() in site_builder/search.py.
  const fold = (text) =>
    text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().split(/\s+/).filter(Boolean).join(" ");

  const load = () => {
    index ??= fetch(form.dataset.index)
      .then((response) => {
        if (!response.ok) throw new Error(`search index: HTTP ${response.status}`);
        return response.json();
      })
      .then((data) => data.items.map((item) => ({ ...item, tf: fold(item.t) })));
    return index;
  };

  // Every word must occur; a word at the start of a title word ranks highest.
  const score = (item, words) => {
    let total = 0;
    for (const word of words) {
      const at = item.tf.indexOf(word);
      if (at >= 0) total += at === 0 || item.tf[at - 1] === " " ? 10 : 5;
      else if (item.s.includes(word)) total += 1;
      else return 0;
    }
    return total;
  };

  const render = (query, items) => {
    list.replaceChildren();
    if (!query) {
      status.textContent = "";
      return;
    }
    const words = fold(query).split(" ");
    const found = items
      .map((item, order) => ({ item, order, score: score(item, words) }))
      .filter((hit) => hit.score > 0)
      .sort((a, b) => b.score - a.score || a.order - b.order);
    for (const { item } of found.slice(0, LIMIT)) {
      const li = document.createElement("li");
      const link = document.createElement("a");
      link.href = item.u;
      link.textContent = item.t;
      const meta = document.createElement("span");
      meta.className = "search-meta";
      meta.textContent = `${item.k} · ${item.m}`;
      li.append(link, meta);
      list.append(li);
    }
    const count = found.length;
    status.textContent =
      count === 0
        ? `Nothing found for “${query}”.`
        : `${count} ${count === 1 ? "result" : "results"} for “${query}”` +
          (count > LIMIT ? `, first ${LIMIT} shown.` : ".");
  };

  const run = () => {
    const query = input.value.trim();
    const url = window.location.pathname + (query ? `?q=${encodeURIComponent(query)}` : "");
    window.history.replaceState(null, "", url);
    load()
      .then((items) => render(query, items))
      .catch((error) => {
        status.textContent = "The search index could not be loaded.";
        console.error(error);
      });
  };

  let timer = 0;
  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 120);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    window.clearTimeout(timer);
    run();
  });
  // Arrow keys move between the search box and the results.
  form.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && list.firstElementChild) {
      event.preventDefault();
      list.querySelector("a").focus();
    }
  });
  list.addEventListener("keydown", (event) => {
    const links = Array.from(list.querySelectorAll("a"));
    const at = links.indexOf(document.activeElement);
    if (at < 0) return;
    if (event.key === "ArrowDown" && at + 1 < links.length) links[at + 1].focus();
    else if (event.key === "ArrowUp") (at > 0 ? links[at - 1] : input).focus();
    else return;
    event.preventDefault();
  });

  const initial = new URLSearchParams(window.location.search).get("q") || "";
  input.value = initial;
  if (initial) run();
  input.focus();
})();
