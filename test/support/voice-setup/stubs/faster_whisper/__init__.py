"""Stand-in for faster-whisper 1.2.1 in tests: only what `voice setup` uses.

`download_model(size_or_id, output_dir=...)` has the real signature (faster_whisper/utils.py):
an unknown size raises the real ValueError, and the files it writes into output_dir are the ones
the real allow_patterns fetch (config.json, preprocessor_config.json, model.bin, tokenizer.json,
vocabulary.*). With FAKE_HF_OFFLINE=1 it fails as huggingface_hub does without a network.
"""

import json
import os

__version__ = "1.2.1"

class LocalEntryNotFoundError(OSError):
    """What huggingface_hub.snapshot_download raises when the Hub cannot be reached."""


LocalEntryNotFoundError.__module__ = "huggingface_hub.errors"

_MODELS = {
    "tiny.en": "Systran/faster-whisper-tiny.en",
    "tiny": "Systran/faster-whisper-tiny",
    "base.en": "Systran/faster-whisper-base.en",
    "base": "Systran/faster-whisper-base",
    "small.en": "Systran/faster-whisper-small.en",
    "small": "Systran/faster-whisper-small",
}


def available_models():
    return list(_MODELS.keys())


def download_model(size_or_id, output_dir=None, local_files_only=False, cache_dir=None, revision=None,
                   use_auth_token=None):
    if "/" in size_or_id:
        repo_id = size_or_id
    else:
        repo_id = _MODELS.get(size_or_id)
        if repo_id is None:
            raise ValueError("Invalid model size '%s', expected one of: %s" % (size_or_id, ", ".join(_MODELS.keys())))
    if os.environ.get("FAKE_HF_OFFLINE") == "1":
        raise LocalEntryNotFoundError(
            "An error happened while trying to locate the files on the Hub and we cannot find the appropriate"
            " snapshot folder for the specified revision on the local disk. Please check your internet connection"
            " and try again."
        )
    log = os.environ.get("FAKE_SETUP_LOG")
    if log:
        with open(log, "a") as f:
            f.write(json.dumps({"download_model": size_or_id, "output_dir": output_dir}) + "\n")
    os.makedirs(output_dir, exist_ok=True)
    for name, content in (
        ("config.json", json.dumps({"repo": repo_id})),
        ("preprocessor_config.json", "{}"),
        ("tokenizer.json", "{}"),
        ("vocabulary.txt", "a\nb\n"),
        ("model.bin", "w" * 4096),
    ):
        with open(os.path.join(output_dir, name), "w") as f:
            f.write(content)
    return output_dir
