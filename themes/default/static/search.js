/* Search in the browser (issue 7) over the chunked index that site_builder/render/search.py
   writes (issue 14): the manifest (the form's data-index, so the site may live under any
   sub-path), then only the term chunks the query's words fall in and the document chunks
   of the results shown. Every word of the query must begin a word of the record; a word
   of the title ranks it higher. */
(() => {
  "use strict";
  const form = document.getElementById("search-form");
  if (!form) return;
  const input = form.elements.q;
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const LIMIT = 50;
  const base = new URL(form.dataset.index, window.location.href);
  const chunks = new Map(); // URL → promise of its JSON, each fetched once
  let manifest = null;
  let asked = 0; // queries run so far: only the latest one's answer is shown

  // Must agree with fold() and WORD in site_builder/render/search.py.
  const fold = (text) =>
    text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().split(/\s+/).filter(Boolean).join(" ");
  const words = (text) => fold(text).match(/[\p{L}\p{N}]+/gu) || [];

  const fetchJSON = (url) => {
    if (!chunks.has(url)) {
      chunks.set(
        url,
        fetch(url).then((response) => {
          if (!response.ok) throw new Error(`search index: HTTP ${response.status}`);
          return response.json();
        }),
      );
    }
    return chunks.get(url);
  };
  const load = () => (manifest ??= fetchJSON(base.href));
  const chunk = (index, kind, n) => fetchJSON(new URL(`${kind}/${n}.json?v=${index.stamp}`, base).href);

  // The term chunks whose runs of words may hold words beginning with `prefix`.
  const termChunks = (index, prefix) => {
    const starts = index.terms;
    let first = 0;
    for (let n = 0; n < starts.length; n++) if (starts[n] !== null && starts[n] <= prefix) first = n;
    const found = [first];
    for (let n = first + 1; n < starts.length && starts[n] !== null; n++) {
      if (starts[n] > prefix && !starts[n].startsWith(prefix)) break;
      found.push(n);
    }
    return found;
  };

  // Record number → score for one query word: 10 where it begins a title word, else 1.
  const matches = async (index, word) => {
    const scores = new Map();
    for (const n of termChunks(index, word)) {
      const terms = await chunk(index, "terms", n);
      for (const [term, postings] of Object.entries(terms)) {
        if (!term.startsWith(word)) continue;
        for (const posting of postings) {
          const record = posting >> 1;
          scores.set(record, Math.max(scores.get(record) || 0, posting & 1 ? 10 : 1));
        }
      }
    }
    return scores;
  };

  const search = async (query) => {
    const index = await load();
    const wanted = [...new Set(words(query))];
    if (!wanted.length) return { count: 0, items: [] };
    const each = await Promise.all(wanted.map((word) => matches(index, word)));
    const hits = [];
    for (const [record, score] of each[0]) {
      let total = score;
      for (const other of each.slice(1)) {
        const more = other.get(record);
        if (!more) {
          total = 0;
          break;
        }
        total += more;
      }
      if (total) hits.push({ record, score: total });
    }
    hits.sort((a, b) => b.score - a.score || a.record - b.record);
    const shown = hits.slice(0, LIMIT);
    const docs = await Promise.all(
      [...new Set(shown.map((hit) => Math.floor(hit.record / index.docs)))].map(async (n) => [
        n,
        await chunk(index, "docs", n),
      ]),
    );
    const byChunk = new Map(docs);
    const items = shown.map(({ record }) => {
      const [k, t, u, m] = byChunk.get(Math.floor(record / index.docs))[record % index.docs];
      return { k, t, u, m };
    });
    return { count: hits.length, items };
  };

  const render = (query, { count, items }) => {
    list.replaceChildren();
    if (!query) {
      status.textContent = "";
      return;
    }
    for (const item of items) {
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
    const ticket = ++asked;
    search(query)
      .then((found) => {
        if (ticket === asked) render(query, found); // a later query may be answered first
      })
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
