"""Builds real wheels of the stub packages (stubs/) for the real-venv test of `voice setup`.

usage: python3 build-wheels.py OUT_DIR

Writes faster_whisper-1.2.1-py3-none-any.whl and piper_tts-1.3.0-py3-none-any.whl: the stub
modules plus the dist-info a real wheel has (METADATA, WHEEL, entry_points.txt, RECORD with
sha256 hashes), so a real pip installs them offline (--no-index --find-links OUT_DIR) and makes
the `piper` console script from piper-tts's entry point, as it does for the real package.
"""

import base64
import hashlib
import os
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
STUBS = os.path.join(HERE, "stubs")
WHEEL = "Wheel-Version: 1.0\nGenerator: interview-coach-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n"


def digest(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def build(out_dir, dist, version, package, entry_points=None):
    name = dist.replace("-", "_")
    info = f"{name}-{version}.dist-info"
    files = {}
    for root, _dirs, names in os.walk(os.path.join(STUBS, package)):
        for n in names:
            if n.endswith(".py"):
                path = os.path.join(root, n)
                with open(path, "rb") as f:
                    files[os.path.relpath(path, STUBS)] = f.read()
    files[f"{info}/METADATA"] = f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n".encode()
    files[f"{info}/WHEEL"] = WHEEL.encode()
    if entry_points:
        files[f"{info}/entry_points.txt"] = entry_points.encode()
    record = "".join(f"{p},{digest(d)},{len(d)}\n" for p, d in files.items()) + f"{info}/RECORD,,\n"
    files[f"{info}/RECORD"] = record.encode()
    wheel = os.path.join(out_dir, f"{name}-{version}-py3-none-any.whl")
    with zipfile.ZipFile(wheel, "w") as z:
        for p, d in files.items():
            z.writestr(p, d)
    return wheel


if __name__ == "__main__":
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    build(out, "faster-whisper", "1.2.1", "faster_whisper")
    build(out, "piper-tts", "1.3.0", "piper", "[console_scripts]\npiper = piper.__main__:main\n")
