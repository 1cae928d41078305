"""`site-builder serve` over HTTP (issue 4): fresh pages, errors, safety, reloads, exit."""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from site_builder.build.pipeline import build, render_site
from site_builder.content.library import load_library
from site_builder.render.templates import BUNDLED_THEMES
from site_builder.serve.livereload_bridge import SCRIPT, inject
from site_builder.serve.server import bind_free_port, host_warning, map_request, out_dir_problem
from tests.conftest import BASE_FILES, REPO, run
from tests.serving import eventually, get, preview_server

EVENT = "content/events/2025-02-10-geneva-talks.md"
EVENT_URL = "/events/2025-02-10-geneva-talks/"
TITLE = "Delegates agree a ceasefire in Geneva"


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def body_of(server, path: str) -> bytes:
    status, body, _ = get(server, path)
    assert status == 200, (path, status)
    return body


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


# --- which file a URL means ---------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "/../secret.txt",
        "/static/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/static/%252e%252e/%252e%252e/secret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/static\\..\\secret.txt",
        "//etc/passwd",
        "/x%00.html",
    ],
)
def test_paths_leaving_the_output_folder_are_refused(raw):
    assert map_request(raw, "/") == ("refuse", "")


def test_urls_map_to_files_under_the_base_path():
    assert map_request("/repo/events/x/", "/repo/") == ("file", "events/x/index.html")
    assert map_request("/repo/", "/repo/") == ("file", "index.html")
    assert map_request("/repo/static/style.css", "/repo/") == ("file", "static/style.css")
    assert map_request("/", "/repo/") == ("redirect", "/repo/")
    assert map_request("/repo", "/repo/") == ("redirect", "/repo/")
    assert map_request("/other/", "/repo/") == ("outside", "/repo/")
    assert map_request("/caf%C3%A9/", "/") == ("file", "café/index.html")


def test_reload_script_goes_into_any_markup():
    assert inject(b"<html><HEAD><title>t</title></HEAD><body>x</body></html>") == (
        b"<html><HEAD><title>t</title>" + SCRIPT + b"</HEAD><body>x</body></html>"
    )
    assert inject(b"<p>no head</p></body>") == b"<p>no head</p>" + SCRIPT + b"</body>"
    assert inject(b"<p>a fragment") == b"<p>a fragment" + SCRIPT


def test_only_loopback_hosts_bind_without_a_warning():
    for host in ("127.0.0.1", "127.0.0.2", "::1", "localhost"):
        assert host_warning(host) is None
    for host in ("0.0.0.0", "192.168.1.20", "::"):
        assert "other machines on your network" in host_warning(host)


def test_a_busy_port_moves_to_the_next_free_one():
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    busy = taken.getsockname()[1]
    messages: list[str] = []
    try:
        sockets, port = bind_free_port("127.0.0.1", busy, messages.append)
        for s in sockets:
            s.close()
    finally:
        taken.close()
    assert port > busy
    assert f"port {busy} on 127.0.0.1 is already in use" in messages[0]
    assert messages[-1] == f"using port {port} instead of {busy}"


def test_output_inside_the_sources_is_refused(scratch_site, capsys):
    root = scratch_site()
    assert "inside content/" in out_dir_problem(root, root / "content/out")
    assert "replace the site folder" in out_dir_problem(root, root)
    assert out_dir_problem(root, root / "output") is None
    code, _, err = run(root, "serve", "--out", str(root / "content/out"), capsys=capsys)
    assert code == 2 and "inside content/" in err
    assert not (root / "content/out").exists()


# --- a running preview ------------------------------------------------------------------


def test_served_pages_carry_the_reload_script_and_built_files_do_not(scratch_site, tmp_path):
    root = scratch_site()
    with preview_server(root) as (server, _):
        page = body_of(server, EVENT_URL)
        status, missing, _ = get(server, "/no-such-page/")
        _, feed, headers = get(server, "/feed.xml")
    assert SCRIPT in page and status == 404 and SCRIPT in missing
    assert SCRIPT not in feed and headers["Content-Type"].startswith("application/xml")
    assert all(b"livereload" not in data for data in tree(root / "output").values())
    build(root, tmp_path / "built")
    assert tree(tmp_path / "built") == tree(root / "output")


def test_nothing_outside_output_is_served(scratch_site):
    root = scratch_site()
    (root / "secret.txt").write_text("TOP SECRET")
    with preview_server(root) as (server, _):
        for raw in ("/../secret.txt", "/%2e%2e/secret.txt", "/%252e%252e/secret.txt", "//x"):
            status, body, _ = get(server, raw)
            assert status == 403 and b"SECRET" not in body, raw
        assert get(server, "/site.yaml")[0] == 404


def test_a_saved_edit_is_served_and_the_tree_equals_a_clean_build(scratch_site):
    root = scratch_site()
    with preview_server(root) as (server, _):
        assert TITLE.encode() in body_of(server, EVENT_URL)
        edit(root, EVENT, TITLE, "Talks & a truce in Geneva")
        eventually(lambda: b"Talks &amp; a truce in Geneva" in body_of(server, EVENT_URL))
        assert b"Talks &amp; a truce" in body_of(server, "/timeline/")
        server.preview.wait_idle()
        files, _ = render_site(root, load_library(root))
        assert tree(root / "output") == {p.as_posix(): data for p, data in files.items()}


def test_a_deleted_event_is_gone_at_once(scratch_site):
    root = scratch_site()
    with preview_server(root) as (server, _):
        assert get(server, EVENT_URL)[0] == 200
        (root / EVENT).unlink()
        eventually(lambda: get(server, EVENT_URL)[0] == 404)
        server.preview.wait_idle()
        assert not (root / "output/events/2025-02-10-geneva-talks").exists()


def test_a_broken_record_shows_file_line_and_escaped_message_then_recovers(scratch_site):
    root = scratch_site()
    with preview_server(root) as (server, logs):
        edit(root, EVENT, "actors: [jane-doe, freedonia]", "actors: [jane-doe, <b>x</b>]")
        page = eventually(
            lambda: (b := body_of(server, EVENT_URL)) and b"site-builder-problems" in b and b
        )
        assert f"{EVENT}:5".encode() in page
        assert b"unknown actor &#x27;&lt;b&gt;x&lt;/b&gt;&#x27;" in page
        assert b"<b>x</b>" not in page
        assert TITLE.encode() in page  # the last good page is still underneath
        assert f"{EVENT}:5: unknown actor '<b>x</b>'" in "\n".join(logs)
        edit(root, EVENT, "<b>x</b>", "freedonia")
        eventually(lambda: b"site-builder-problems" not in body_of(server, EVENT_URL))


def test_the_server_survives_bad_content(scratch_site):
    root = scratch_site()
    with preview_server(root) as (server, logs):
        (root / EVENT).write_bytes(b"\x00\xff binary junk")
        broken = root / "templates/event.html"
        broken.parent.mkdir()
        broken.write_text("{% extends 'base.html' %}{% block content %}{{ event.nope(}}")
        eventually(lambda: b"site-builder-problems" in body_of(server, "/"))
        assert "binary file" in "\n".join(logs)
        (root / EVENT).write_text(textwrap.dedent(BASE_FILES[EVENT]), encoding="utf-8")
        page = eventually(
            lambda: (b := get(server, EVENT_URL)[1]) and b"template syntax error" in b and b
        )
        assert b"templates/event.html:1" in page
        broken.unlink()
        eventually(lambda: b"site-builder-problems" not in body_of(server, EVENT_URL))


def test_a_burst_of_saves_gives_one_rebuild_and_one_reload(scratch_site):
    root = scratch_site()
    with preview_server(root) as (server, _):
        reloads: list[list[str]] = []
        forward = server.preview.reload
        server.preview.reload = lambda paths: (reloads.append(paths), forward(paths))
        rebuilds = server.preview.rebuilds
        original = (root / EVENT).read_text(encoding="utf-8")
        for n in range(12):  # an editor saving many files, or a git checkout
            text = original.replace("The minister said", f"Save {n}: the minister said")
            (root / EVENT).write_text(text, encoding="utf-8")
            (root / f"content/about-{n}.md").write_text(f"---\ntitle: About {n}\n---\nText.\n")
        eventually(lambda: b"Save 11: the minister said" in body_of(server, EVENT_URL))
        server.preview.wait_idle()
        time.sleep(0.5)  # a late second batch would show up here
        assert reloads == [["*"]]
        assert server.preview.rebuilds == rebuilds + 1


def test_a_css_only_change_reloads_just_the_stylesheet(scratch_site):
    css = (BUNDLED_THEMES / "default/static/style.css").read_text(encoding="utf-8")
    root = scratch_site({"static/style.css": css})
    with preview_server(root) as (server, _):
        reloads: list[list[str]] = []
        server.preview.reload = reloads.append
        (root / "static/style.css").write_text(css + "\nh1 { letter-spacing: 3px; }\n")
        eventually(lambda: b"letter-spacing: 3px" in body_of(server, "/static/style.css"))
        server.preview.wait_idle()
        assert reloads == [["/static/style.css"]]


def test_served_under_the_production_base_path(scratch_site):
    root = scratch_site({"site.yaml": "title: T\nbase_url: https://org.github.io/briefing/\n"})
    with preview_server(root) as (server, _):
        assert server.url.endswith("/briefing/")
        status, _, headers = get(server, "/")
        assert status == 302 and headers["Location"] == "/briefing/"
        assert b'href="/briefing/events/' in body_of(server, "/briefing/")
        assert TITLE.encode() in body_of(server, "/briefing" + EVENT_URL)
        assert get(server, EVENT_URL)[0] == 404


def test_serve_never_writes_into_the_sources(scratch_site):
    root = scratch_site()

    def snapshot():
        paths = [root / "site.yaml", *(root / "content").rglob("*"), *(root / "seeds").rglob("*")]
        return {
            p.relative_to(root).as_posix(): p.read_bytes() if p.is_file() else p.stat().st_mtime_ns
            for p in paths
        }

    with preview_server(root) as (server, _):
        edit(root, EVENT, TITLE, "Edited once")
        before = snapshot()  # after our own edit: from here on only serve runs
        eventually(lambda: b"Edited once" in body_of(server, EVENT_URL))
        for url in ("/", "/timeline/", "/actors/jane-doe/", "/feed.xml", "/nope/"):
            get(server, url)
        server.preview.wait_idle()
        assert snapshot() == before


def test_ctrl_c_stops_the_server_cleanly(scratch_site):
    root = scratch_site()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [sys.executable, "-m", "site_builder", "--root", str(root), "serve", "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        lines = [process.stderr.readline(), process.stderr.readline()]
        assert lines[0].startswith("Serving http://127.0.0.1:"), lines  # before the build
        assert re.match(r"Built \d+ pages in", lines[1]), lines
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=20)
    finally:
        process.kill()
    assert process.returncode == 0
    assert "Stopped." in err and "Traceback" not in err


def test_build_refuses_an_output_folder_that_serve_keeps(scratch_site, capsys):
    """serve writes pages one by one; a whole-tree swap by `build` (here with another
    base URL) would leave a mix of both. The build is refused and changes nothing."""
    root = scratch_site()
    with preview_server(root) as (server, _):
        before = tree(root / "output")
        code, _, err = run(root, "build", "--base-url", "/elsewhere/", capsys=capsys)
        assert code == 1
        assert err.startswith("error: ") and "running `site-builder serve`" in err
        assert "Traceback" not in err
        assert tree(root / "output") == before
        elsewhere = root.parent / "elsewhere-out"
        assert run(root, "build", "--out", str(elsewhere), capsys=capsys)[0] == 0
    assert run(root, "build", capsys=capsys)[0] == 0  # once serve has stopped


def test_a_second_server_on_the_same_output_is_refused(scratch_site, capsys):
    root = scratch_site()
    with preview_server(root):
        code, _, err = run(root, "serve", "--port", "0", capsys=capsys)
    assert code == 1
    assert "in use by another site-builder" in err and "--out" in err


def test_open_shows_the_served_address_in_the_browser(scratch_site, tmp_path):
    """--open hands the address to the user's browser (webbrowser honours $BROWSER)."""
    root = scratch_site()
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\nprintf "%s" "$1" > "{opened}"\n')
    browser.chmod(0o755)
    env = {**os.environ, "PYTHONPATH": str(REPO), "BROWSER": f"{browser} %s"}
    process = subprocess.Popen(
        [sys.executable, "-m", "site_builder", "--root", str(root), "serve", "--port", "0"]
        + ["--open"],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        lines = [process.stderr.readline(), process.stderr.readline()]
        address = re.match(r"Serving (\S+)", lines[0]).group(1)
        eventually(lambda: opened.exists() and opened.read_text() == address)
        status, body, _ = get_url(address)
        assert status == 200 and b"<html" in body
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=20)
    finally:
        process.kill()
    assert process.returncode == 0


def get_url(address: str) -> tuple[int, bytes, dict]:
    match = re.match(r"http://([^/:]+):(\d+)(/.*)", address)
    connection = http.client.HTTPConnection(match.group(1), int(match.group(2)), timeout=30)
    try:
        connection.request("GET", match.group(3))
        response = connection.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    finally:
        connection.close()


# --- who may ask --------------------------------------------------------------------------


def request_with_host(server, path: str, host: str, headers: dict | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", host)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_only_requests_naming_the_preview_are_answered(scratch_site):
    """DNS rebinding: a page at evil.example whose name now points to 127.0.0.1 sends
    Host: evil.example:PORT. It is refused; the preview's own names are answered."""
    root = scratch_site()
    with preview_server(root) as (server, _):
        port = server.port
        for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LocalHost:{port}"):
            assert request_with_host(server, EVENT_URL, host)[0] == 200, host
        for host in (f"evil.example:{port}", "evil.example", f"127.0.0.1:{port + 1}", ""):
            status, body = request_with_host(server, EVENT_URL, host)
            assert status == 421 and b"Refused" in body and TITLE.encode() not in body, host
        status, body = request_with_host(server, "/livereload.js", f"evil.example:{port}")
        assert status == 421 and b"LiveReload" not in body
        upgrade = {
            "Upgrade": "websocket",
            "Connection": "Upgrade",
            "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
            "Sec-WebSocket-Version": "13",
        }
        assert request_with_host(server, "/livereload", f"evil.example:{port}", upgrade)[0] == 421
        assert request_with_host(server, "/livereload", f"127.0.0.1:{port}", upgrade)[0] == 101


def test_allowed_hosts_follow_the_bound_address():
    from site_builder.serve.server import allowed_hosts

    assert allowed_hosts("127.0.0.1", 8000) == {
        "127.0.0.1:8000",
        "localhost:8000",
        "[::1]:8000",
    }
    assert "[::1]:8001" in allowed_hosts("::1", 8001)
    assert "192.168.1.20:8000" in allowed_hosts("192.168.1.20", 8000)
    assert "localhost" in allowed_hosts("127.0.0.1", 80)


# --- the first build --------------------------------------------------------------------


def test_a_page_is_served_before_the_first_build_is_finished(scratch_site, slow_pages):
    root = scratch_site()
    with preview_server(root, wait=False) as (server, _):
        assert TITLE.encode() in body_of(server, EVENT_URL)
        assert server.preview.rebuilds == 0  # the rest of the site is still being written
        server.wait_ready()
        files, _ = render_site(root, load_library(root))
        assert tree(root / "output") == {p.as_posix(): data for p, data in files.items()}


def test_an_older_build_in_output_is_never_served(scratch_site, slow_pages, tmp_path):
    """output/ holds another version of the site: its pages are replaced before they are
    served, and pages it has that the site no longer makes are gone."""
    root = scratch_site()
    build(root, root / "output")
    edit(root, EVENT, TITLE, "Talks resume in Geneva")
    (root / "output/events/gone").mkdir()
    (root / "output/events/gone/index.html").write_text("<p>an old page</p>")
    with preview_server(root, wait=False) as (server, _):
        page = body_of(server, EVENT_URL)
        assert b"Talks resume in Geneva" in page and TITLE.encode() not in page
        assert get(server, "/events/gone/")[0] == 404
        assert b"Talks resume in Geneva" in body_of(server, "/timeline/")
        server.wait_ready()
    build(root, tmp_path / "clean")
    assert tree(root / "output") == tree(tmp_path / "clean")


def test_a_failed_first_build_shows_the_problem(scratch_site):
    root = scratch_site()
    edit(root, EVENT, "actors: [jane-doe, freedonia]", "actors: [jane-doe, nobody]")
    with preview_server(root, wait=False) as (server, logs):
        status, page, _ = get(server, EVENT_URL)
        assert b"site-builder-problems" in page and f"{EVENT}:5".encode() in page
        assert f"{EVENT}:5: unknown actor 'nobody'" in "\n".join(logs)
        edit(root, EVENT, "nobody", "freedonia")
        eventually(lambda: TITLE.encode() in get(server, EVENT_URL)[1])
        assert b"site-builder-problems" not in body_of(server, EVENT_URL)


def test_a_template_error_in_the_first_build_shows_the_problem(scratch_site):
    root = scratch_site()
    (root / "templates").mkdir()
    (root / "templates/event.html").write_text("{% extends 'base.html' %}{{ x.nope(}}")
    with preview_server(root, wait=False) as (server, _):
        page = eventually(lambda: (b := get(server, EVENT_URL)[1]) and b"problems" in b and b)
        assert b"templates/event.html:1" in page
        assert b"site-builder-problems" in body_of(server, "/")
        (root / "templates/event.html").unlink()
        eventually(lambda: TITLE.encode() in get(server, EVENT_URL)[1])
