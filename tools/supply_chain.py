"""Supply-chain checks run by ``make audit`` (and so by ``make test``).

``lock``: every dependency declared in ``pyproject.toml`` (runtime and dev) is pinned in its lock
file (``requirements/base.lock``, ``requirements/dev.lock``) at a version the declaration allows,
so that a change to ``pyproject.toml`` without ``make lock`` fails.

``vulnerabilities``: ``pip-audit`` on the pinned dependencies of ``requirements/dev.lock``
(a superset of ``base.lock``), failing on any known vulnerability. ``pip-audit`` asks a
vulnerability service on the internet; where none can be reached (these machines reach the
package index but not its vulnerability API), every dependency comes back unaudited, and the
check says so plainly instead of passing in silence or failing for a reason that is not a
vulnerability.

    python tools/supply_chain.py lock
    python tools/supply_chain.py vulnerabilities
"""

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s\\;]+)", re.MULTILINE)


def _pins(lock: Path) -> dict[str, str]:
    return {canonicalize_name(name): version for name, version in PIN.findall(lock.read_text())}


def check_lock(root: Path = ROOT) -> list[str]:
    """Problems with the lock files: a declared dependency missing or pinned outside its range."""
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    declared = {
        "requirements/base.lock": project["dependencies"],
        "requirements/dev.lock": project["dependencies"] + project["optional-dependencies"]["dev"],
    }
    problems = []
    for lock_name, requirements in declared.items():
        pins = _pins(root / lock_name)
        for text in requirements:
            requirement = Requirement(text)
            pinned = pins.get(canonicalize_name(requirement.name))
            if pinned is None:
                problems.append(f"{lock_name}: {requirement.name} is not pinned; run `make lock`")
            elif not requirement.specifier.contains(pinned, prereleases=True):
                problems.append(
                    f"{lock_name}: {requirement.name}=={pinned} is outside {requirement.specifier}"
                    "; run `make lock`"
                )
    return problems


def check_vulnerabilities() -> int:
    """Run pip-audit on the dev lock file; 1 if a vulnerability is known, else 0."""
    audit = subprocess.run(  # noqa: S603 - a fixed command on our own lock file
        [
            str(Path(sys.executable).with_name("pip-audit")),
            "--disable-pip",
            "--require-hashes",
            "--requirement",
            str(ROOT / "requirements/dev.lock"),
            "--format",
            "json",
            "--progress-spinner",
            "off",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        report = json.loads(audit.stdout)
    except json.JSONDecodeError:
        print(audit.stderr or audit.stdout, file=sys.stderr)  # noqa: T201
        return 1
    dependencies = report["dependencies"]
    vulnerable = [dep for dep in dependencies if dep.get("vulns")]
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
            print(f"{dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixed})")  # noqa: T201
    if vulnerable:
        return 1
    audited = [dep for dep in dependencies if "skip_reason" not in dep]
    if not audited:
        print(  # noqa: T201
            f"pip-audit: the vulnerability service could not be reached, so none of the "
            f"{len(dependencies)} pinned dependencies was audited here; run `make audit` where "
            "the internet is reachable."
        )
    else:
        print(f"pip-audit: no known vulnerabilities in {len(audited)} pinned dependencies")  # noqa: T201
    return 0


def main() -> int:
    what = sys.argv[1:] or ["lock", "vulnerabilities"]
    status = 0
    if "lock" in what:
        problems = check_lock()
        for problem in problems:
            print(problem, file=sys.stderr)  # noqa: T201
        status |= bool(problems)
        if not problems:
            print("lock files: every declared dependency is pinned within its range")  # noqa: T201
    if "vulnerabilities" in what:
        status |= check_vulnerabilities()
    return status


if __name__ == "__main__":
    sys.exit(main())
