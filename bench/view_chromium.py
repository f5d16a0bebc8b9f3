"""Time viewer pages (written by ``kg view``) in headless Chromium, as a reader meets them.

    python bench/view_chromium.py PAGE.html... [--repeat 3] [--size 1600x1000]

For each page, the best of ``--repeat`` fresh loads (a new browser profile each run): ms from
the start of navigation until the page first drew and listens (``kgViewer.readyAt``), then ms
for "draw all" (every node of the view drawn and rendered), then ms to choose the best
connected node and draw its neighbours. Chromium is started with the flags of the viewer tests
(headless, no GPU, no background networking). Needs Debian's chromium and chromium-driver, and
selenium (pip install -e '.[test]').
"""
from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run")

# runs in the page: the action, then the first frame drawn after it; ms, as the page measures
_TIMED = """
const done = arguments[arguments.length - 1];
const action = arguments[0];
const started = performance.now();
kgViewer.timed(action).then(() => done(performance.now() - started));
"""


def browser(size: str) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in (*FLAGS, f"--user-data-dir={tempfile.mkdtemp(prefix='kg-chromium-')}",
                 f"--window-size={size.replace('x', ',')}"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)


def one_run(page: Path, size: str) -> dict[str, float]:
    driver = browser(size)
    try:
        driver.set_script_timeout(300)
        driver.get(page.resolve().as_uri())
        WebDriverWait(driver, 300).until(lambda d: d.execute_script("return document.body.dataset.ready") == "true")
        result = {"ready": driver.execute_script("return kgViewer.readyAt"),
                  "drawn": driver.execute_script("return kgViewer.drawnCount()"),
                  "nodes": driver.execute_script("return kgViewer.data.nodes.length"),
                  "renderer": driver.execute_script("return kgViewer.renderer")}
        result["expand"] = driver.execute_async_script(_TIMED, "expand-hub")
        result["draw_all"] = driver.execute_async_script(_TIMED, "draw-all")
        return result
    finally:
        driver.quit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--size", default="1600x1000", help="window size, WIDTHxHEIGHT")
    args = parser.parse_args()
    for page in args.pages:
        runs = [one_run(page, args.size) for _ in range(args.repeat)]
        first = runs[0]
        print(f"{page.name:28} {first['renderer']:9} {first['nodes']:5} nodes ({first['drawn']:4} drawn first): "
              f"interactive {min(r['ready'] for r in runs):6.0f} ms, "
              f"expand a hub {min(r['expand'] for r in runs):5.0f} ms, "
              f"draw all {min(r['draw_all'] for r in runs):6.0f} ms  (best of {args.repeat})", flush=True)


if __name__ == "__main__":
    main()
