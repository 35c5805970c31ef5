"""`piper` / `python -m piper`: the stand-in only answers --help (argparse, like the real CLI)."""

import argparse


def main():
    parser = argparse.ArgumentParser(prog="piper")
    parser.add_argument("-m", "--model", required=True)
    parser.add_argument("--output-dir-naming", choices=("timestamp", "text"))
    parser.add_argument("--data-dir", action="append")
    parser.parse_args()


if __name__ == "__main__":
    main()
