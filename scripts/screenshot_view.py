"""Screenshots of a page written by 'kg view', taken in headless Chromium as a reader sees it.

    python scripts/screenshot_view.py graph.html shot.png [--search NAME] [--path FROM TO] [--size 1600x1000]

Writes shot.png (the whole graph as drawn) and, with --search, shot-search.png (the search
list) and shot-chosen.png (the first match chosen: its neighbourhood lit, its details and
source sentences in the side panel); with --path, shot-path.png (the shortest path between the
best matches of the two names, lit). Needs Debian's chromium and chromium-driver, and
selenium (pip install -e '.[test]').
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--search", help="a name to type into the search box, then choose")
    parser.add_argument("--path", nargs=2, metavar=("FROM", "TO"), help="two names to show the path between")
    parser.add_argument("--size", default="1600x1000", help="window size, WIDTHxHEIGHT")
    args = parser.parse_args()
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     f"--user-data-dir={tempfile.mkdtemp(prefix='kg-chromium-')}",
                     f"--window-size={args.size.replace('x', ',')}"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        started = time.monotonic()
        driver.get(args.page.resolve().as_uri())
        wait = WebDriverWait(driver, 120)
        wait.until(lambda d: d.execute_script("return document.body.dataset.ready") == "true")
        nodes = driver.execute_script("return kgViewer.cy.nodes().length")
        ready = driver.execute_script("return kgViewer.readyAt") / 1000
        print(f"{args.page}: {nodes} nodes drawn, interactive {ready:.2f} s after navigation "
              f"({time.monotonic() - started:.1f} s with the browser's start)")
        driver.save_screenshot(str(args.out))
        if args.search:
            driver.find_element(By.ID, "search").send_keys(args.search)
            results = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#results li[data-id]"))
            driver.save_screenshot(str(args.out.with_name(args.out.stem + "-search.png")))
            results[0].click()
            driver.save_screenshot(str(args.out.with_name(args.out.stem + "-chosen.png")))
        if args.path:
            found = driver.execute_script("const ends = arguments[0].map(name => kgViewer.find(name)[0]);"
                                          "return ends.every(Boolean) && kgViewer.showPath(ends[0].id, ends[1].id);",
                                          args.path)
            print(f"path {' -> '.join(args.path)}: {len(found) if found else 'none'} nodes")
            driver.save_screenshot(str(args.out.with_name(args.out.stem + "-path.png")))
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
