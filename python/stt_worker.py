#!/usr/bin/env python3
"""interview-coach speech-to-text worker: faster-whisper behind a JSON-lines protocol.

Started by src/voice/stt/whisper-worker.ts as `python3 -u stt_worker.py`. Configuration comes from
the STT_CONFIG environment variable (JSON). One JSON object per line in each direction:

  stdin  {"id":"1","op":"ping"}
         {"id":"2","op":"transcribe","pcm_b64":"<s16le, 16 kHz, mono>"}
         {"id":"3","op":"transcribe","path":"/tmp/answer.wav"}          (any container PyAV reads)
         optional per request: "language", "beam_size", "initial_prompt", "vad_filter"
         (STT_CONFIG sets the defaults: model, device, compute_type, cpu_threads, language,
          beam_size, download_root, local_files_only, vad_filter, initial_prompt)
  stdout {"type":"ready","model":"base.en","device":"cpu","compute_type":"int8","load_ms":812,"warmup_ms":420}
         {"type":"fatal","error":"...","kind":"missing-package"|"missing-model"|"other"}   (then exit 1)
         {"id":"1","ok":true}
         {"id":"2","ok":true,"text":"...","language":"en","duration":2.31,"elapsed_ms":388,
          "segments":[{"start","end","text","avg_logprob","no_speech_prob"}],
          "words":[{"word","start","end","probability"}]}
         {"id":"2","ok":false,"error":"ValueError: ..."}

Rules: load once, warm up, one `ready` line, serve requests sequentially, never exit on a bad
request, exit 0 on stdin EOF. Only protocol lines go to stdout; everything else (library
prints, warnings, tracebacks) goes to stderr.

The protocol loop (`serve`) knows nothing about Whisper: it drives any object with a
`transcribe(audio, options)` method, where `audio` is PCM bytes or a file path. That keeps
the protocol testable without faster-whisper (python/test_stt_worker.py).

This file must import without numpy or faster-whisper; both are imported inside the model path.
"""

import base64
import binascii
import io
import json
import math
import os
import sys
import time
import traceback

SAMPLE_RATE = 16000
# Below 0.1 s of audio there is nothing to transcribe: answer empty without running the model.
MIN_SAMPLES = SAMPLE_RATE // 10

DEFAULT_CONFIG = {
    "model": "base.en",
    "device": "cpu",
    "compute_type": "int8",
    "cpu_threads": 4,
    "language": "en",
    "beam_size": 1,
    "download_root": None,
    "local_files_only": True,  # never download at run time
    "vad_filter": True,
    # Text Whisper reads before the audio: a disfluent one ("Um, uh, hmm, so, like.") keeps the
    # fillers Whisper otherwise leaves out. The app sends it; None or "" sends no prompt.
    "initial_prompt": None,
}

# Per-request options a transcribe request may carry (they override the config for that request).
REQUEST_OPTIONS = ("language", "beam_size", "initial_prompt", "vad_filter")


class StartupError(Exception):
    """The worker cannot start. `kind` is 'missing-package', 'missing-model' or 'other'."""

    def __init__(self, kind, message):
        super().__init__(message)
        self.kind = kind


class RequestError(Exception):
    """A malformed request: answered with ok:false, no traceback."""


# ---------------------------------------------------------------------------------------------
# Configuration


def load_config(raw):
    """STT_CONFIG (a JSON object, or empty) merged over the defaults. Raises StartupError."""
    cfg = dict(DEFAULT_CONFIG)
    if raw is None or not raw.strip():
        return cfg
    try:
        given = json.loads(raw)
    except ValueError as e:
        raise StartupError("other", f"STT_CONFIG is not valid JSON: {e}")
    if not isinstance(given, dict):
        raise StartupError("other", "STT_CONFIG must be a JSON object")
    for key, value in given.items():
        if value is not None or key == "download_root":
            cfg[key] = value
    try:
        cfg["cpu_threads"] = int(cfg["cpu_threads"])
        cfg["beam_size"] = int(cfg["beam_size"])
    except (TypeError, ValueError) as e:
        raise StartupError("other", f"STT_CONFIG has a bad number: {e}")
    cfg["local_files_only"] = bool(cfg["local_files_only"])
    cfg["vad_filter"] = bool(cfg["vad_filter"])
    cfg["model"] = str(cfg["model"])
    if cfg["initial_prompt"] is not None and not isinstance(cfg["initial_prompt"], str):
        raise StartupError("other", "STT_CONFIG initial_prompt must be text")
    if cfg.get("language") == "":
        cfg["language"] = None  # detect (multilingual models only)
    return cfg


# ---------------------------------------------------------------------------------------------
# The model: faster-whisper


# Exception classes (by name, anywhere in the MRO) that mean "the model files are not here".
# huggingface_hub raises LocalEntryNotFoundError when local_files_only finds no cached snapshot,
# HFValidationError for a path-like name that is not a directory; the others are its siblings.
_MISSING_MODEL_ERRORS = {
    "LocalEntryNotFoundError",
    "EntryNotFoundError",
    "RepositoryNotFoundError",
    "RevisionNotFoundError",
    "GatedRepoError",
    "HFValidationError",
    "OfflineModeIsEnabled",
    "FileNotFoundError",
}


def is_missing_model_error(exc):
    names = {cls.__name__ for cls in type(exc).__mro__}
    if names & _MISSING_MODEL_ERRORS:
        return True
    # CTranslate2, for a local folder without the weights: "Unable to open file 'model.bin' in model '…'"
    return isinstance(exc, RuntimeError) and "Unable to open file" in str(exc)


def _num(x, digits=3):
    """A JSON-safe float (NaN/inf would make the line unparsable on the Node side)."""
    try:
        f = float(x)
    except (TypeError, ValueError):
        return None
    return round(f, digits) if math.isfinite(f) else None


class WhisperEngine:
    """faster-whisper's WhisperModel, loaded once; `transcribe` returns the response body."""

    def __init__(self, cfg):
        self.cfg = cfg
        self.model = None

    def load(self):
        cfg = self.cfg
        try:
            from faster_whisper import WhisperModel
        except ImportError as e:
            raise StartupError("missing-package", f"faster-whisper is not installed for {sys.executable} ({e})")
        try:
            self.model = WhisperModel(
                cfg["model"],
                device=cfg["device"],
                compute_type=cfg["compute_type"],
                cpu_threads=cfg["cpu_threads"],
                num_workers=1,
                download_root=cfg["download_root"],
                local_files_only=cfg["local_files_only"],
            )
        except Exception as e:
            detail = f"{type(e).__name__}: {e}"
            if is_missing_model_error(e):
                raise StartupError("missing-model", f'The Whisper model "{cfg["model"]}" is not available offline ({detail})')
            raise StartupError("other", f'Could not load the Whisper model "{cfg["model"]}" ({detail})')
        try:
            import numpy  # noqa: F401  (faster-whisper needs it too; checked here so the message is clear)
        except ImportError as e:
            raise StartupError("missing-package", f"numpy is not installed for {sys.executable} ({e})")

    def warmup(self):
        """One dummy transcription so the first real answer does not pay for lazy initialisation."""
        import numpy as np

        noise = (np.random.default_rng(0).standard_normal(SAMPLE_RATE) * 0.01).astype(np.float32)
        segments, _ = self.model.transcribe(noise, language=self.cfg["language"], beam_size=1, vad_filter=False)
        list(segments)  # the generator is lazy: decoding happens while it is consumed

    def transcribe(self, audio, options):
        cfg = self.cfg
        language = options.get("language", cfg["language"]) or None
        if isinstance(audio, (bytes, bytearray)):
            samples = len(audio) // 2
            if samples < MIN_SAMPLES:
                return {"text": "", "language": language, "duration": _num(samples / SAMPLE_RATE),
                        "segments": [], "words": []}
            import numpy as np

            audio = np.frombuffer(bytes(audio), dtype="<i2").astype(np.float32) / 32768.0
        segments, info = self.model.transcribe(
            audio,
            language=language,
            beam_size=int(options.get("beam_size", cfg["beam_size"])),
            temperature=0.0,
            condition_on_previous_text=False,
            # faster-whisper turns "" into a prompt of one space: no prompt is None.
            initial_prompt=options.get("initial_prompt", cfg["initial_prompt"]) or None,
            vad_filter=bool(options.get("vad_filter", cfg["vad_filter"])),
            vad_parameters={"min_silence_duration_ms": 500},
            word_timestamps=True,
        )
        segments = list(segments)  # decoding happens here
        # Whisper's own silence rule: a segment that is probably no speech and decoded badly is noise.
        kept = [s for s in segments if not (s.no_speech_prob > 0.6 and s.avg_logprob < -1.0)]
        return {
            "text": "".join(s.text for s in kept).strip(),
            "language": info.language,
            "duration": _num(info.duration),
            "segments": [
                {"start": _num(s.start), "end": _num(s.end), "text": s.text,
                 "avg_logprob": _num(s.avg_logprob, 4), "no_speech_prob": _num(s.no_speech_prob, 4)}
                for s in kept
            ],
            "words": [
                {"word": w.word, "start": _num(w.start), "end": _num(w.end), "probability": _num(w.probability, 4)}
                for s in kept
                for w in (s.words or [])
            ],
        }


class FakeEngine:
    """TEST HOOK ONLY (STT_FAKE_ENGINE=1): no model; answers with the byte count it received.
    It print()s on purpose, to prove that stray prints land on stderr, not in the protocol."""

    def __init__(self, cfg):
        self.cfg = cfg

    def load(self):
        pass

    def warmup(self):
        pass

    def transcribe(self, audio, options):
        if isinstance(audio, (bytes, bytearray)):
            data = audio
        else:
            with open(audio, "rb") as f:
                data = f.read()
        print(f"fake engine: {len(data)} bytes")  # must end up on stderr
        duration = (len(data) // 2) / SAMPLE_RATE
        return {"text": f"received {len(data)} bytes", "language": options.get("language", self.cfg["language"]),
                "duration": duration, "segments": [],
                "words": [{"word": " received", "start": 0.0, "end": duration, "probability": 1.0}]}


# ---------------------------------------------------------------------------------------------
# The protocol loop


def _request_audio(req):
    has_pcm, has_path = "pcm_b64" in req, "path" in req
    if has_pcm == has_path:
        raise RequestError("bad request: a transcribe request needs exactly one of pcm_b64 or path")
    if has_pcm:
        if not isinstance(req["pcm_b64"], str):
            raise RequestError("bad request: pcm_b64 must be a base64 string")
        try:
            pcm = base64.b64decode(req["pcm_b64"], validate=True)
        except (binascii.Error, ValueError) as e:
            raise RequestError(f"bad request: pcm_b64 is not valid base64 ({e})")
        if len(pcm) % 2:
            raise RequestError(f"bad request: {len(pcm)} bytes is not a whole number of 16-bit samples")
        return pcm
    if not isinstance(req["path"], str) or not req["path"]:
        raise RequestError("bad request: path must be a non-empty string")
    return req["path"]


def handle_line(engine, line, send):
    """Answers one request line. Never raises for a bad request or a failing engine."""
    rid = None
    try:
        try:
            req = json.loads(line)
        except ValueError as e:
            raise RequestError(f"bad request: not a JSON line ({e})")
        if not isinstance(req, dict):
            raise RequestError("bad request: expected a JSON object")
        rid = req.get("id")
        op = req.get("op")
        if op == "ping":
            send({"id": rid, "ok": True})
            return
        if op != "transcribe":
            raise RequestError(f"unknown op {op!r}")
        audio = _request_audio(req)
        options = {k: req[k] for k in REQUEST_OPTIONS if k in req and req[k] is not None}
        t0 = time.monotonic()
        result = engine.transcribe(audio, options)
        elapsed_ms = round((time.monotonic() - t0) * 1000)
        send({
            "id": rid,
            "ok": True,
            "text": result.get("text", ""),
            "language": result.get("language"),
            "duration": result.get("duration"),
            "elapsed_ms": elapsed_ms,
            "segments": result.get("segments", []),
            "words": result.get("words", []),
        })
    except BrokenPipeError:
        raise
    except RequestError as e:
        send({"id": rid, "ok": False, "error": str(e)})
    except Exception as e:
        traceback.print_exc(file=sys.stderr)
        send({"id": rid, "ok": False, "error": f"{type(e).__name__}: {e}"})


def serve(engine, stdin, send):
    """Reads requests line by line until EOF, answering each with exactly one `send`."""
    for line in stdin:  # on a pipe, each line is yielded as soon as it arrives
        if line.strip():
            handle_line(engine, line, send)


# ---------------------------------------------------------------------------------------------
# Process wiring


def _finite(obj):
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_finite(v) for v in obj]
    return obj


def make_sender(stream):
    def send(obj):
        stream.write(json.dumps(_finite(obj), ensure_ascii=False, allow_nan=False, separators=(",", ":")) + "\n")
        stream.flush()

    return send


def claim_stdout():
    """Keeps a private handle on the real stdout for protocol lines, and points fd 1 and
    sys.stdout at stderr, so anything else that prints (libraries, C code) cannot corrupt it."""
    sys.stdout.flush()
    proto = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return proto


def make_engine(cfg):
    if os.environ.get("STT_FAKE_ENGINE") == "1":  # test hook, see FakeEngine
        return FakeEngine(cfg)
    return WhisperEngine(cfg)


def main():
    proto = claim_stdout()
    send = make_sender(proto)
    stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
    try:
        cfg = load_config(os.environ.get("STT_CONFIG"))
        engine = make_engine(cfg)
        t0 = time.monotonic()
        engine.load()
        t1 = time.monotonic()
        engine.warmup()
        t2 = time.monotonic()
    except StartupError as e:
        print(f"stt_worker: {e}", file=sys.stderr)
        send({"type": "fatal", "error": str(e), "kind": e.kind})
        return 1
    except Exception as e:
        traceback.print_exc(file=sys.stderr)
        send({"type": "fatal", "error": f"{type(e).__name__}: {e}", "kind": "other"})
        return 1
    send({
        "type": "ready",
        "model": cfg["model"],
        "device": cfg["device"],
        "compute_type": cfg["compute_type"],
        "load_ms": round((t1 - t0) * 1000),
        "warmup_ms": round((t2 - t1) * 1000),
    })
    try:
        serve(engine, stdin, send)
    except (BrokenPipeError, KeyboardInterrupt):
        pass  # the parent went away
    return 0


if __name__ == "__main__":
    sys.exit(main())
