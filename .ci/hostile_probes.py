"""Replay tests/hostile_requests.py against a live seeded server; fail on any answer
other than the expected one (a 500 above all). Usage: hostile_probes.py BASE_URL"""

import json
import sys
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.hostile_requests import PROBES, with_legal_id


def legal_id(base: str) -> int:
    url = f"{base}/api/v2/pages/?type=legal.LegalDocumentPage&limit=1"
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
        return json.loads(response.read())["items"][0]["id"]


def send(base: str, probe, legal: int) -> tuple[int, bytes]:
    data = probe.body.encode("utf-8", "surrogatepass") if probe.body else None
    request = urllib.request.Request(  # noqa: S310 - our own local server
        base + with_legal_id(probe.path, legal),
        data=data,
        method=probe.method,
        headers={"Content-Type": "application/json"} if data else {},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def main(base: str) -> int:
    wrong = 0
    base = base.rstrip("/")
    legal = legal_id(base)
    for probe in PROBES:
        status, body = send(base, probe, legal)
        ok = status == probe.status
        if ok and probe.json:
            ok = "errors" in json.loads(body)
        if not ok:
            wrong += 1
            sys.stdout.write(
                f"  {probe.method} {probe.path[:70]}: {status}, want {probe.status}\n"
            )
    good = len(PROBES) - wrong
    sys.stdout.write(f"hostile probes: {good} of {len(PROBES)} answered as expected\n")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
