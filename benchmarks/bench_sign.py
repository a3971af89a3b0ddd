"""Signing throughput: N files signed in one ``vanban sign`` call vs one process start per file;
and the time to verify one signed file.

    python benchmarks/bench_sign.py [--n 100] [--sample 20]

Both ways sign the same PDF/A copy of the seed plan (signer's signature with the image, found from
the text layer). One process per file is measured on ``--sample`` files (each start costs the
same) and compared per file with the batch; the ratio is printed (target: at least 5x at 100
files). Needs LibreOffice for the one PDF/A conversion. Not run by the test suite.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.pdf import convert_to_pdf  # noqa: E402
from generator.sign import signing  # noqa: E402
from generator.sign.demo import render_unnumbered  # noqa: E402
from generator.sign.flow import SignRequest, sign_files  # noqa: E402
from generator.sign.keys import KeySource, load_pkcs12  # noqa: E402
from generator.sign.testpki import make_seal_image, make_signature_image, make_test_pki  # noqa: E402
from generator.sign.verify import load_trust_roots, verify_pdf  # noqa: E402

SAMPLE = ROOT / "samples" / "ke-hoach-1626-KH-BQL.yaml"
CLI = [sys.executable, "-c", "import sys; from cli import main; sys.exit(main())"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100, help="files signed in one call (default 100)")
    parser.add_argument("--sample", type=int, default=20, help="files signed one process each (default 20)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vanban-bench-sign-") as tmp:
        work = Path(tmp)
        pki = make_test_pki(work / "pki")
        password = work / "pki" / "mat-khau.txt"
        password.write_bytes(pki.password + b"\n")
        signature = make_signature_image(work / "pki" / "chu-ky.png")
        seal = make_seal_image(work / "pki" / "dau.png")
        docx = render_unnumbered(SAMPLE, work / "docx")
        source = convert_to_pdf([docx], work / "pdf", pdfa=True)[0]
        batch = _copies(source, work / "batch", args.n)
        single = _copies(source, work / "single", args.sample)

        request = SignRequest(role="nguoi-ky", key=KeySource(p12=pki.signer_p12), secret=pki.password,
                              image=signature)
        started = time.perf_counter()
        sign_files(batch, request)
        batched = time.perf_counter() - started

        started = time.perf_counter()
        for path in single:
            subprocess.run([*CLI, "sign", str(path), "--role", "nguoi-ky", "--cert", str(pki.signer_p12),
                            "--password-file", str(password), "--image", str(signature)],
                           cwd=ROOT, check=True, capture_output=True)
        per_process = (time.perf_counter() - started) / len(single)

        agency = load_pkcs12(pki.agency_p12, pki.password)
        signed = signing.sign_as_agency(batch[0].read_bytes(), agency, signing.read_image(seal, "co-quan"),
                                        number=1626, day=signing.vn_now().date()).data
        full = work / "verify.pdf"
        full.write_bytes(signed)
        roots = load_trust_roots([pki.ca_pem])
        verify_pdf(full, roots)  # warm-up
        times = []
        for _ in range(10):
            started = time.perf_counter()
            report = verify_pdf(full, roots)
            times.append(time.perf_counter() - started)
        assert not report.has_problems
        started = time.perf_counter()
        subprocess.run([*CLI, "verify", str(full), "--trust", str(pki.ca_pem)], cwd=ROOT, check=True,
                       capture_output=True)
        verify_cold = time.perf_counter() - started

    per_file = batched / args.n
    print(f"files in one call:            {args.n}")
    print(f"one call (key opened once):   {batched:7.2f} s total, {per_file * 1000:7.1f} ms per file")
    print(f"one process per file:         {per_process * 1000:7.1f} ms per file (mean of {args.sample})")
    print(f"ratio (per-process/one call): {per_process / per_file:7.1f}x")
    print(f"verify one file (2 signatures, in process): {statistics.median(times) * 1000:7.1f} ms (median of 10)")
    print(f"verify one file (vanban verify, new process): {verify_cold * 1000:7.1f} ms")


def _copies(source: Path, folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True)
    paths = []
    for index in range(count):
        path = folder / f"van-ban-{index:03d}.pdf"
        shutil.copyfile(source, path)
        paths.append(path)
    return paths


if __name__ == "__main__":
    main()
