#!/usr/bin/env python3
"""How big must a class's JupyterHub be? Start a real one here and give it N learners.

    .venv/bin/python benchmarks/class_scale.py --learners 3 --json work/class-scale-3.json

What it does, all on 127.0.0.1 and all stopped again at the end:

1. makes a throw-away copy of the course as a local git repository (what a class would host);
2. starts a real JupyterHub (``jupyterhub`` from PyPI, pinned in ``requirements.txt``) behind its
   real proxy (``configurable-http-proxy`` from npm, pinned in ``benchmarks/hub/package.json``,
   installed on first use), with a local-process spawner (each learner's server is a process of
   this machine, with a home folder of its own) and a test authenticator (any password);
3. creates N learners; all at once, as a class would at the start of a session, each learner
   - starts their server from the course environment (``jupyterhub-singleuser`` in ``.venv``),
   - follows an **nbgitpuller** link, which copies the course from the git repository into their
     home (``/user/<name>/git-pull?repo=…``, the same link an instructor hands out),
   - runs a what-if lesson top to bottom in a kernel of their own, through the hub and its proxy
     (Jupyter's REST and websocket APIs, as the browser would);
4. reports, per learner: ``ok``, ``seconds`` from the start to a finished run, and ``peak_mb``, the
   peak resident memory of their server plus kernel; and the hub's own peak memory (hub + proxy).

It needs Node.js and npm for the proxy (``apt-get install nodejs npm`` on Debian). It never
leaves this machine: the repository is a local folder and every address is 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROXY_DIR = ROOT / "benchmarks" / "hub"
DEFAULT_LESSON = "notebooks/05-what-if-account-survival.ipynb"
BIN = Path(sys.executable).parent  # the course environment's programs (.venv/bin)


@dataclass
class LearnerResult:
    """What one learner's session measured."""

    learner: str
    ok: bool = False
    seconds: float | None = None
    peak_mb: float = 0.0
    cells: int = 0
    stage: str = "created"
    error: str = ""
    timings: dict[str, float] = field(default_factory=dict)


# --- small helpers ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def proxy_command() -> Path:
    """configurable-http-proxy from benchmarks/hub, installed with npm on first use."""
    program = PROXY_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
    if not program.exists():
        if shutil.which("npm") is None:
            sys.exit("The hub's proxy needs Node.js and npm (Debian: apt-get install nodejs npm).")
        print("Installing configurable-http-proxy (npm, first time only) ...", flush=True)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                       cwd=PROXY_DIR, check=True)
    return program


def hub_config(workdir: Path, *, port: int, hub_port: int, api_port: int, token: str) -> str:
    """The jupyterhub_config.py of the benchmark hub."""
    singleuser = [str(BIN / "jupyterhub-singleuser")]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        singleuser.append("--allow-root")
    config = {
        "ip": "127.0.0.1", "port": port, "hub_port": hub_port, "api_port": api_port,
        "proxy": str(proxy_command()), "db": f"sqlite:///{workdir / 'hub.sqlite'}",
        "cookie": str(workdir / "cookie_secret"), "pid": str(workdir / "proxy.pid"),
        "homes": str(workdir / "home" / "{username}"), "cmd": singleuser, "token": token,
        "path": str(BIN) + os.pathsep + os.environ.get("PATH", ""), "run": workdir.name,
    }
    return f"""# Written by benchmarks/class_scale.py for one run; deleted afterwards.
cfg = {json.dumps(config)}
c.JupyterHub.ip = cfg["ip"]
c.JupyterHub.port = cfg["port"]
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = cfg["hub_port"]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{{cfg['api_port']}}"
c.ConfigurableHTTPProxy.command = [cfg["proxy"]]
c.ConfigurableHTTPProxy.pid_file = cfg["pid"]
c.JupyterHub.db_url = cfg["db"]
c.JupyterHub.cookie_secret_file = cfg["cookie"]
c.JupyterHub.authenticator_class = "dummy"          # a test authenticator: any password
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"               # each learner: a local process, own home
c.SimpleLocalProcessSpawner.home_dir_template = cfg["homes"]
c.Spawner.cmd = cfg["cmd"]
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 300
c.Spawner.environment = {{"PATH": cfg["path"], "CLASS_SCALE_RUN": cfg["run"]}}
c.JupyterHub.concurrent_spawn_limit = 0
c.JupyterHub.active_server_limit = 0
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
c.JupyterHub.services = [{{"name": "class-scale", "api_token": cfg["token"]}}]
c.JupyterHub.load_roles = [{{"name": "class-scale", "services": ["class-scale"],
    "scopes": ["admin:users", "admin:servers", "tokens", "access:servers", "read:users"]}}]
"""


class Hub:
    """A running JupyterHub, spoken to through its REST API with the benchmark's service token."""

    def __init__(self, url: str, token: str) -> None:
        self.url = url.rstrip("/")
        self.token = token

    def api(self, method: str, path: str, body: dict | None = None, token: str | None = None,
            timeout: float = 60) -> tuple[int, dict]:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            f"{self.url}/hub/api{path}", data=data, method=method,
            headers={"Authorization": f"token {token or self.token}",
                     "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                text = response.read().decode() or "{}"
                return response.status, json.loads(text)
        except urllib.error.HTTPError as error:
            return error.code, {"message": error.read().decode(errors="replace")[:300]}

    def wait_until_up(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                status, _ = self.api("GET", "/", timeout=5)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise TimeoutError("the hub did not answer within a minute")


@contextmanager
def running_hub(workdir: Path) -> Iterator[tuple[Hub, subprocess.Popen]]:
    """Start JupyterHub in ``workdir``; stop it, its proxy and every learner's server afterwards."""
    token = secrets.token_hex(32)
    port, hub_port, api_port = free_port(), free_port(), free_port()
    (workdir / "jupyterhub_config.py").write_text(
        hub_config(workdir, port=port, hub_port=hub_port, api_port=api_port, token=token),
        encoding="utf-8")
    (workdir / "home").mkdir()
    log = (workdir / "hub.log").open("w", encoding="utf-8")
    process = subprocess.Popen([str(BIN / "jupyterhub"), "-f", "jupyterhub_config.py"],
                               cwd=workdir, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    try:
        hub = Hub(f"http://127.0.0.1:{port}", token)
        hub.wait_until_up()
        yield hub, process
    finally:
        process.send_signal(signal.SIGTERM)  # the hub stops the servers and the proxy it started
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        _kill_leftovers(workdir)


def _kill_leftovers(workdir: Path) -> None:
    """Whatever still runs from the benchmark's folder (a server the hub lost, the proxy)."""
    import psutil

    for proc in psutil.process_iter(["pid", "cmdline", "cwd", "environ"]):
        try:
            env = proc.info.get("environ") or {}
            cwd = proc.info.get("cwd") or ""
            mine = cwd.startswith(str(workdir)) or env.get("CLASS_SCALE_RUN") == workdir.name
            if mine and proc.pid != os.getpid():
                proc.kill()
        except (psutil.Error, OSError):
            continue


# --- memory: the peak of each learner's server + kernel, and of the hub + proxy ----------------


class MemoryWatch(threading.Thread):
    """Samples resident memory every ``every`` seconds until stopped."""

    def __init__(self, hub_process: subprocess.Popen, every: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.hub_pid = hub_process.pid
        self.every = every
        self.peaks: dict[str, float] = {}
        self.hub_peak = 0.0
        self.total_peak = 0.0
        self._done = threading.Event()

    def stop(self) -> None:
        self._done.set()
        self.join()

    def run(self) -> None:
        import psutil

        while not self._done.is_set():
            try:
                hub = psutil.Process(self.hub_pid)
                family = hub.children(recursive=True)
            except psutil.Error:
                break
            per_user: dict[str, float] = {}
            hub_mb = _rss_mb(hub)
            for proc in family:
                try:
                    user = proc.environ().get("JUPYTERHUB_USER")
                except (psutil.Error, OSError):
                    continue
                if user:
                    per_user[user] = per_user.get(user, 0.0) + _rss_mb(proc)
                else:
                    hub_mb += _rss_mb(proc)  # the proxy
            for user, mb in per_user.items():
                self.peaks[user] = max(self.peaks.get(user, 0.0), mb)
            self.hub_peak = max(self.hub_peak, hub_mb)
            self.total_peak = max(self.total_peak, hub_mb + sum(per_user.values()))
            self._done.wait(self.every)


def _rss_mb(proc) -> float:
    try:
        return proc.memory_info().rss / 2**20
    except Exception:
        return 0.0


# --- one learner ---------------------------------------------------------------------------------


def nbgitpuller_link(repo: str, branch: str, target: str, lesson: str) -> str:
    """The path of the link an instructor hands out (relative to the user's server)."""
    query = urllib.parse.urlencode({"repo": repo, "branch": branch, "targetpath": target,
                                    "urlpath": f"lab/tree/{target}/{lesson}"})
    return f"git-pull?{query}"


def learner_session(hub: Hub, name: str, repo: str, lesson: Path, timeout: float) -> LearnerResult:
    result = LearnerResult(name)
    start = time.monotonic()

    def mark(stage: str) -> None:
        result.stage = stage
        result.timings[stage] = round(time.monotonic() - start, 2)

    try:
        status, _ = hub.api("POST", f"/users/{name}")
        if status not in (201, 409):
            raise RuntimeError(f"creating the learner: HTTP {status}")
        status, body = hub.api("POST", f"/users/{name}/tokens", {"note": "class-scale", "expires_in": 3600})
        if status != 201:
            raise RuntimeError(f"a token for the learner: HTTP {status} {body}")
        token = body["token"]
        status, body = hub.api("POST", f"/users/{name}/server", {}, timeout=timeout)
        if status not in (201, 202):
            raise RuntimeError(f"starting the server: HTTP {status} {body}")
        _wait_for_server(hub, name, token, start + timeout)
        mark("server ready")
        server = f"{hub.url}/user/{name}"
        _follow_nbgitpuller(server, token, repo, start + timeout)
        mark("course pulled")
        result.cells = _run_lesson(server, token, f"course/{lesson.as_posix()}", start + timeout)
        mark("lesson run")
        result.ok = True
        result.seconds = round(time.monotonic() - start, 2)
    except Exception as error:  # a learner's failure is recorded, never fatal to the benchmark
        result.error = f"{type(error).__name__}: {error}"[:300]
    return result


def _wait_for_server(hub: Hub, name: str, token: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        status, body = hub.api("GET", f"/users/{name}", token=token)
        server = (body.get("servers") or {}).get("", {}) if status == 200 else {}
        if server.get("ready"):
            return
        time.sleep(0.5)
    raise TimeoutError("the learner's server did not start in time")


def _get(url: str, token: str, timeout: float) -> urllib.request.addinfourl:
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    try:
        return urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as error:
        raise RuntimeError(f"GET {urllib.parse.urlsplit(url).path}: HTTP {error.code}") from error


def _follow_nbgitpuller(server: str, token: str, repo: str, deadline: float) -> None:
    """The nbgitpuller link: its page, then the event stream the page's script reads."""
    link = nbgitpuller_link(repo, "main", "course", DEFAULT_LESSON)
    with _get(f"{server}/{link}", token, 60) as page:  # the HTML page a learner's browser gets
        if page.status != 200:
            raise RuntimeError(f"nbgitpuller page: HTTP {page.status}")
    api = f"{server}/git-pull/api?" + urllib.parse.urlencode(
        {"repo": repo, "branch": "main", "targetpath": "course"})
    with _get(api, token, max(deadline - time.monotonic(), 1)) as stream:
        for raw in stream:
            line = raw.decode(errors="replace").strip()
            if not line.startswith("data:"):
                continue
            event = json.loads(line[5:])
            if event.get("phase") == "finished":
                return
            if event.get("phase") == "error":
                raise RuntimeError(f"nbgitpuller: {event.get('message')}")
    raise RuntimeError("nbgitpuller's stream ended before it finished")


def _run_lesson(server: str, token: str, path: str, deadline: float) -> int:
    """Run every code cell of the learner's copy of the lesson in a new kernel of their server."""
    import websocket

    quoted = urllib.parse.quote(path)
    with _get(f"{server}/api/contents/{quoted}?type=notebook&content=1", token, 60) as response:
        raw = response.read()
        try:
            notebook = json.loads(raw.decode("utf-8"))["content"]
        except Exception as error:
            raise RuntimeError(f"reading {path}: {dict(response.headers)} {raw[:200]!r}") from error
    cells = [("".join(c["source"]) if isinstance(c["source"], list) else c["source"],
              "raises-exception" in c.get("metadata", {}).get("tags", []))
             for c in notebook["cells"] if c["cell_type"] == "code"]
    request = urllib.request.Request(
        f"{server}/api/kernels", data=b'{"name": "python3"}', method="POST",
        headers={"Authorization": f"token {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            kernel = json.loads(response.read())["id"]
    except urllib.error.HTTPError as error:
        raise RuntimeError(f"starting a kernel: HTTP {error.code}") from error
    folder = str(Path(path).parent)
    ws_url = server.replace("http://", "ws://") + f"/api/kernels/{kernel}/channels"
    ws = websocket.create_connection(ws_url, header=[f"Authorization: token {token}"], timeout=120)
    try:
        _execute(ws, f"import os; os.chdir({folder!r})", deadline, allow_error=False)
        for source, deliberate_error in cells:
            _execute(ws, source, deadline, allow_error=deliberate_error)
    finally:
        ws.close()
        urllib.request.urlopen(urllib.request.Request(
            f"{server}/api/kernels/{kernel}", method="DELETE",
            headers={"Authorization": f"token {token}"}), timeout=60).close()
    return len(cells)


def _decode(frame: str | bytes) -> dict:
    """A kernel message from the websocket: text JSON, or Jupyter's binary frame (messages that
    carry buffers, such as the widgets' images): a count, offsets, then the JSON message first."""
    if isinstance(frame, str):
        return json.loads(frame)
    count = int.from_bytes(frame[:4], "big")
    offsets = [int.from_bytes(frame[4 + 4 * k: 8 + 4 * k], "big") for k in range(count)]
    end = offsets[1] if count > 1 else len(frame)
    return json.loads(frame[offsets[0]:end].decode("utf-8"))


def _execute(ws, source: str, deadline: float, *, allow_error: bool) -> None:
    """Send one execute_request and wait for its reply; only a cell tagged as a deliberate error
    (``raises-exception``) may fail."""
    msg_id = uuid.uuid4().hex
    ws.send(json.dumps({
        "header": {"msg_id": msg_id, "username": "learner", "session": uuid.uuid4().hex,
                   "msg_type": "execute_request", "version": "5.3"},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"code": source, "silent": False, "store_history": True,
                    "user_expressions": {}, "allow_stdin": False, "stop_on_error": False},
    }))
    while True:
        if time.monotonic() > deadline:
            raise TimeoutError("the lesson did not finish in time")
        message = _decode(ws.recv())
        if message.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        if message.get("msg_type") == "execute_reply":
            status = message["content"]["status"]
            if status != "ok" and not allow_error:
                raise RuntimeError(f"a cell failed: {message['content'].get('ename')}")
            return


# --- the whole run -------------------------------------------------------------------------------


def measure(learners: int, lesson: Path, timeout: float) -> dict:
    """Run the class of ``learners`` on a fresh hub; everything started here is stopped here."""
    with tempfile.TemporaryDirectory(prefix="class-scale-") as tmp:
        workdir = Path(tmp)
        repo = workdir / "course.git"
        subprocess.run(["git", "clone", "--quiet", "--bare", "--branch", _branch(), str(ROOT), str(repo)],
                       check=True)
        subprocess.run(["git", "--git-dir", str(repo), "branch", "-f", "main", "HEAD"],
                       check=True, capture_output=True)
        os.environ["CLASS_SCALE_RUN"] = workdir.name
        began = time.monotonic()
        with running_hub(workdir) as (hub, process):
            watch = MemoryWatch(process)
            watch.start()
            names = [f"learner{k:03d}" for k in range(1, learners + 1)]
            results: list[LearnerResult] = [LearnerResult(n) for n in names]
            threads = [threading.Thread(target=lambda k=k: results.__setitem__(
                k, learner_session(hub, names[k], f"file://{repo}", lesson, timeout)))
                for k in range(learners)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            watch.stop()
            for result in results:
                result.peak_mb = round(watch.peaks.get(result.learner, 0.0), 1)
            hub_mb = round(watch.hub_peak, 1)
            total_mb = round(watch.total_peak, 1)
        leftovers = _still_running(workdir)
    ok = [r for r in results if r.ok]
    return {
        "learners": learners,
        "lesson": lesson.as_posix(),
        "ok": len(ok),
        "wall_seconds": round(time.monotonic() - began, 1),
        "hub_mb": hub_mb,
        "total_peak_mb": total_mb,
        "median_seconds": statistics.median([r.seconds for r in ok]) if ok else None,
        "max_seconds": max((r.seconds for r in ok), default=None),
        "median_peak_mb": statistics.median([r.peak_mb for r in ok]) if ok else None,
        "max_peak_mb": max((r.peak_mb for r in ok), default=None),
        "cores": os.cpu_count(),
        "leftover_processes": leftovers,
        "per_learner": [asdict(r) for r in results],
    }


def _branch() -> str:
    out = subprocess.run(["git", "rev-parse", "--abbrev-ref", "HEAD"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout.strip()
    return out if out != "HEAD" else "main"


def _still_running(workdir: Path) -> int:
    import psutil

    count = 0
    for proc in psutil.process_iter(["environ"]):
        try:
            if (proc.info.get("environ") or {}).get("CLASS_SCALE_RUN") == workdir.name and proc.pid != os.getpid():
                count += 1
        except (psutil.Error, OSError):
            continue
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=3, help="how many learners (default 3)")
    parser.add_argument("--lesson", default=DEFAULT_LESSON, help=f"the lesson each runs ({DEFAULT_LESSON})")
    parser.add_argument("--timeout", type=float, default=600, help="seconds each learner may take")
    parser.add_argument("--json", type=Path, help="write the results to this file")
    args = parser.parse_args(argv)
    if args.learners < 1:
        parser.error(f"--learners must be at least 1, got {args.learners}")
    if not (ROOT / args.lesson).exists():
        parser.error(f"--lesson {args.lesson!r} is not a file of the course")
    report = measure(args.learners, Path(args.lesson), args.timeout)
    print(f"{report['ok']} of {report['learners']} learners ran {report['lesson']} through the hub "
          f"in {report['wall_seconds']} s; hub + proxy peak {report['hub_mb']} MB; "
          f"all processes peak {report['total_peak_mb']} MB")
    print(f"{'learner':<12}{'ok':<5}{'seconds':>9}{'peak_mb':>9}  stage / error")
    for r in report["per_learner"]:
        seconds = f"{r['seconds']:.1f}" if r["seconds"] is not None else "-"
        print(f"{r['learner']:<12}{'yes' if r['ok'] else 'NO':<5}{seconds:>9}{r['peak_mb']:>9.0f}  "
              f"{r['error'] or r['stage']}")
    if report["leftover_processes"]:
        print(f"warning: {report['leftover_processes']} process(es) outlived the hub", file=sys.stderr)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")
    return 0 if report["ok"] == report["learners"] and not report["leftover_processes"] else 1


if __name__ == "__main__":
    sys.exit(main())
