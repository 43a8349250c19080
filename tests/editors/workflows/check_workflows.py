"""Checks what the GitHub workflows promise, and runs their shell steps where they can run.

Usage: check_workflows.py BINARY

BINARY is a built career-lsp. The workflows themselves cannot run here; actionlint checks
their syntax (scripts/editors/workflows.sh), and this file checks their content: the CI
workflow runs the README's test command, the release workflow builds every target and
packages one .vsix per target. The release steps that need only bash (the tag check, the
smoke test, the archive and, when the extension is present, the bundled .vsix) are taken
out of release.yml and run in a scratch copy of the repository, and their results are
checked. Prints PASS, FAIL or SKIP per check and `N passed, N failed` last; exits 1 on any
failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[3]
WORKFLOWS = ROOT / ".github" / "workflows"

# Rust target triple -> `vsce package --target` name, for every target the release builds.
TARGETS = {
    "x86_64-unknown-linux-gnu": "linux-x64",
    "aarch64-unknown-linux-gnu": "linux-arm64",
    "x86_64-apple-darwin": "darwin-x64",
    "aarch64-apple-darwin": "darwin-arm64",
    "x86_64-pc-windows-msvc": "win32-x64",
    "aarch64-pc-windows-msvc": "win32-arm64",
}
EDITORS = ["vscode", "nvim", "helix", "emacs"]

passed = 0
failed = 0


def report(ok: bool, name: str, detail: str = "") -> None:
    global passed, failed
    if ok:
        passed += 1
        print(f"PASS: {name}")
    else:
        failed += 1
        print(f"FAIL: {name}{' — ' + detail if detail else ''}")


def skip(name: str, why: str) -> None:
    print(f"SKIP: {name} — {why}")


def load(name: str) -> dict:
    with open(WORKFLOWS / name, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    # YAML 1.1 reads the key `on` as the boolean true.
    if True in doc:
        doc["on"] = doc.pop(True)
    return doc


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def step_named(job: dict, name: str) -> dict:
    for step in steps(job):
        if step.get("name") == name:
            return step
    raise KeyError(f"no step named {name!r}")


def uses(job: dict, action: str) -> list[dict]:
    return [s for s in steps(job) if str(s.get("uses", "")).split("@")[0] == action]


def run_text(job: dict) -> str:
    return "\n".join(str(s.get("run", "")) for s in steps(job))


def check_ci() -> None:
    ci = load("ci.yml")
    on = ci["on"]
    report("push" in on and "pull_request" in on, "ci.yml runs on push and pull_request",
           f"on: {list(on)}")
    jobs = ci["jobs"]
    runners = [j for j in jobs.values() if "scripts/test" in run_text(j).split()]
    report(len(runners) == 1, "ci.yml runs the README's test command (scripts/test)")
    if not runners:
        return
    job = runners[0]
    report(str(job.get("runs-on", "")).startswith("ubuntu"), "ci.yml runs on ubuntu",
           str(job.get("runs-on")))
    rust = uses(job, "dtolnay/rust-toolchain")
    components = str(rust[0].get("with", {}).get("components", "")) if rust else ""
    report(bool(rust) and "clippy" in components and "rustfmt" in components,
           "ci.yml sets up Rust with rustfmt and clippy (scripts/test needs both)")
    image = str(job.get("container", {}).get("image", ""))
    setup_py = uses(job, "actions/setup-python")
    py_ok = image.startswith("python:3.11") or any(
        str(s.get("with", {}).get("python-version")) == "3.11" for s in setup_py)
    report(py_ok, "ci.yml sets up Python 3.11", image or "no setup-python 3.11")
    node = uses(job, "actions/setup-node")
    report(any(str(s.get("with", {}).get("node-version")) == "20" for s in node),
           "ci.yml sets up Node 20")
    timeout = job.get("timeout-minutes", 360)
    report(timeout <= 90, "ci.yml stops the job within CI's 90 minutes", str(timeout))


def check_release_shape(release: dict) -> None:
    tags = release["on"].get("push", {}).get("tags", [])
    report(tags == ["v*"], "release.yml runs on a tag v*", str(tags))
    build = release["jobs"]["build"]
    matrix = build["strategy"]["matrix"]["include"]
    got = {entry["target"]: entry["vsce"] for entry in matrix}
    report(got == TARGETS,
           "release.yml builds Linux, macOS and Windows on x86_64 and arm64, "
           "each with its vsce target", json.dumps(got))
    cargo = [s for s in steps(build) if "cargo build" in str(s.get("run", ""))]
    report(len(cargo) == 1
           and 'cargo build --release --locked --target "$TARGET"' in cargo[0]["run"]
           and build["env"]["TARGET"] == "${{ matrix.target }}",
           "release.yml builds with cargo build --release --locked --target <triple>")
    vsix = step_named(build, "VS Code extension with the binary bundled")
    script = vsix["run"]
    report(vsix.get("working-directory") == "editors/vscode"
           and "npm ci" in script
           and 'npm run package:bundled -- --target "$VSCE_TARGET"' in script
           and vsix.get("env", {}).get("CAREER_LSP_TARGET") == "${{ matrix.target }}"
           and "CAREER_LSP_BINARY=" in script,
           "release.yml packages one .vsix per target with npm ci and package:bundled, "
           "passing CAREER_LSP_TARGET and CAREER_LSP_BINARY")
    upload = uses(build, "actions/upload-artifact")
    report(bool(upload) and upload[0]["with"].get("if-no-files-found") == "error",
           "release.yml keeps each target's archive and .vsix as an artifact")
    publish = release["jobs"]["publish"]
    report(publish.get("needs") == "build"
           and publish.get("permissions", {}).get("contents") == "write"
           and "gh release create" in run_text(publish)
           and "gh release upload" in run_text(publish)
           and release.get("permissions", {}).get("contents") == "read",
           "release.yml attaches the files to the release, with write access only there")


def bash(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    # The shell GitHub Actions uses for `shell: bash`.
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                          cwd=cwd, env={**os.environ, **env}, capture_output=True, text=True,
                          timeout=600)


def check_release_steps(release: dict, binary: Path) -> None:
    version_job = release["jobs"]["version"]
    build = release["jobs"]["build"]
    version = re.search(r'^version = "(.*)"$', (ROOT / "Cargo.toml").read_text(), re.M)[1]
    tag = f"v{version}"
    target = "x86_64-unknown-linux-gnu"

    compare = step_named(version_job, "Compare the tag with Cargo.toml")["run"]
    good = bash(compare, ROOT, {"TAG": tag})
    bad = bash(compare, ROOT, {"TAG": "v0.0.0-not-this"})
    report(good.returncode == 0 and bad.returncode != 0
           and "does not match Cargo.toml version" in bad.stdout,
           f"the tag check accepts {tag} and refuses another tag",
           f"{good.returncode}/{bad.returncode}: {good.stdout}{good.stderr}{bad.stdout}")

    with tempfile.TemporaryDirectory(prefix="career-lsp-release-") as tmp:
        work = Path(tmp)
        shutil.copy2(ROOT / "README.md", work / "README.md")
        shutil.copytree(ROOT / "fixtures" / "demo", work / "fixtures" / "demo")
        release_dir = work / "target" / target / "release"
        release_dir.mkdir(parents=True)
        shutil.copy2(binary, release_dir / "career-lsp")
        env = {"TAG": tag, "TARGET": target, "VSCE_TARGET": TARGETS[target], "EXE": "",
               "GITHUB_WORKSPACE": str(work)}

        smoke = bash(step_named(build, "Smoke test")["run"], work, env)
        report(smoke.returncode == 0 and "career-lsp" in smoke.stdout,
               "the release smoke test passes on the built binary",
               smoke.stdout + smoke.stderr)

        archive = bash(step_named(build, "Archive")["run"], work, env)
        name = f"career-lsp-{tag}-{target}"
        tarball = work / "dist" / f"{name}.tar.gz"
        ok = archive.returncode == 0 and tarball.is_file()
        members: list[str] = []
        if ok:
            with tarfile.open(tarball) as tar:
                members = sorted(tar.getnames())
            sums = bash(f"sha256sum -c {name}.tar.gz.sha256", work / "dist", {})
            ok = sums.returncode == 0
        report(ok and members == [name, f"{name}/README.md", f"{name}/career-lsp"],
               f"the release archive is dist/{name}.tar.gz with the binary, the README "
               "and a checksum that verifies", archive.stdout + archive.stderr + str(members))

        package_json = ROOT / "editors" / "vscode" / "package.json"
        name_vsix = "the bundled .vsix step leaves dist/career-lsp-<tag>-linux-x64.vsix " \
                    "with the binary in extension/server/"
        if not package_json.is_file():
            skip(name_vsix, "editors/vscode/package.json is not in this checkout")
            return
        shutil.copytree(ROOT / "editors" / "vscode", work / "editors" / "vscode",
                        ignore=shutil.ignore_patterns("node_modules", "*.vsix", "server", "out"))
        step = step_named(build, "VS Code extension with the binary bundled")
        env_vsix = {**env, **{k: v.replace("${{ matrix.target }}", target)
                              for k, v in step.get("env", {}).items()}}
        packed = bash(step["run"], work / step["working-directory"], env_vsix)
        vsix = work / "dist" / f"career-lsp-{tag}-{TARGETS[target]}.vsix"
        inside: list[str] = []
        if packed.returncode == 0 and vsix.is_file():
            with zipfile.ZipFile(vsix) as z:
                inside = z.namelist()
        report("extension/server/career-lsp" in inside, name_vsix,
               (packed.stdout + packed.stderr)[-3000:])


def check_package_contract() -> None:
    vscode = ROOT / "editors" / "vscode"
    package_json = vscode / "package.json"
    name = "editors/vscode/package.json has compile, package and package:bundled"
    if not package_json.is_file():
        skip(name, "editors/vscode/package.json is not in this checkout")
        return
    scripts = json.loads(package_json.read_text(encoding="utf-8")).get("scripts", {})
    report(all(k in scripts for k in ("compile", "package", "package:bundled")), name,
           str(sorted(scripts)))


def check_readme() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^## Editors\n(.*?)(?=^## )", text, re.M | re.S)
    report(match is not None, "README.md has an Editors section")
    if not match:
        return
    section = match[1]
    for editor in EDITORS:
        link = f"](editors/{editor}/README.md)"
        report(link in section, f"README.md's Editors section links editors/{editor}/README.md")
        if (ROOT / "editors" / editor / "README.md").is_file():
            report(True, f"editors/{editor}/README.md exists")
        else:
            skip(f"editors/{editor}/README.md exists", "not in this checkout")
    for line in ('code --install-extension', 'vim.lsp.enable("career_lsp")',
                 "vim.lsp.inlay_hint.enable()", 'language-servers = ["marksman", "career-lsp"]',
                 "display-inlay-hints = true", "eglot-server-programs"):
        report(line in section, f"README.md's Editors section shows `{line}`")


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    binary = Path(sys.argv[1]).resolve()
    check_ci()
    release = load("release.yml")
    check_release_shape(release)
    check_release_steps(release, binary)
    check_package_contract()
    check_readme()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
