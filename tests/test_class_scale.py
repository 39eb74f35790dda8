"""benchmarks/class_scale.py: the parts that need no running hub.

The benchmark itself starts a real JupyterHub and takes tens of seconds, so it is run by hand
(see docs/class-hub.md); these tests check the link it hands out, the hub configuration it
writes, how it reads the kernel's binary frames, and that a learner's failure is recorded
rather than raised.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import urllib.parse
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import ROOT


def _load():
    spec = importlib.util.spec_from_file_location("class_scale", ROOT / "benchmarks" / "class_scale.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


class_scale = _load()


def test_the_nbgitpuller_link_copies_the_course_and_opens_the_lesson():
    link = class_scale.nbgitpuller_link("file:///srv/course.git", "main", "course",
                                        "notebooks/05-what-if-account-survival.ipynb")
    path, query = link.split("?")
    assert path == "git-pull"
    params = dict(urllib.parse.parse_qsl(query))
    assert params == {"repo": "file:///srv/course.git", "branch": "main", "targetpath": "course",
                      "urlpath": "lab/tree/course/notebooks/05-what-if-account-survival.ipynb"}


class _Config(dict):
    """Enough of traitlets' config object to run a jupyterhub_config.py: c.Section.name = value."""

    def __getattr__(self, section):
        return self.setdefault(section, SimpleNamespace())


def test_the_hub_config_keeps_everything_on_this_machine(monkeypatch, tmp_path):
    monkeypatch.setattr(class_scale, "proxy_command", lambda: Path("/opt/proxy/chp"))
    text = class_scale.hub_config(tmp_path, port=8001, hub_port=8002, api_port=8003, token="t" * 64)
    c = _Config()
    exec(compile(text, "jupyterhub_config.py", "exec"), {"c": c})
    assert c["JupyterHub"].ip == "127.0.0.1" and c["JupyterHub"].hub_ip == "127.0.0.1"
    assert c["ConfigurableHTTPProxy"].api_url == "http://127.0.0.1:8003"
    assert c["ConfigurableHTTPProxy"].command == ["/opt/proxy/chp"]
    assert c["JupyterHub"].spawner_class == "simple" and c["JupyterHub"].authenticator_class == "dummy"
    assert c["JupyterHub"].cleanup_servers is True and c["JupyterHub"].cleanup_proxy is True
    singleuser = Path(c["Spawner"].cmd[0])
    assert singleuser.name == "jupyterhub-singleuser" and singleuser.parent == Path(sys.executable).parent
    assert c["SimpleLocalProcessSpawner"].home_dir_template.startswith(str(tmp_path))
    assert str(tmp_path) in c["JupyterHub"].db_url


def test_binary_kernel_frames_are_read_as_their_json_message():
    message = {"msg_type": "comm_msg", "parent_header": {"msg_id": "abc"}}
    part = json.dumps(message).encode()
    buffer = b"\x89PNG...."
    offsets = [4 + 4 * 2, 4 + 4 * 2 + len(part)]
    frame = (2).to_bytes(4, "big") + b"".join(o.to_bytes(4, "big") for o in offsets) + part + buffer
    assert class_scale._decode(frame) == message
    assert class_scale._decode(json.dumps(message)) == message


def test_a_learner_whose_server_cannot_start_is_recorded_not_raised():
    class BrokenHub:
        url = "http://127.0.0.1:1"

        def api(self, method, path, body=None, token=None, timeout=60):
            if path.endswith("/server"):
                return 500, {"message": "spawn failed"}
            return 201, {"token": "x"}

    result = class_scale.learner_session(BrokenHub(), "learner001", "file:///nowhere", Path("x.ipynb"), 5)
    assert result.ok is False and result.seconds is None
    assert "starting the server: HTTP 500" in result.error


@pytest.mark.parametrize("argv", [["--learners", "0"], ["--lesson", "notebooks/99-none.ipynb"]])
def test_bad_arguments_are_named(argv, capsys):
    with pytest.raises(SystemExit):
        class_scale.main(argv)
    err = capsys.readouterr().err
    assert ("--learners must be at least 1, got 0" in err) or ("'notebooks/99-none.ipynb' is not a file" in err)
