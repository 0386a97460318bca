"""The first program inside the autograde sandbox: drop rights, set limits, start the kernel.

Run as a script (``python -I inside_sandbox.py --memory=... -- <kernel command>``) by the
command that ``grader.autograde.sandbox.confined_command`` builds, so it imports only the
standard library and nothing of the learner's or the course's.  In order:

1. copy the submission's folder (seen read-only) into the working folder, an in-memory copy
   the kernel may change and that is thrown away afterwards (as the files' owner: answers
   files are private to their owner);
2. when started as root, give the copy to ``--uid``/``--gid`` and become them
   (RLIMIT_NPROC never caps root);
3. set the limits (hard and soft, so learner code cannot raise them);
4. replace itself with the kernel, which keeps this process id and these limits.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys


def _arguments(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    split = argv.index("--")
    parser = argparse.ArgumentParser(prog="inside_sandbox")
    parser.add_argument("--memory", type=int, required=True)
    parser.add_argument("--processes", type=int, required=True)
    parser.add_argument("--file-size", type=int, required=True)
    parser.add_argument("--copy-from", required=True)
    parser.add_argument("--uid", type=int)
    parser.add_argument("--gid", type=int)
    return parser.parse_args(argv[:split]), argv[split + 1 :]


def _drop_root(uid: int | None, gid: int | None) -> None:
    if os.getuid() != 0 or uid is None or gid is None:
        return
    for folder, dirs, files in os.walk("."):
        for name in [*dirs, *files]:
            os.chown(os.path.join(folder, name), uid, gid, follow_symlinks=False)
    os.setgroups([])
    os.setgid(gid)
    os.setuid(uid)  # from root to another user: every capability goes with it
    if os.getuid() == 0 or os.geteuid() == 0:
        raise SystemExit("inside_sandbox: could not leave root")


def _copy_submission(source: str, target: str) -> None:
    """Copy the folder's content (not its own mode: the working folder is the sandbox's)."""
    for entry in os.scandir(source):
        destination = os.path.join(target, entry.name)
        if entry.is_dir(follow_symlinks=False):
            shutil.copytree(entry.path, destination, symlinks=True)
        else:
            shutil.copy(entry.path, destination, follow_symlinks=False)


def _limit(kind: int, value: int) -> None:
    resource.setrlimit(kind, (value, value))


def main(argv: list[str]) -> None:
    options, kernel_cmd = _arguments(argv)
    _copy_submission(options.copy_from, os.getcwd())
    _drop_root(options.uid, options.gid)
    _limit(resource.RLIMIT_AS, options.memory)
    _limit(resource.RLIMIT_NPROC, options.processes)
    _limit(resource.RLIMIT_FSIZE, options.file_size)
    _limit(resource.RLIMIT_CORE, 0)
    os.execv(kernel_cmd[0], kernel_cmd)


if __name__ == "__main__":
    main(sys.argv[1:])
