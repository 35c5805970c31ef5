"""Stand-in for piper-tts (OHF-Voice/piper1-gpl) in tests: only what `voice setup` uses."""
