"""The sandbox each submitted notebook's kernel runs in at autograde: what it sees and its limits.

nbgrader runs learner code as the instructor, in the course folder.  Here the kernel starts
under bubblewrap (``bwrap``, Debian's ``bubblewrap``): a new mount namespace that holds only
the system, the Python environment, the course package and its public scenarios (all read
only), an empty ``/tmp`` and a copy of the submission's own folder (both small in-memory
file systems, thrown away afterwards); no network, its own process ids, and a memory,
process and file-size cap that learner code cannot raise.  Grades do not depend on it: the
decisions are scored outside the kernel (``grader.autograde.preprocessors``).

:class:`Sandbox` holds the instructor's settings (``c.Sandbox.*`` in ``nbgrader_config.py``);
:func:`confined_command` turns a kernel's command into the confined one; :func:`sandbox_problem`
says in one line why the sandbox cannot start here, or nothing.  The kernel manager that uses
them is ``grader.autograde.confined_kernel``; ``grader.autograde.inside_sandbox`` runs first
inside it.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from traitlets import Bool, Int, List, Unicode
from traitlets.config import Configurable

# Where the submission's folder is seen read-only inside the sandbox, to be copied from.
SUBMISSION_MOUNT = "/run/decisionlab/submission"
MIB = 1024 * 1024
UID_BASE = 3_000_000  # above any real user; process ids stay below 2**22
HOW_TO_ALLOW = (
    "install bubblewrap 0.8 or newer (Debian: apt-get install bubblewrap) on a Linux machine that "
    "allows user namespaces, or set c.Sandbox.enabled = False in nbgrader_config.py to run learner "
    "code unconfined"
)


class Sandbox(Configurable):
    """How a submitted notebook's kernel is confined at autograde (``c.Sandbox.*``)."""

    enabled = Bool(
        True,
        help=(
            "Run each submitted notebook's kernel in the sandbox. False runs learner code with the "
            "grading process's full rights: only for a course whose learners are all trusted."
        ),
    ).tag(config=True)
    bwrap = Unicode("bwrap", help="The bubblewrap program (a name on PATH or a path).").tag(config=True)
    memory_mb = Int(4096, help="Address space a kernel may use (RLIMIT_AS), in MiB.").tag(config=True)
    processes = Int(256, help="Processes and threads the sandbox's user may have (RLIMIT_NPROC).").tag(
        config=True
    )
    scratch_mb = Int(
        256, help="Size of each in-memory folder the kernel may write (its copy of the submission, /tmp)."
    ).tag(config=True)
    notebook_timeout = Int(
        900, help="Seconds a whole notebook may run; cells after the cap are marked as not run."
    ).tag(config=True)
    uid = Int(
        -1,
        help=(
            "When grading as root: the user id the kernel runs as. -1 gives each grading process a "
            "user id of its own (3000000 + its process id), so that the process cap of one batch "
            "never counts the kernels of another batch running at the same time."
        ),
    ).tag(config=True)
    warm_kernels = Bool(
        False,
        help=(
            "Fork each kernel from a warm process of this grading process, in namespaces and a root "
            "of its own, instead of starting bubblewrap and Python for each notebook; the same "
            "confinement (docs/sandbox.md). Root on Linux only; elsewhere kernels start as usual. "
            "`decisionlab grade` turns it on for its workers unless the course sets it."
        ),
    ).tag(config=True)
    read_only_paths = List(
        Unicode(),
        help=(
            "More folders the kernel may read (a course's own data). Never the course folder, "
            "its source/, its gradebook or a private scenario pack."
        ),
    ).tag(config=True)


@dataclass(frozen=True)
class KernelPlace:
    """Where one kernel runs: its working folder (the submission's copy) and its socket folder."""

    cwd: Path
    ipc_dir: Path


def sandbox_problem(sandbox: Sandbox) -> str:
    """Why the sandbox cannot start on this machine (one line), or "" when it can."""
    if not sandbox.enabled:
        return ""
    return _probe(sandbox.bwrap)


@functools.lru_cache(maxsize=4)
def _probe(bwrap: str) -> str:
    if not sys.platform.startswith("linux"):
        return f"the autograde sandbox needs Linux (this is {sys.platform}); {HOW_TO_ALLOW}"
    program = shutil.which(bwrap)
    if program is None:
        return f"the autograde sandbox needs bubblewrap ('{bwrap}' is not on PATH); {HOW_TO_ALLOW}"
    # The namespaces and the sized in-memory folder (bubblewrap 0.8) that every kernel gets.
    sized_tmp = ["--perms", "1777", "--size", str(MIB), "--tmpfs", "/tmp"]
    probe = [program, *_namespaces(), "--ro-bind", "/", "/", *sized_tmp, "--proc", "/proc", "true"]
    try:
        run = subprocess.run(probe, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"the autograde sandbox could not start bubblewrap ({error}); {HOW_TO_ALLOW}"
    if run.returncode != 0:
        reason = (run.stderr.strip().splitlines() or [f"exit status {run.returncode}"])[-1]
        return f"the autograde sandbox could not start bubblewrap ({reason}); {HOW_TO_ALLOW}"
    return ""


def _as_root() -> bool:
    return os.geteuid() == 0


def _namespaces() -> list[str]:
    """New namespaces for everything but users when grading as root (the kernel then drops to
    ``Sandbox.uid``, whose process count RLIMIT_NPROC caps; root's is never capped), and a user
    namespace otherwise (unprivileged bubblewrap needs one, and counts processes in it)."""
    shared = ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"]
    return shared if _as_root() else ["--unshare-user", "--disable-userns", *shared]


def readable_paths(sandbox: Sandbox) -> list[Path]:
    """What the kernel may read besides the system: the Python environment, the course package
    and its public scenarios, and the instructor's ``Sandbox.read_only_paths``.

    Not the folder that holds the package (a checkout holds ``labs/`` with the hidden tests,
    and may hold the course), nor the private packs of ``DECISIONLAB_SCENARIOS``.
    """
    import grader
    from grader.paths import content_root

    prefixes = {sys.prefix, sys.base_prefix, sys.exec_prefix}
    package = Path(grader.__file__).resolve().parent
    return [
        *(Path(p) for p in prefixes),
        package,
        content_root() / "scenarios",
        *(Path(p) for p in sandbox.read_only_paths),
    ]


def confined_command(
    kernel_cmd: list[str], place: KernelPlace, sandbox: Sandbox, readable: Iterable[Path]
) -> list[str]:
    """``kernel_cmd`` run in the sandbox: the kernel reads ``readable`` and writes only in
    memory (its working folder starts as a copy of ``place.cwd``)."""
    program = shutil.which(sandbox.bwrap) or sandbox.bwrap
    cmd = [
        program,
        *_namespaces(),
        "--die-with-parent",
        "--new-session",
        *kernel_mounts(place, sandbox, readable),
    ]
    cmd += ["--chdir", str(place.cwd)]
    cmd += _environment()
    if _as_root():
        # Only to hand the copy to Sandbox.uid and become it; all go with the change of user.
        cmd += ["--cap-add", "CAP_CHOWN", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
    entry = Path(__file__).with_name("inside_sandbox.py")
    limits = [*kernel_limits(sandbox), f"--copy-from={SUBMISSION_MOUNT}"]
    # -I: the entry imports only the standard library, before the limits apply.
    return [*cmd, "--", kernel_cmd[0], "-I", str(entry), *limits, "--", *kernel_cmd]


def kernel_mounts(place: KernelPlace, sandbox: Sandbox, readable: Iterable[Path]) -> list[str]:
    """What a kernel's file system is made of, as bubblewrap's arguments, in order.

    The one list both ways of starting a kernel build: bubblewrap per kernel
    (:func:`confined_command`) and a kernel forked from a warm process
    (``grader.autograde.inside_warm_sandbox``), which replays the same list in a fresh root.
    """
    scratch = str(sandbox.scratch_mb * MIB)
    mounts = _readable_mounts(sandbox, readable)
    mounts.add("--ro-bind", str(place.cwd), Path(SUBMISSION_MOUNT))
    mounts.add("--perms", "1777", "--size", scratch, "--tmpfs", place.cwd)
    mounts.add("--bind", str(place.ipc_dir), place.ipc_dir)
    # The folders made above sit in an in-memory root of their own; nothing may write there.
    mounts.cmd += ["--remount-ro", "/"]
    return mounts.cmd


def warm_command(sandbox: Sandbox, readable: Iterable[Path], ipc_root: Path, program: list[str]) -> list[str]:
    """``program`` in a sandbox that sees what every kernel may read and nothing of any
    submission, with the rights to build each kernel's namespaces (as root only).

    The warm process of ``grader.autograde.warm_sandbox`` runs there; each kernel it forks
    replays :func:`kernel_mounts` in a root of its own.
    """
    from grader.autograde.inside_warm_sandbox import NEW_ROOT

    mounts = _readable_mounts(sandbox, readable)
    mounts.add("--dir", Path(NEW_ROOT))
    mounts.add("--bind", str(ipc_root), ipc_root)
    mounts.cmd += ["--remount-ro", "/"]
    bwrap = shutil.which(sandbox.bwrap) or sandbox.bwrap
    cmd = [bwrap, *_namespaces(), "--die-with-parent", "--new-session", *mounts.cmd, "--chdir", "/"]
    cmd += _environment()
    # Mounts, namespaces and the change of root for each kernel, and its loopback up; handing
    # its files to the kernel's user and becoming it. A kernel loses all of them when it
    # leaves root.
    for capability in ("CAP_SYS_ADMIN", "CAP_NET_ADMIN", "CAP_CHOWN", "CAP_SETUID", "CAP_SETGID"):
        cmd += ["--cap-add", capability]
    return [*cmd, "--", *program]


def warm_kernels_possible() -> bool:
    """Kernels are forked from a warm process only when grading as root on Linux (it needs to
    make namespaces and mounts for each kernel, which bubblewrap allows only to root)."""
    return _as_root() and sys.platform.startswith("linux")


def _readable_mounts(sandbox: Sandbox, readable: Iterable[Path]) -> _Mounts:
    """The part of a kernel's file system that is the same for every notebook."""
    scratch = str(sandbox.scratch_mb * MIB)
    mounts = _Mounts()
    # First the empty in-memory /tmp, so that binds below it (a course or a venv in /tmp) stay.
    mounts.add("--perms", "1777", "--size", scratch, "--tmpfs", Path("/tmp"))
    mounts.cmd += ["--dev", "/dev", "--proc", "/proc", *_system_binds()]
    for path in _unique(Path(p) for p in readable):
        if path.exists():
            mounts.add("--ro-bind", str(path), path)
    # The instructor versions of the labs (hidden tests) read as an empty folder, whether they
    # sit beside the package (a checkout) or inside it (a wheel's copy).
    if _labs_dir().is_dir():
        mounts.add("--perms", "0555", "--size", str(MIB), "--tmpfs", _labs_dir())
    return mounts


def kernel_limits(sandbox: Sandbox) -> list[str]:
    """The caps the entry program sets before it becomes the kernel, and the user it becomes."""
    limits = [
        f"--memory={sandbox.memory_mb * MIB}",
        f"--processes={sandbox.processes}",
        f"--file-size={sandbox.scratch_mb * MIB}",
    ]
    if _as_root():
        uid = kernel_uid(sandbox)
        limits += [f"--uid={uid}", f"--gid={uid}"]
    return limits


class _Mounts:
    """bwrap's mount arguments, each mount point's missing parents made first, open to all
    (bwrap would make them 0700 after the host's /root, and the kernel's user could not pass)."""

    def __init__(self) -> None:
        self.cmd: list[str] = []
        self._made: set[Path] = {Path("/")}
        self._read_only: set[Path] = {Path("/usr"), Path("/etc"), Path("/dev"), Path("/proc")}

    def add(self, *args: str | Path) -> None:
        target = Path(args[-1])
        for parent in reversed(target.parents):
            if parent in self._made or any(_within(parent, bound) for bound in self._read_only):
                continue  # there already, or inside a read-only bind where it exists
            self.cmd += ["--perms", "0755", "--dir", str(parent)]
            self._made.add(parent)
        self.cmd += [str(a) for a in args]
        self._made.add(target)
        if args[0] == "--ro-bind":
            self._read_only.add(target)


def kernel_uid(sandbox: Sandbox) -> int:
    """The user (and group) id a kernel runs as when grading as root."""
    return sandbox.uid if sandbox.uid >= 0 else UID_BASE + os.getpid()


def _system_binds() -> list[str]:
    """The operating system, read only: /usr (and the merged-/usr links), /etc, and /lib* on
    systems that do not merge them."""
    binds = ["--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        top = Path("/") / name
        if top.is_symlink():
            binds += ["--symlink", os.readlink(top), str(top)]
        elif top.is_dir():
            binds += ["--ro-bind", str(top), str(top)]
    return binds


def _environment() -> list[str]:
    """bubblewrap's arguments for :func:`kernel_environment`'s changes."""
    unset, settings = kernel_environment()
    args: list[str] = []
    for name in unset:
        args += ["--unsetenv", name]
    for name, value in settings.items():
        args += ["--setenv", name, value]
    return args


def kernel_environment() -> tuple[list[str], dict[str, str]]:
    """What a kernel's environment loses and gets over the grading process's: a home, caches and
    IPython's profile in the sandbox's /tmp; no private scenario packs."""
    from grader.runtime import SCENARIOS_ENV

    settings = {
        "HOME": "/tmp",
        "TMPDIR": "/tmp",
        "IPYTHONDIR": "/tmp/.ipython",
        "JUPYTER_RUNTIME_DIR": "/tmp/.jupyter-runtime",
        "MPLCONFIGDIR": "/tmp/.matplotlib",
        "XDG_CACHE_HOME": "/tmp/.cache",
        "USER": "learner",  # the kernel's user id has no name in /etc/passwd
        "LOGNAME": "learner",
    }
    # JPY_PARENT_PID: inside its own process ids the kernel's parent is always 1, which
    # ipykernel reads as "the grading process has gone"; --die-with-parent does that job.
    return [SCENARIOS_ENV, "JPY_PARENT_PID"], settings


def _labs_dir() -> Path:
    from grader.paths import labs_dir

    return labs_dir().resolve()


def _within(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _unique(paths: Iterable[Path]) -> list[Path]:
    """Each path once, without those inside another one of them (bwrap binds the outer one)."""
    resolved = sorted({p.resolve() for p in paths}, key=lambda p: len(p.parts))
    kept: list[Path] = []
    for path in resolved:
        if not any(_within(path, outer) for outer in kept):
            kept.append(path)
    return kept
