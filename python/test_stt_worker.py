"""Protocol tests for stt_worker.py. No faster-whisper needed.

Run: python3 -m unittest discover -s python -p 'test_*.py'

In-process tests drive `serve` with fake engines; subprocess tests run the real file (with the
STT_FAKE_ENGINE test hook, or with a stand-in `faster_whisper` module put first on PYTHONPATH).
"""

import base64
import importlib.util
import io
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest
from types import SimpleNamespace

HERE = os.path.dirname(os.path.abspath(__file__))
WORKER = os.path.join(HERE, "stt_worker.py")
sys.path.insert(0, HERE)

import stt_worker  # noqa: E402  (must import without numpy or faster-whisper)

HAS_NUMPY = importlib.util.find_spec("numpy") is not None
HAS_FASTER_WHISPER = importlib.util.find_spec("faster_whisper") is not None


class RecordingEngine:
    """Checks what reaches the engine and answers with words, like WhisperEngine does."""

    def __init__(self, fail_with=None):
        self.calls = []
        self.fail_with = fail_with

    def transcribe(self, audio, options):
        self.calls.append((audio, dict(options)))
        if self.fail_with:
            raise self.fail_with
        n = len(audio) if isinstance(audio, (bytes, bytearray)) else -1
        return {
            "text": f"got {n}",
            "language": options.get("language", "en"),
            "duration": n / 2 / 16000,
            "segments": [{"start": 0.0, "end": 1.0, "text": f" got {n}", "avg_logprob": -0.1, "no_speech_prob": 0.0}],
            "words": [
                {"word": " got", "start": 0.0, "end": 0.4, "probability": 0.93},
                {"word": f" {n}", "start": 0.4, "end": 1.0, "probability": 0.81},
            ],
        }


def run_serve(engine, *lines):
    out = []
    stdin = io.StringIO("".join(line + "\n" for line in lines))
    stt_worker.serve(engine, stdin, out.append)
    # every response must survive the real encoder
    for obj in out:
        json.loads(json.dumps(obj, allow_nan=False))
    return out


def b64(data):
    return base64.b64encode(data).decode("ascii")


class ServeTests(unittest.TestCase):
    def test_ping(self):
        self.assertEqual(run_serve(RecordingEngine(), '{"id":"1","op":"ping"}'), [{"id": "1", "ok": True}])

    def test_transcribe_pcm_decodes_exact_bytes_and_passes_words_through(self):
        engine = RecordingEngine()
        pcm = bytes(range(256)) * 25  # 6400 bytes = 0.2 s
        [resp] = run_serve(engine, json.dumps({"id": "7", "op": "transcribe", "pcm_b64": b64(pcm)}))
        self.assertEqual(engine.calls[0][0], pcm)
        self.assertEqual(resp["id"], "7")
        self.assertIs(resp["ok"], True)
        self.assertEqual(resp["text"], "got 6400")
        self.assertEqual(resp["duration"], 0.2)
        self.assertEqual(resp["language"], "en")
        self.assertIsInstance(resp["elapsed_ms"], int)
        self.assertEqual(resp["segments"][0]["text"], " got 6400")
        self.assertEqual(resp["words"], [
            {"word": " got", "start": 0.0, "end": 0.4, "probability": 0.93},
            {"word": " 6400", "start": 0.4, "end": 1.0, "probability": 0.81},
        ])

    def test_transcribe_path_and_per_request_options(self):
        engine = RecordingEngine()
        req = {"id": "8", "op": "transcribe", "path": "/tmp/a.wav", "language": "de", "beam_size": 2, "initial_prompt": None}
        [resp] = run_serve(engine, json.dumps(req))
        self.assertTrue(resp["ok"])
        self.assertEqual(engine.calls, [("/tmp/a.wav", {"language": "de", "beam_size": 2})])

    def test_bad_json_answers_ok_false_and_the_loop_continues(self):
        out = run_serve(RecordingEngine(), "this is not json", '{"id":"2","op":"ping"}')
        self.assertEqual(len(out), 2)
        self.assertEqual(out[0]["id"], None)
        self.assertIs(out[0]["ok"], False)
        self.assertIn("not a JSON line", out[0]["error"])
        self.assertEqual(out[1], {"id": "2", "ok": True})

    def test_non_object_json(self):
        [resp] = run_serve(RecordingEngine(), "[1,2]")
        self.assertEqual(resp, {"id": None, "ok": False, "error": "bad request: expected a JSON object"})

    def test_unknown_op_keeps_the_id(self):
        [resp] = run_serve(RecordingEngine(), '{"id":"3","op":"dance"}')
        self.assertEqual(resp, {"id": "3", "ok": False, "error": "unknown op 'dance'"})

    def test_missing_op_is_unknown(self):
        [resp] = run_serve(RecordingEngine(), '{"id":"3","pcm_b64":"AAAA"}')
        self.assertIs(resp["ok"], False)
        self.assertIn("unknown op None", resp["error"])

    def test_bad_audio_fields(self):
        engine = RecordingEngine()
        out = run_serve(
            engine,
            '{"id":"a","op":"transcribe"}',
            '{"id":"b","op":"transcribe","pcm_b64":"AAAA","path":"/x"}',
            '{"id":"c","op":"transcribe","pcm_b64":"%%%not base64"}',
            '{"id":"d","op":"transcribe","pcm_b64":"AAA="}',  # 2 bytes: fine
            '{"id":"e","op":"transcribe","pcm_b64":"AA=="}',  # 1 byte: not a sample
            '{"id":"f","op":"transcribe","path":""}',
        )
        self.assertEqual([r["id"] for r in out], ["a", "b", "c", "d", "e", "f"])
        self.assertEqual([r["ok"] for r in out], [False, False, False, True, False, False])
        self.assertIn("exactly one of pcm_b64 or path", out[0]["error"])
        self.assertIn("not valid base64", out[2]["error"])
        self.assertIn("not a whole number of 16-bit samples", out[4]["error"])
        self.assertEqual(engine.calls, [(b"\x00\x00", {})])

    def test_engine_exception_becomes_ok_false_and_the_loop_continues(self):
        engine = RecordingEngine(fail_with=ValueError("boom"))
        stderr = io.StringIO()
        real = sys.stderr
        sys.stderr = stderr
        try:
            out = run_serve(engine, '{"id":"1","op":"transcribe","pcm_b64":"AAAAAA=="}', '{"id":"2","op":"ping"}')
        finally:
            sys.stderr = real
        self.assertEqual(out, [{"id": "1", "ok": False, "error": "ValueError: boom"}, {"id": "2", "ok": True}])
        self.assertIn("Traceback", stderr.getvalue())

    def test_blank_lines_are_skipped_and_eof_ends_the_loop(self):
        self.assertEqual(run_serve(RecordingEngine(), "", "   ", '{"id":1,"op":"ping"}'), [{"id": 1, "ok": True}])
        self.assertEqual(run_serve(RecordingEngine()), [])

    def test_sender_writes_one_compact_line_and_never_nan(self):
        buf = io.StringIO()
        stt_worker.make_sender(buf)({"id": "1", "ok": True, "duration": float("nan"), "words": [{"start": float("inf")}]})
        self.assertEqual(buf.getvalue(), '{"id":"1","ok":true,"duration":null,"words":[{"start":null}]}\n')


class ConfigTests(unittest.TestCase):
    def test_defaults(self):
        cfg = stt_worker.load_config(None)
        self.assertEqual(cfg["model"], "base.en")
        self.assertEqual(cfg["device"], "cpu")
        self.assertEqual(cfg["compute_type"], "int8")
        self.assertEqual(cfg["cpu_threads"], 4)
        self.assertEqual(cfg["language"], "en")
        self.assertEqual(cfg["beam_size"], 1)
        self.assertIsNone(cfg["download_root"])
        self.assertIs(cfg["local_files_only"], True)
        self.assertIsNone(cfg["initial_prompt"])

    def test_overrides_and_coercion(self):
        cfg = stt_worker.load_config('{"model":"small.en","cpu_threads":"2","local_files_only":false,"download_root":"/m"}')
        self.assertEqual((cfg["model"], cfg["cpu_threads"], cfg["local_files_only"], cfg["download_root"]),
                         ("small.en", 2, False, "/m"))

    def test_bad_config_is_a_startup_error(self):
        for raw in ("{nope", "[1]", '{"cpu_threads":"many"}', '{"initial_prompt":["um"]}'):
            with self.assertRaises(stt_worker.StartupError) as ctx:
                stt_worker.load_config(raw)
            self.assertEqual(ctx.exception.kind, "other")


class MissingModelClassificationTests(unittest.TestCase):
    def test_hub_and_ctranslate2_errors_mean_missing_model(self):
        class EntryNotFoundError(Exception):
            pass

        class LocalEntryNotFoundError(EntryNotFoundError, FileNotFoundError, ValueError):
            pass

        class HFValidationError(ValueError):
            pass

        self.assertTrue(stt_worker.is_missing_model_error(LocalEntryNotFoundError("no snapshot")))
        self.assertTrue(stt_worker.is_missing_model_error(HFValidationError("Repo id must be ...")))
        self.assertTrue(stt_worker.is_missing_model_error(RuntimeError("Unable to open file 'model.bin' in model '/m'")))
        self.assertFalse(stt_worker.is_missing_model_error(ValueError("Requested float16 compute type, but ...")))
        self.assertFalse(stt_worker.is_missing_model_error(RuntimeError("CUDA failed with error out of memory")))


class FakeWhisperModel:
    """Speaks WhisperModel.transcribe's documented shape: a lazy generator and an info object.
    Its signature is faster-whisper 1.2.1's (faster_whisper/transcribe.py, WhisperModel.transcribe),
    defaults included, so a keyword the real model does not take fails here as it would there."""

    def __init__(self, segments):
        self.segments = segments
        self.kwargs = None
        self.consumed = False

    def transcribe(
        self,
        audio,
        language=None,
        task="transcribe",
        log_progress=False,
        beam_size=5,
        best_of=5,
        patience=1,
        length_penalty=1,
        repetition_penalty=1,
        no_repeat_ngram_size=0,
        temperature=[0.0, 0.2, 0.4, 0.6, 0.8, 1.0],
        compression_ratio_threshold=2.4,
        log_prob_threshold=-1.0,
        no_speech_threshold=0.6,
        condition_on_previous_text=True,
        prompt_reset_on_temperature=0.5,
        initial_prompt=None,
        prefix=None,
        suppress_blank=True,
        suppress_tokens=[-1],
        without_timestamps=False,
        max_initial_timestamp=1.0,
        word_timestamps=False,
        prepend_punctuations="\"'“¿([{-",
        append_punctuations="\"'.。,，!！?？:：”)]}、",
        multilingual=False,
        vad_filter=False,
        vad_parameters=None,
        max_new_tokens=None,
        chunk_length=None,
        clip_timestamps="0",
        hallucination_silence_threshold=None,
        hotwords=None,
        language_detection_threshold=0.5,
        language_detection_segments=1,
    ):
        kwargs = dict(locals())
        del kwargs["self"], kwargs["audio"]
        self.audio = audio
        self.kwargs = kwargs

        def gen():
            for s in self.segments:
                yield s
            self.consumed = True

        return gen(), SimpleNamespace(language="en", duration=2.5)


def seg(text, words, no_speech_prob=0.01, avg_logprob=-0.2):
    return SimpleNamespace(start=0.0, end=2.0, text=text, avg_logprob=avg_logprob, no_speech_prob=no_speech_prob,
                           words=[SimpleNamespace(word=w, start=a, end=b, probability=p) for (w, a, b, p) in words])


class WhisperEngineTests(unittest.TestCase):
    """The model path, with a fake WhisperModel injected (path input needs no numpy)."""

    def engine(self, segments):
        engine = stt_worker.WhisperEngine(stt_worker.load_config('{"beam_size":1}'))
        engine.model = FakeWhisperModel(segments)
        return engine

    def test_consumes_the_generator_keeps_words_and_drops_silence_segments(self):
        engine = self.engine([
            seg(" Hello there.", [(" Hello", 0.0, 0.5, 0.9), (" there.", 0.5, 1.0, float("nan"))]),
            seg(" Thank you.", [(" Thank", 1.0, 1.5, 0.2)], no_speech_prob=0.9, avg_logprob=-1.5),
        ])
        out = engine.transcribe("/tmp/a.wav", {})
        self.assertTrue(engine.model.consumed)
        self.assertEqual(engine.model.audio, "/tmp/a.wav")
        kw = engine.model.kwargs
        self.assertIs(kw["word_timestamps"], True)
        self.assertEqual((kw["language"], kw["beam_size"], kw["temperature"], kw["condition_on_previous_text"]),
                         ("en", 1, 0.0, False))
        self.assertEqual(out["text"], "Hello there.")
        self.assertEqual(out["duration"], 2.5)
        self.assertEqual(out["words"], [
            {"word": " Hello", "start": 0.0, "end": 0.5, "probability": 0.9},
            {"word": " there.", "start": 0.5, "end": 1.0, "probability": None},
        ])
        self.assertEqual(len(out["segments"]), 1)

    def test_request_options_override_config(self):
        engine = self.engine([])
        engine.transcribe("/tmp/a.wav", {"language": "de", "beam_size": 3, "vad_filter": False})
        kw = engine.model.kwargs
        self.assertEqual((kw["language"], kw["beam_size"], kw["vad_filter"]), ("de", 3, False))

    def test_no_initial_prompt_unless_configured(self):
        engine = self.engine([])
        engine.transcribe("/tmp/a.wav", {})
        self.assertIsNone(engine.model.kwargs["initial_prompt"])

    def test_the_configured_initial_prompt_reaches_the_model(self):
        engine = stt_worker.WhisperEngine(stt_worker.load_config('{"initial_prompt":"Um, uh, hmm, so, like."}'))
        engine.model = FakeWhisperModel([])
        engine.transcribe("/tmp/a.wav", {})
        self.assertEqual(engine.model.kwargs["initial_prompt"], "Um, uh, hmm, so, like.")
        # A request may set its own, or none ("" would reach faster-whisper as a prompt of one space).
        engine.transcribe("/tmp/a.wav", {"initial_prompt": "Er, erm."})
        self.assertEqual(engine.model.kwargs["initial_prompt"], "Er, erm.")
        engine.transcribe("/tmp/a.wav", {"initial_prompt": ""})
        self.assertIsNone(engine.model.kwargs["initial_prompt"])

    def test_an_empty_configured_prompt_sends_none(self):
        engine = stt_worker.WhisperEngine(stt_worker.load_config('{"initial_prompt":""}'))
        engine.model = FakeWhisperModel([])
        engine.transcribe("/tmp/a.wav", {})
        self.assertIsNone(engine.model.kwargs["initial_prompt"])

    def test_very_short_pcm_skips_the_model(self):
        engine = self.engine([seg(" you", [])])
        out = engine.transcribe(b"\x00\x00" * 100, {})
        self.assertIsNone(engine.model.kwargs)
        self.assertEqual((out["text"], out["words"]), ("", []))

    @unittest.skipUnless(HAS_NUMPY, "numpy is not installed")
    def test_pcm_becomes_float32_in_range(self):
        import numpy as np

        engine = self.engine([])
        pcm = np.array([0, 16384, -32768, 32767] * 1000, dtype="<i2").tobytes()
        engine.transcribe(pcm, {})
        audio = engine.model.audio
        self.assertEqual((audio.dtype, audio.shape), (np.float32, (4000,)))
        self.assertEqual(list(audio[:4]), [0.0, 0.5, -1.0, 32767 / 32768])


# ---------------------------------------------------------------------------------------------
# The real file, as a process


def run_worker(lines, env=None, pythonpath=None):
    full_env = {k: v for k, v in os.environ.items() if k not in ("STT_FAKE_ENGINE", "STT_CONFIG")}
    full_env.update(env or {})
    if pythonpath:
        full_env["PYTHONPATH"] = pythonpath
    proc = subprocess.run([sys.executable, "-u", WORKER], input="".join(line + "\n" for line in lines),
                          capture_output=True, text=True, env=full_env, timeout=120)
    out_lines = proc.stdout.splitlines()
    parsed = [json.loads(line) for line in out_lines]  # every stdout line must be JSON
    return proc, parsed


def shadow_faster_whisper(body):
    """A directory holding a stand-in faster_whisper module, to put first on PYTHONPATH."""
    d = tempfile.mkdtemp(prefix="fw-shadow-")
    with open(os.path.join(d, "faster_whisper.py"), "w") as f:
        f.write(textwrap.dedent(body))
    return d


class WorkerProcessTests(unittest.TestCase):
    def test_fake_engine_end_to_end_stdout_only_protocol(self):
        pcm = b"\x01\x00" * 1600
        proc, out = run_worker(
            ['{"id":"1","op":"ping"}', "garbage", json.dumps({"id": "2", "op": "transcribe", "pcm_b64": b64(pcm)})],
            env={"STT_FAKE_ENGINE": "1", "STT_CONFIG": '{"model":"tiny.en"}'},
        )
        self.assertEqual(proc.returncode, 0, proc.stderr)
        ready = out[0]
        self.assertEqual({k: ready[k] for k in ("type", "model", "device", "compute_type")},
                         {"type": "ready", "model": "tiny.en", "device": "cpu", "compute_type": "int8"})
        self.assertIsInstance(ready["load_ms"], int)
        self.assertIsInstance(ready["warmup_ms"], int)
        self.assertEqual(out[1], {"id": "1", "ok": True})
        self.assertEqual((out[2]["id"], out[2]["ok"]), (None, False))
        self.assertEqual(out[3]["text"], "received 3200 bytes")
        self.assertEqual(out[3]["words"][0]["word"], " received")
        self.assertEqual(len(out), 4)
        self.assertIn("fake engine: 3200 bytes", proc.stderr)  # the engine's print() went to stderr

    def test_missing_package_is_one_fatal_line_and_exit_1(self):
        d = shadow_faster_whisper('raise ImportError("No module named \'ctranslate2\'")\n')
        proc, out = run_worker([], pythonpath=d)
        self.assertEqual(proc.returncode, 1)
        self.assertEqual(len(out), 1)
        self.assertEqual((out[0]["type"], out[0]["kind"]), ("fatal", "missing-package"))
        self.assertIn("ctranslate2", out[0]["error"])

    def test_missing_model_is_one_fatal_line_and_exit_1(self):
        d = shadow_faster_whisper("""
            class EntryNotFoundError(Exception): pass
            class LocalEntryNotFoundError(EntryNotFoundError, FileNotFoundError, ValueError): pass
            class WhisperModel:
                def __init__(self, name, **kw):
                    assert kw["local_files_only"] is True, kw
                    raise LocalEntryNotFoundError("Cannot find an appropriate cached snapshot folder")
        """)
        proc, out = run_worker([], pythonpath=d, env={"STT_CONFIG": '{"model":"small.en"}'})
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertEqual(len(out), 1)
        self.assertEqual((out[0]["type"], out[0]["kind"]), ("fatal", "missing-model"))
        self.assertIn('"small.en"', out[0]["error"])

    def test_other_load_error_is_kind_other(self):
        d = shadow_faster_whisper("""
            class WhisperModel:
                def __init__(self, name, **kw):
                    raise ValueError("Requested float16 compute type, but the target device does not support it")
        """)
        proc, out = run_worker([], pythonpath=d, env={"STT_CONFIG": '{"compute_type":"float16"}'})
        self.assertEqual(proc.returncode, 1)
        self.assertEqual([(o["type"], o["kind"]) for o in out], [("fatal", "other")])
        self.assertIn("float16", out[0]["error"])

    def test_bad_config_is_fatal_other(self):
        proc, out = run_worker([], env={"STT_FAKE_ENGINE": "1", "STT_CONFIG": "{nope"})
        self.assertEqual(proc.returncode, 1)
        self.assertEqual([(o["type"], o["kind"]) for o in out], [("fatal", "other")])

    @unittest.skipUnless(HAS_NUMPY, "numpy is not installed")
    def test_whisper_engine_with_a_stand_in_model_end_to_end(self):
        d = shadow_faster_whisper("""
            from types import SimpleNamespace as NS
            class WhisperModel:
                def __init__(self, name, **kw):
                    print("loading", name)  # library noise: must not reach the protocol
                    self.calls = 0
                def transcribe(self, audio, **kw):
                    self.calls += 1
                    assert kw.get("word_timestamps") or self.calls == 1, kw
                    n = len(audio)
                    words = [NS(word=" samples", start=0.0, end=n / 16000, probability=0.75)]
                    segs = (s for s in [NS(start=0.0, end=n / 16000, text=f" {n} samples", avg_logprob=-0.1,
                                           no_speech_prob=0.0, words=words)])
                    return segs, NS(language="en", duration=n / 16000)
        """)
        pcm = b"\x00\x01" * 8000
        proc, out = run_worker([json.dumps({"id": "1", "op": "transcribe", "pcm_b64": b64(pcm)})], pythonpath=d)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(out[0]["type"], "ready")
        self.assertEqual(out[1]["text"], "8000 samples")
        self.assertEqual(out[1]["words"], [{"word": " samples", "start": 0.0, "end": 0.5, "probability": 0.75}])
        self.assertEqual(len(out), 2)
        self.assertIn("loading base.en", proc.stderr)

    @unittest.skipIf(HAS_FASTER_WHISPER, "faster-whisper is installed here")
    def test_real_import_failure_reports_missing_package(self):
        proc, out = run_worker([])
        self.assertEqual(proc.returncode, 1)
        self.assertEqual([(o["type"], o["kind"]) for o in out], [("fatal", "missing-package")])


if __name__ == "__main__":
    unittest.main()
