"""Stand-in for piper.download_voices (piper1-gpl src/piper/download_voices.py) in tests.

The same arguments (voice names, --download-dir and its aliases, --force-redownload, --debug),
the same files (<voice>.onnx and <voice>.onnx.json in the download dir), the same skip of a
non-empty existing file, and the same failures: urllib's URLError without a network
(FAKE_PIPER_OFFLINE=1) and HTTPError 404 for a voice the server does not have (any voice but
the few below). A voice name that does not match the pattern raises the real ValueError.
"""

import argparse
import json
import logging
import os
import re
import socket
from pathlib import Path
from urllib.error import HTTPError, URLError

VOICE_PATTERN = re.compile(
    r"^(?P<lang_family>[^-]+)_(?P<lang_region>[^-]+)-(?P<voice_name>[^-]+)-(?P<voice_quality>.+)$"
)
KNOWN = {"en_US-lessac-medium": 22050, "en_GB-alan-medium": 22050, "en_US-lessac-low": 16000}

_LOGGER = logging.getLogger(__name__)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("voice", nargs="*")
    parser.add_argument("--download-dir", "--download_dir", "--data-dir", "--data_dir")
    parser.add_argument("--force-redownload", "--force_redownload", action="store_true")
    parser.add_argument("--debug", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.INFO)
    download_dir = Path(args.download_dir) if args.download_dir else Path.cwd()
    download_dir.mkdir(parents=True, exist_ok=True)
    log = os.environ.get("FAKE_SETUP_LOG")
    if log:
        with open(log, "a") as f:
            f.write(json.dumps({"download_voices": args.voice, "download_dir": str(download_dir)}) + "\n")
    for voice in args.voice:
        download_voice(voice, download_dir, args.force_redownload)


def download_voice(voice, download_dir, force_redownload=False):
    voice = voice.strip()
    if not VOICE_PATTERN.match(voice):
        raise ValueError(
            f"Voice '{voice}' did not match pattern: <language>-<name>-<quality> like 'en_US-lessac-medium'",
        )
    url = f"https://huggingface.co/rhasspy/piper-voices/resolve/main/{voice}.onnx?download=true"
    if os.environ.get("FAKE_PIPER_OFFLINE") == "1":
        raise URLError(socket.gaierror(-2, "Name or service not known"))
    if voice not in KNOWN:
        raise HTTPError(url, 404, "Not Found", None, None)
    model_path = download_dir / f"{voice}.onnx"
    if force_redownload or not model_path.exists() or model_path.stat().st_size == 0:
        model_path.write_bytes(b"\x08onnx" * 1024)
    config_path = download_dir / f"{voice}.onnx.json"
    if force_redownload or not config_path.exists() or config_path.stat().st_size == 0:
        config_path.write_text(json.dumps({"audio": {"sample_rate": KNOWN[voice], "quality": "medium"}}))
    _LOGGER.info("Downloaded: %s", voice)


if __name__ == "__main__":
    main()
