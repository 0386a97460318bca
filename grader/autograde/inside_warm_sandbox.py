"""The warm process inside a grading worker's sandbox: imports done once, one fresh kernel per fork.

Run as a script by ``grader.autograde.warm_sandbox`` inside a bubblewrap sandbox that sees
what every kernel may read (never a submission).  It imports what every kernel imports
(ipykernel, pandas, the course package), runs no learner code, and then answers requests, one
JSON line each on its standard input, with one JSON line on its standard output:

- ``start``: fork a kernel for one notebook (below); answers its ``pid`` or an ``error``;
- ``poll``: whether that kernel has ended (its exit code) or not (``null``);
- ``signal``: send it a signal (``SIGKILL`` ends its whole sandbox).

Each kernel is three processes, so that nothing of one notebook reaches the next:

1. a child that leaves the warm process's namespaces for new ones (mounts, process ids,
   network, IPC, host name, cgroup), then waits for 2;
2. the new namespace's process 1, which builds a new root in memory by replaying the very
   mount list a kernel's own bubblewrap gets (``grader.autograde.sandbox.kernel_mounts``:
   read-only binds, an empty ``/tmp``, the working folder, the socket folder) with a fresh
   ``/proc`` and ``/dev/shm``, moves into it, and reaps; when it ends, every process of the
   notebook ends with it;
3. the kernel: it writes the submission's files (sent with the request) into its in-memory
   working folder, hands them to the kernel's user, becomes that user, sets the same limits as
   ``inside_sandbox`` and starts ipykernel in this already warm interpreter.
"""

from __future__ import annotations

import ctypes
import importlib
import json
import os
import platform
import signal
import sys
from base64 import b64decode
from typing import Any

CLONE_NEWNS = 0x00020000
CLONE_NEWCGROUP = 0x02000000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
MNT_DETACH = 2
IFF_UP, SIOCSIFFLAGS = 0x1, 0x8914
PIVOT_ROOT = {"x86_64": 155, "aarch64": 41}  # syscall numbers; glibc has no wrapper
NEW_ROOT = "/run/decisionlab/root"  # an empty folder each kernel's new root is mounted on

_libc = ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"{what}: {os.strerror(error)}")


def _mount(source: str | None, target: str, kind: str | None, flags: int, data: str | None = None) -> None:
    encode = lambda text: text.encode() if text is not None else None  # noqa: E731
    _check(_libc.mount(encode(source), encode(target), encode(kind), flags, encode(data)), f"mount {target}")


# --- 2: the notebook's own root ---------------------------------------------------------------


def _replay(mounts: list[str], root: str) -> None:
    """Build under ``root`` what bubblewrap builds from the same arguments, in order.

    Sources are read in the warm sandbox's view, which holds every read-only path a kernel may
    see at the same place.  The submission's read-only bind is left out: its files come with
    the request instead.
    """
    perms: int | None = None
    size: str | None = None
    args = iter(mounts)
    for option in args:
        if option == "--perms":
            perms = int(next(args), 8)
            continue
        if option == "--size":
            size = next(args)
            continue
        if option == "--dir":
            _make_dir(root + next(args), perms if perms is not None else 0o755)
        elif option == "--tmpfs":
            target = root + next(args)
            _make_dir(target, 0o755)
            options = f"mode={perms if perms is not None else 0o755:o}" + (f",size={size}" if size else "")
            _mount("tmpfs", target, "tmpfs", MS_NOSUID | MS_NODEV, options)
        elif option in ("--ro-bind", "--bind"):
            source, target = next(args), next(args)
            if target == "/run/decisionlab/submission":
                continue
            _bind(source, root + target, read_only=option == "--ro-bind")
        elif option == "--symlink":
            link, target = next(args), next(args)
            os.symlink(link, root + target)
        elif option == "--dev":
            target = root + next(args)
            _bind("/dev", target, read_only=False)
            # As bubblewrap's --dev leaves them, but of this notebook only: an empty
            # shared-memory folder (root's, 0755) and a new instance of the terminals.
            _mount("tmpfs", target + "/shm", "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755")
            _mount(
                "devpts",
                target + "/pts",
                "devpts",
                MS_NOSUID | MS_NOEXEC,
                "newinstance,ptmxmode=0666,mode=620",
            )
        elif option == "--proc":
            target = root + next(args)
            _make_dir(target, 0o555)
            _mount("proc", target, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
        elif option == "--remount-ro":
            path = next(args)
            if path != "/":
                raise ValueError(f"only the root is remounted read-only, not {path}")
            _mount(None, root, None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)
        else:
            raise ValueError(f"unknown mount argument {option}")
        perms, size = None, None


def _make_dir(path: str, mode: int) -> None:
    if not os.path.isdir(path):
        os.makedirs(path, exist_ok=True)
    os.chmod(path, mode)


def _bind(source: str, target: str, *, read_only: bool) -> None:
    if os.path.isdir(source):
        _make_dir(target, 0o755)
    else:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        open(target, "a").close()
    _mount(source, target, None, MS_BIND | MS_REC)
    if read_only:
        _mount(None, target, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)


def _loopback_up() -> None:
    """The new network namespace's own loopback, up, as bubblewrap leaves it: nothing else."""
    import fcntl
    import socket
    import struct

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as handle:
        request = struct.pack("16sH14x", b"lo", IFF_UP)
        fcntl.ioctl(handle, SIOCSIFFLAGS, request)


def _enter(root: str) -> None:
    """Make ``root`` the root of this mount namespace and let go of the old one."""
    number = PIVOT_ROOT.get(platform.machine())
    if number is None:
        raise OSError(f"no pivot_root number for {platform.machine()}")
    os.chdir(root)
    _check(_libc.syscall(number, b".", b"."), "pivot_root")
    _check(_libc.umount2(b".", MNT_DETACH), "umount the warm root")
    os.chdir("/")


# --- 3: the kernel ----------------------------------------------------------------------------


def _write_files(files: list[dict[str, Any]]) -> None:
    """The submission's folder, as sent: folders, files (with their mode) and symbolic links."""
    for entry in files:
        path = entry["path"]
        if os.path.isabs(path) or ".." in path.split("/"):
            raise ValueError(f"a submission path must stay in its folder: {path}")
        if entry["kind"] == "dir":
            os.makedirs(path, exist_ok=True)
        elif entry["kind"] == "link":
            os.symlink(entry["target"], path)
        else:
            with open(path, "wb") as handle:
                handle.write(b64decode(entry["data"]))
            os.chmod(path, entry["mode"] & 0o777)


def _become_kernel(request: dict[str, Any]) -> None:
    """Files, user, limits, environment: then run ipykernel here (never returns)."""
    import resource

    os.chdir(request["cwd"])
    _write_files(request["files"])
    limits = request["limits"]
    uid, gid = limits.get("uid"), limits.get("gid")
    if os.getuid() == 0 and uid is not None and gid is not None:
        for folder, dirs, names in os.walk("."):
            for name in [*dirs, *names]:
                os.chown(os.path.join(folder, name), uid, gid, follow_symlinks=False)
        os.setgroups([])
        os.setgid(gid)
        os.setuid(uid)  # from root to another user: every capability goes with it
        if os.getuid() == 0 or os.geteuid() == 0:
            raise SystemExit("could not leave root")
    for kind, value in (
        (resource.RLIMIT_AS, limits["memory"]),
        (resource.RLIMIT_NPROC, limits["processes"]),
        (resource.RLIMIT_FSIZE, limits["file_size"]),
        (resource.RLIMIT_CORE, 0),
    ):
        resource.setrlimit(kind, (value, value))
    os.environ.clear()
    os.environ.update(request["env"])
    _reseed()
    # As `python -m ipykernel_launcher` started in the working folder would have it.
    sys.path[0] = os.getcwd()
    sys.argv = ["ipykernel_launcher", *request["kernel_args"]]


def _reseed() -> None:
    """Random numbers of their own: a fork inherits the warm process's generators' state."""
    import random

    random.seed()
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        numpy.random.seed()


def _run_kernel(kernel_args: list[str]) -> None:
    from ipykernel.kernelapp import IPKernelApp

    IPKernelApp.launch_instance(argv=kernel_args)


# --- 1 and 2: the namespaces and process 1 ----------------------------------------------------


def _notebook_init(request: dict[str, Any], report: int) -> None:
    """Process 1 of the notebook's namespaces: its root, then the kernel, then reap until it ends."""
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    _loopback_up()
    _mount("tmpfs", NEW_ROOT, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755")
    _replay(request["mounts"], NEW_ROOT)
    _enter(NEW_ROOT)
    kernel = os.fork()
    if kernel == 0:
        try:
            _become_kernel(request)
        except BaseException as error:  # noqa: BLE001 - told to the grading side, then gone
            os.write(report, f"error {type(error).__name__}: {error}\n".encode())
            os._exit(1)
        os.write(report, b"ok\n")
        os.close(report)
        _run_kernel(request["kernel_args"])
        os._exit(0)
    os.close(report)
    # Signals the grading side sends: an interrupt goes to the kernel; the rest end the notebook.
    signal.signal(signal.SIGINT, lambda *_: os.kill(kernel, signal.SIGINT))
    signal.signal(signal.SIGTERM, lambda *_: os._exit(143))
    while True:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            os._exit(0)
        if pid == kernel:
            os._exit(os.waitstatus_to_exitcode(status) & 0xFF)


def _notebook(request: dict[str, Any], report: int) -> None:
    """The forked child: new namespaces, then process 1 in them; ends as process 1 ends."""
    flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWCGROUP
    _check(_libc.unshare(flags), "unshare")
    first = os.fork()
    if first == 0:
        try:
            _notebook_init(request, report)
        except BaseException as error:  # noqa: BLE001
            os.write(report, f"error {type(error).__name__}: {error}\n".encode())
            os._exit(1)
    os.write(report, f"init {first}\n".encode())
    os.close(report)
    _, status = os.waitpid(first, 0)
    os._exit(os.waitstatus_to_exitcode(status) & 0xFF)


# --- the warm process -------------------------------------------------------------------------


class WarmProcess:
    """What the warm process remembers: each notebook's child and its process 1, and exit codes."""

    def __init__(self, answer: Any) -> None:
        self.answer = answer
        self.inits: dict[int, int] = {}
        self.ended: dict[int, int] = {}

    def start(self, request: dict[str, Any]) -> dict[str, Any]:
        read, write = os.pipe()
        child = os.fork()
        if child == 0:
            os.close(read)
            for fd in (0, 1):  # the grading side's channel is not the kernel's
                os.close(fd)
            os.open(os.devnull, os.O_RDONLY)  # fd 0
            os.dup2(2, 1)
            try:
                _notebook(request, write)
            except BaseException as error:  # noqa: BLE001
                os.write(write, f"error {type(error).__name__}: {error}\n".encode())
            os._exit(1)
        os.close(write)
        with os.fdopen(read, "rb") as lines:
            told = [line.decode().strip() for line in lines]
        init = next((int(line.split()[1]) for line in told if line.startswith("init ")), None)
        if init is not None:
            self.inits[child] = init
        if "ok" not in told:
            error = next((line[6:] for line in told if line.startswith("error ")), "the kernel did not start")
            self._end(child)
            return {"error": error}
        return {"pid": child}

    def poll(self, pid: int) -> dict[str, Any]:
        if pid in self.ended:
            return {"status": self.ended[pid]}
        try:
            done, status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return {"status": self.ended.get(pid, -1)}
        if done == 0:
            return {"status": None}
        self.ended[pid] = os.waitstatus_to_exitcode(status)
        self.inits.pop(pid, None)
        return {"status": self.ended[pid]}

    def signal(self, pid: int, signum: int) -> dict[str, Any]:
        init = self.inits.get(pid)
        if init is None:
            return {"gone": True}
        # Process 1 of a namespace gets SIGKILL from here; the others only if it handles them.
        try:
            os.kill(init, signum)
        except ProcessLookupError:
            return {"gone": True}
        return {}

    def _end(self, child: int) -> None:
        init = self.inits.pop(child, None)
        if init is not None:
            try:
                os.kill(init, signal.SIGKILL)
            except ProcessLookupError:
                pass
        _, status = os.waitpid(child, 0)
        self.ended[child] = os.waitstatus_to_exitcode(status)

    def serve(self, requests: Any) -> None:
        for line in requests:
            request = json.loads(line)
            op = request.pop("op")
            if op == "start":
                answer = self.start(request)
            elif op == "poll":
                answer = self.poll(request["pid"])
            elif op == "signal":
                answer = self.signal(request["pid"], request["signum"])
            else:
                answer = {"error": f"unknown request {op}"}
            self.answer(answer)


def main(preload: list[str]) -> None:
    os.chdir("/")
    for name in preload:
        try:
            importlib.import_module(name)
        except ImportError:
            pass  # a kernel that needs it imports it itself, as it would without us
    channel = os.fdopen(1, "w", buffering=1)

    def answer(reply: dict[str, Any]) -> None:
        channel.write(json.dumps(reply) + "\n")

    answer({"ready": True})
    WarmProcess(answer).serve(sys.stdin)


if __name__ == "__main__":
    main(sys.argv[1:])
