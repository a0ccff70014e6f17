#!/usr/bin/env python3
"""Whole-process benchmark of absah against the tools a user would otherwise pick.

Renders the same one-page letter (samples/sk_kelahiran.json) with absah (per process, per
document in one process through bench_stages, per document in `render --batch` when the CLI
has it), WeasyPrint and wkhtmltopdf (tests/bench/peers/letter.html + letter.css) and pdflatex
(tests/bench/peers/letter.tex); verifies the signed letter with absah and poppler's pdfsig;
reads the QR seal of degraded scans with absah and zbarimg. Every ratio comes from one run on
one machine. Prints a markdown report and writes it to --out. docs/benchmarks.md explains
what each row measures.
"""

import argparse
import json
import re
import resource
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent.parent
LETTER = "sk_kelahiran"
# Letters whose signed renderings are rasterised for the QR read-rate test.
SCAN_LETTERS = ["sk_kelahiran", "sk_kematian", "sk_pindah"]
SCAN_DPIS = [110, 150, 200]


def log(message):
    print(message, file=sys.stderr, flush=True)


def have(tool):
    return shutil.which(tool) is not None


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def time_command(cmd, runs, cwd, warmup=2):
    """(median wall time, mean CPU time user + system) of a command in seconds: hyperfine when
    present, else our own loop. On a shared machine the CPU time is the steadier figure."""
    if have("hyperfine"):
        with tempfile.NamedTemporaryFile(suffix=".json") as f:
            proc = run(["hyperfine", "-N", "--warmup", str(warmup), "--runs", str(runs),
                        "--export-json", f.name, subprocess.list2cmdline(cmd)], cwd=cwd)
            if proc.returncode != 0:
                raise RuntimeError(f"hyperfine failed for {cmd}: {proc.stderr.decode()[-500:]}")
            result = json.load(open(f.name))["results"][0]
            return statistics.median(result["times"]), result["user"] + result["system"]
    walls, cpus = [], []
    for i in range(warmup + runs):
        cpu_before = children_cpu()
        start = time.perf_counter()
        proc = run(cmd, cwd=cwd)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            raise RuntimeError(f"{cmd} failed: {proc.stderr.decode()[-500:]}")
        if i >= warmup:
            walls.append(elapsed)
            cpus.append(children_cpu() - cpu_before)
    return statistics.median(walls), statistics.mean(cpus)


def micro_medians(bench_binary, pattern, min_time):
    """{benchmark name: (median real time, median CPU time)} in seconds from a Google Benchmark
    binary."""
    proc = run([str(bench_binary), f"--benchmark_filter={pattern}", "--benchmark_format=json",
                f"--benchmark_min_time={min_time}", "--benchmark_repetitions=5",
                "--benchmark_report_aggregates_only=true"],
               env={**os.environ, "ABSAH_DATA_DIR": str(SOURCE)})
    if proc.returncode != 0:
        raise RuntimeError(f"{bench_binary} failed: {proc.stderr.decode()[-500:]}")
    scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}
    out = {}
    for b in json.loads(proc.stdout)["benchmarks"]:
        if b.get("aggregate_name") == "median":
            unit = scale[b["time_unit"]]
            name = re.sub(r"/(repeats:\d+|real_time)", "", b["run_name"])
            out[name] = (b["real_time"] * unit, b["cpu_time"] * unit)
    return out


def fmt_time(seconds):
    if seconds is None:
        return "n/a"
    if seconds < 1e-6:
        return f"{seconds * 1e9:.0f} ns"
    if seconds < 1e-5:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms" if seconds < 0.1 else f"{seconds * 1e3:.0f} ms"
    return f"{seconds:.2f} s"


def fmt_ratio(peer, absah):
    if peer is None or absah is None or absah <= 0:
        return "n/a"
    r = peer / absah
    return f"{r:.0f}×" if r >= 10 else f"{r:.1f}×"


class Bench:
    def __init__(self, args):
        self.args = args
        self.absah = Path(args.absah).resolve()
        self.work = Path(tempfile.mkdtemp(prefix="absah-peers-"))
        self.keys = self.work / "keys"
        self.env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ABSAH_DATA_DIR": str(SOURCE),
                    "SOURCE_DATE_EPOCH": "1795163400"}
        os.environ.update(self.env)
        self.missing = []

    def absah_cmd(self, *rest):
        return [str(self.absah), *rest]

    def setup(self):
        proc = run(self.absah_cmd("keys", "init", "--dir", str(self.keys)))
        if proc.returncode != 0:
            raise RuntimeError("absah keys init failed: " + proc.stderr.decode())
        for f in ["letter.html", "letter.css", "letter.tex", "wkhtmltopdf.css"]:
            shutil.copy(HERE / "peers" / f, self.work / f)

    # --- rendering -----------------------------------------------------------------------
    def render_commands(self):
        sample = str(SOURCE / "samples" / f"{LETTER}.json")
        w = self.work
        cmds = {
            "absah (signed + sealed)": self.absah_cmd(
                "render", "--type", LETTER, "--data", sample, "--out", str(w / "absah.pdf"),
                "--keys", str(self.keys)),
            "absah (unsigned)": self.absah_cmd(
                "render", "--type", LETTER, "--data", sample, "--out",
                str(w / "absah-unsigned.pdf"), "--unsigned"),
        }
        if have("weasyprint"):
            cmds["WeasyPrint"] = ["weasyprint", "letter.html", "weasyprint.pdf"]
        else:
            self.missing.append("weasyprint")
        if have("wkhtmltopdf"):
            cmds["wkhtmltopdf"] = ["wkhtmltopdf", "-q", "--enable-local-file-access",
                                   "--disable-smart-shrinking", "--user-style-sheet",
                                   "wkhtmltopdf.css", "-s", "A4", "-T", "15mm", "-B", "12mm",
                                   "-L", "20mm", "-R", "20mm", "letter.html", "wkhtmltopdf.pdf"]
        else:
            self.missing.append("wkhtmltopdf")
        if have("pdflatex"):
            cmds["pdflatex"] = ["pdflatex", "-interaction=batchmode", "-halt-on-error",
                                "letter.tex"]
        else:
            self.missing.append("pdflatex")
        return cmds

    def batch_per_document(self, records):
        """(wall, CPU) seconds per document of `absah render --batch` on all cores, or None.

        The output folder is on tmpfs when the machine has one: on a disk where many files were
        made and deleted, ext4 takes longer to allocate inodes for a thousand new files than
        absah takes to render them (docs/benchmarks.md), and that is the disk, not absah."""
        record = json.load(open(SOURCE / "samples" / f"{LETTER}.json"))
        jsonl = self.work / "batch.jsonl"
        with open(jsonl, "w") as f:
            for i in range(records):
                r = dict(record)
                r["nomor"] = f"474.1/{i + 1:05d}/DUKCAPIL/01/2026"
                f.write(json.dumps({"type": LETTER, "record": r,
                                    "idempotency_key": f"bench-{i}"}) + "\n")
        shm = Path("/dev/shm")
        out_parent = Path(tempfile.mkdtemp(dir=shm if shm.is_dir() else self.work))
        out = out_parent / "batch-out"
        try:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            proc = run(self.absah_cmd("render", "--batch", str(jsonl), "--out-dir", str(out),
                                      "--keys", str(self.keys)))
            elapsed = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if proc.returncode != 0:
                log("peers: no usable `absah render --batch` (" +
                    proc.stderr.decode().strip().splitlines()[-1:][0][:200] + ")")
                return None
            manifest = out / "manifest.jsonl"
            rendered = sum(1 for line in open(manifest)
                           if json.loads(line).get("status") == "rendered")
        finally:
            shutil.rmtree(out_parent, ignore_errors=True)
        if rendered != records:
            log(f"peers: batch rendered {rendered} of {records} records; not reported")
            return None
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        return elapsed / records, cpu / records

    def rendering(self):
        rows = []
        cmds = self.render_commands()
        per_process = {}
        for name, cmd in cmds.items():
            runs = self.args.runs_fast if name.startswith("absah") else self.args.runs
            log(f"peers: rendering with {name} ({runs} runs)")
            per_process[name] = time_command(cmd, runs, self.work)
        in_process = {}
        if self.args.bench_stages:
            log("peers: absah in one process (bench_stages)")
            m = micro_medians(self.args.bench_stages, "render_(unsigned|sign_seal)/sk_kelahiran",
                              self.args.min_time)
            in_process["absah (signed + sealed)"] = m.get(
                "render_sign_seal/sk_kelahiran/ecdsa_p256", (None,))[0]
            in_process["absah (unsigned)"] = m.get("render_unsigned/sk_kelahiran", (None,))[0]
        batch = self.batch_per_document(self.args.batch_records)
        base, base_cpu = per_process["absah (signed + sealed)"]
        base_in = in_process.get("absah (signed + sealed)")
        rows.append("| tool | what it does | per process: wall | per process: CPU | "
                    "per document in one process | peer ÷ absah, wall | peer ÷ absah, CPU |")
        rows.append("|---|---|---:|---:|---:|---:|---:|")
        what = {"absah (signed + sealed)": "validate, lay out, PAdES sign (ECDSA P-256), QR seal",
                "absah (unsigned)": "validate, lay out",
                "WeasyPrint": "HTML/CSS, unsigned", "wkhtmltopdf": "HTML/CSS, unsigned",
                "pdflatex": "LaTeX, unsigned"}
        for name, (t, cpu) in per_process.items():
            inner = in_process.get(name)
            if name == "absah (signed + sealed)" and batch:
                inner_text = (f"{fmt_time(inner)} (`render --batch` on {os.cpu_count()} cores: "
                              f"{fmt_time(batch[0])} wall, {fmt_time(batch[1])} CPU a document)")
            else:
                inner_text = fmt_time(inner)
            if name.startswith("absah (signed"):
                ratios = "1× (reference) | 1× (reference)"
            else:
                ratios = f"{fmt_ratio(t, base)} | {fmt_ratio(cpu, base_cpu)}"
            rows.append(f"| {name} | {what[name]} | {fmt_time(t)} | {fmt_time(cpu)} | "
                        f"{inner_text} | {ratios} |")
        summary = []
        if base_in:
            for peer in ["WeasyPrint", "wkhtmltopdf", "pdflatex"]:
                if peer in per_process:
                    summary.append(f"{peer} per process ÷ absah signed + sealed in one process "
                                   f"(wall): {fmt_ratio(per_process[peer][0], base_in)}")
        return rows, summary

    # --- verification ----------------------------------------------------------------------
    def verification(self):
        signed = self.work / "absah.pdf"
        rows = ["| tool | what it checks | per process: wall | per process: CPU | "
                "in one process | peer ÷ absah, wall |", "|---|---|---:|---:|---:|---:|"]
        inner = {}
        if self.args.bench_verify and Path(self.args.bench_verify).exists():
            log("peers: absah verify in one process (bench_verify)")
            inner = micro_medians(self.args.bench_verify, "verify_pdf/.*ecdsa|verify_scan",
                                  self.args.min_time)
        cmd = self.absah_cmd("verify", str(signed), "--trust", str(self.keys))
        if run(cmd).returncode != 0:
            cmd = self.absah_cmd("verify", str(signed), "--keys", str(self.keys))
        log("peers: verifying with absah and pdfsig")
        absah_t, absah_cpu = time_command(cmd, self.args.runs_fast, self.work)
        pdf_in = inner.get("verify_pdf/sk_kelahiran/ecdsa_p256", (None,))[0]
        scan_in = inner.get("verify_scan/letter_png_dpi/200", (None,))[0]
        rows.append(f"| absah verify | PDF signature, chain, QR seal | {fmt_time(absah_t)} | "
                    f"{fmt_time(absah_cpu)} | {fmt_time(pdf_in)} (200-dpi PNG scan: "
                    f"{fmt_time(scan_in)}) | 1× (reference) |")
        if have("pdfsig"):
            pdfsig_t, pdfsig_cpu = time_command(["pdfsig", str(signed)], self.args.runs_fast,
                                                self.work)
            rows.append(f"| pdfsig (poppler) | PDF signature | {fmt_time(pdfsig_t)} | "
                        f"{fmt_time(pdfsig_cpu)} | n/a | {fmt_ratio(pdfsig_t, absah_t)} |")
        return rows

    # --- QR reading on degraded scans ---------------------------------------------------------
    def degraded_scans(self):
        scans = self.work / "scans"
        scans.mkdir(exist_ok=True)
        variants = {
            "straight": [],
            "rotated 7°": ["-background", "white", "-rotate", "7"],
            "rotated 90°": ["-rotate", "90"],
            "blurred": ["-blur", "0x1.2"],
            "noise": ["-attenuate", "0.6", "+noise", "Gaussian", "-colorspace", "Gray"],
            "JPEG q40": ["-quality", "40"],
        }
        images = []
        for letter in SCAN_LETTERS:
            pdf = self.work / f"scan-{letter}.pdf"
            proc = run(self.absah_cmd("render", "--type", letter, "--data",
                                      str(SOURCE / "samples" / f"{letter}.json"), "--out",
                                      str(pdf), "--keys", str(self.keys)))
            if proc.returncode != 0:
                raise RuntimeError(f"render {letter} failed: {proc.stderr.decode()}")
            for dpi in SCAN_DPIS:
                base = scans / f"{letter}-{dpi}"
                run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", str(pdf),
                     str(base)], check=True)
                for vname, ops in variants.items():
                    ext = "jpg" if vname.startswith("JPEG") else "png"
                    out = scans / f"{letter}-{dpi}-{vname.split()[0]}.{ext}"
                    run(["convert", f"{base}.png", *ops, str(out)], check=True)
                    images.append((dpi, vname, out))
        return images

    def qr_reading(self):
        log("peers: making degraded scans")
        images = self.degraded_scans()
        trust = str(self.keys / "seal-trust.json")
        readers = {"absah seal decode": lambda p: self.absah_cmd("seal", "decode", str(p),
                                                                  "--trust", trust)}
        if have("zbarimg"):
            readers["zbarimg"] = lambda p: ["zbarimg", "-q", "--raw", str(p)]
        else:
            self.missing.append("zbarimg")
        results = {r: {} for r in readers}  # reader -> (dpi, variant) -> [ok, times]
        for reader, make in readers.items():
            log(f"peers: reading {len(images)} scans with {reader}")
            for dpi, vname, path in images:
                cpu_before = children_cpu()
                proc = run(make(path))
                elapsed = children_cpu() - cpu_before
                if reader == "zbarimg":
                    ok = proc.returncode == 0 and b"/v/" in proc.stdout
                else:
                    ok = proc.returncode == 0
                slot = results[reader].setdefault((dpi, vname), [0, 0, []])
                slot[0] += ok
                slot[1] += 1
                slot[2].append(elapsed)
        names = list(readers)
        header = "| scan | " + " | ".join(f"{n} read" for n in names) + " | " + \
            " | ".join(f"{n} median CPU" for n in names) + " |"
        rows = [header, "|---|" + "---:|" * (2 * len(names))]
        keys = sorted(results[names[0]], key=lambda k: (k[0], list(results[names[0]]).index(k)))
        totals = {n: [0, 0, []] for n in names}
        for key in keys:
            cells_read, cells_time = [], []
            for n in names:
                ok, total, times = results[n][key]
                totals[n][0] += ok
                totals[n][1] += total
                totals[n][2] += times
                cells_read.append(f"{ok}/{total}")
                cells_time.append(fmt_time(statistics.median(times)))
            rows.append(f"| {key[0]} dpi, {key[1]} | " + " | ".join(cells_read) + " | " +
                        " | ".join(cells_time) + " |")
        rows.append("| **all** | " + " | ".join(
            f"**{totals[n][0]}/{totals[n][1]}**" for n in names) + " | " + " | ".join(
            f"**{fmt_time(statistics.median(totals[n][2]))}**" for n in names) + " |")
        return rows

    # --- micro-benchmarks ------------------------------------------------------------------
    def micro(self):
        rows = ["| benchmark | median wall time | median CPU time |", "|---|---:|---:|"]
        for binary in self.args.micro:
            if not Path(binary).exists():
                continue
            log(f"peers: micro-benchmarks {Path(binary).name}")
            medians = micro_medians(binary, self.args.micro_filter, self.args.min_time)
            for name, (wall, cpu) in medians.items():
                rows.append(f"| {name} | {fmt_time(wall)} | {fmt_time(cpu)} |")
        return rows


def machine_line():
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}"


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--absah", required=True, help="the absah binary")
    p.add_argument("--bench-stages", help="the bench_stages binary (in-process figures)")
    p.add_argument("--bench-verify", help="the bench_verify binary (in-process verification)")
    p.add_argument("--micro", nargs="*", default=[], help="Google Benchmark binaries to tabulate")
    p.add_argument("--micro-filter", default=".", help="benchmark filter for --micro")
    p.add_argument("--min-time", default="0.1", help="Google Benchmark min time per benchmark")
    p.add_argument("--runs", type=int, default=10, help="runs per peer tool")
    p.add_argument("--runs-fast", type=int, default=30, help="runs per absah/pdfsig command")
    p.add_argument("--batch-records", type=int, default=1000)
    p.add_argument("--keep", action="store_true", help="keep the work directory (peer PDFs)")
    p.add_argument("--out", help="also write the report here")
    args = p.parse_args()

    bench = Bench(args)
    bench.setup()
    sections = [f"Measured {time.strftime('%Y-%m-%d', time.gmtime())} on {machine_line()}; "
                "medians; every ratio from this one run.", ""]
    render_rows, summary = bench.rendering()
    sections += ["### Rendering the one-page letter (sk_kelahiran)", ""] + render_rows + [""]
    sections += [f"- {s}" for s in summary] + ([""] if summary else [])
    sections += ["### Verifying the signed letter", ""] + bench.verification() + [""]
    sections += ["### Reading the QR seal from degraded scans (per process, "
                 f"{len(SCAN_LETTERS)} letters per row)", ""] + bench.qr_reading() + [""]
    if args.micro:
        sections += ["### Micro-benchmarks (one process, one core)", ""] + bench.micro() + [""]
    if bench.missing:
        sections += [f"Not measured (not installed): {', '.join(sorted(set(bench.missing)))}. "
                     "`make bench` installs them from scripts/bench-packages.txt.", ""]
    report = "\n".join(sections)
    print(report)
    if args.out:
        Path(args.out).write_text(report)
    if args.keep:
        log(f"peers: work directory kept: {bench.work}")
    else:
        shutil.rmtree(bench.work, ignore_errors=True)


if __name__ == "__main__":
    main()
