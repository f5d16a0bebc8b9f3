"""The viewer as a reader meets it: one offline page, opened in headless Chromium."""
import io
import json
import re
import shutil

import pytest
from PIL import Image

from kg.export.viewer import viewer_html
from kg.export.views import TYPE_STYLES, to_networkx

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")


def page_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    return json.loads(match[1])


def test_the_page_is_one_file_that_fetches_nothing(seed_store):
    graph = to_networkx(seed_store)
    html = viewer_html(graph)
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)=", html)
    assert "Copyright (c) 2016-2026, The Cytoscape Consortium" in html  # the bundled library keeps its licence
    assert html.count("</script>") == 3  # data, Cytoscape.js, viewer: nothing in them closed a tag early
    data = page_data(html)
    assert len(data["nodes"]) == graph.number_of_nodes() and len(data["edges"]) == graph.number_of_edges()
    dan = next(n for n in data["nodes"] if n["label"] == "Trần Vi Dân")
    assert ["cấp bậc", "rank", "Trung tướng"] in dan["attributes"]
    article, text = data["sentences"][dan["sources"][0]]
    assert data["articles"][article]["url"].endswith("000_1b1701c52a3f4772.txt") and "Trần Vi Dân" in "".join(
        data["sentences"][i][1] for i in dan["sources"])


def test_sentences_cannot_close_the_data_script(seed_store):
    graph = to_networkx(seed_store, "people")
    dan = next(n for n, label in graph.nodes(data="label") if label == "Trần Vi Dân")
    graph.nodes[dan]["sources"][0]["text"] = "</script><script>alert(1)</script>"
    html = viewer_html(graph)
    assert html.count("</script>") == 3
    assert "</script><script>alert(1)</script>" in json.dumps(page_data(html), ensure_ascii=False)


def test_no_markup_reaches_the_data_script(seed_store):
    graph = to_networkx(seed_store, "people")
    dan = next(n for n, label in graph.nodes(data="label") if label == "Trần Vi Dân")
    graph.nodes[dan]["sources"][0]["text"] = "a <!--<script> b"
    html = viewer_html(graph)
    data = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)[1]
    assert "<" not in data and "a <!--<script> b" in json.dumps(json.loads(data), ensure_ascii=False)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("headless Chromium is not installed (Debian: apt-get install chromium chromium-driver)")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     f"--user-data-dir={tmp_path_factory.mktemp('chromium')}", "--window-size=1400,900"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def test_a_reader_searches_a_person_and_clicks_a_node(browser, seed_store, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    graph = to_networkx(seed_store)
    page = tmp_path / "graph.html"
    page.write_text(viewer_html(graph), encoding="utf-8")
    browser.get(page.as_uri())
    wait = WebDriverWait(browser, 30)
    wait.until(lambda d: d.execute_script("return document.body.dataset.ready") == "true")

    # the graph drew: as many nodes in the page as in the export, in the colours of their types
    assert browser.execute_script("return kgViewer.cy.nodes().length") == graph.number_of_nodes()
    assert browser.find_element(By.ID, "stats").get_attribute("data-nodes") == str(graph.number_of_nodes())
    drawn = Image.open(io.BytesIO(browser.get_screenshot_as_png())).convert("RGB")
    colours = {colour for _, colour in drawn.getcolors(maxcolors=1 << 22)}
    for kind in ("person", "organization", "event", "document"):
        assert tuple(bytes.fromhex(TYPE_STYLES[kind].colour[1:])) in colours, f"no {kind} drawn"

    # search without diacritics, pick the person
    search = browser.find_element(By.ID, "search")
    search.send_keys("tran vi dan")
    results = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#results li[data-id]"))
    assert results[0].text == "Trần Vi Dân"
    results[0].click()
    wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#details h2").text == "Trần Vi Dân")
    details = browser.find_element(By.ID, "details")
    assert "Trung tướng" in details.text and "Cục trưởng, Cục V04" in details.text
    quotes = [quote.text for quote in details.find_elements(By.CSS_SELECTOR, "blockquote.mentions")]
    assert any("Trần Vi Dân, Cục trưởng Cục V04" in quote for quote in quotes)
    assert details.find_element(By.CSS_SELECTOR, "blockquote.mentions mark").text == "Trần Vi Dân"
    link = details.find_element(By.CSS_SELECTOR, ".article a")
    assert link.get_attribute("href").endswith("000_1b1701c52a3f4772.txt")
    faded = browser.execute_script("return kgViewer.cy.nodes('.faded').map(n => n.data('label'))")
    assert "Bộ Chính trị" in faded and "Cục V04" not in faded  # the neighbourhood stands out

    # click another node where Chromium drew it
    x, y = browser.execute_script(
        "const p = kgViewer.cy.nodes().filter(n => n.data('label') === 'Cục V04')[0].renderedPosition();"
        "return [p.x, p.y];")
    canvas = browser.find_element(By.ID, "graph")
    offset_x, offset_y = round(x - canvas.size["width"] / 2), round(y - canvas.size["height"] / 2)
    ActionChains(browser).move_to_element_with_offset(canvas, offset_x, offset_y).click().perform()
    wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#details h2").text == "Cục V04")
    assert "Trần Vi Dân → Cục trưởng → Cục V04" in details.text  # the post, read from the unit's side

    screenshot = tmp_path / "viewer.png"
    assert browser.save_screenshot(str(screenshot))
    assert Image.open(screenshot).size[0] >= 1000


def test_the_type_filter_hides_a_type(browser, seed_store, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    graph = to_networkx(seed_store)
    page = tmp_path / "graph.html"
    page.write_text(viewer_html(graph), encoding="utf-8")
    browser.get(page.as_uri())
    WebDriverWait(browser, 30).until(lambda d: d.execute_script("return document.body.dataset.ready") == "true")
    browser.find_element(By.CSS_SELECTOR, 'input[data-type="organization"]').click()
    organisations = sum(1 for _, kind in graph.nodes(data="type") if kind == "organization")
    shown = browser.find_element(By.ID, "stats").get_attribute("data-shown")
    assert int(shown) == graph.number_of_nodes() - organisations
    assert browser.execute_script("return kgViewer.cy.nodes(':visible').length") == int(shown)


@pytest.fixture(scope="module")
def served(seed_store):
    """kg serve's server on a free loopback port, in this process; its base URL."""
    import threading

    from kg.serve import make_server

    server = make_server(seed_store, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_kg_serve_serves_the_viewer(served, seed_store):
    import urllib.error
    import urllib.request

    with urllib.request.urlopen(f"{served}/view?view=people&around=tran%20vi%20dan") as response:
        assert response.headers["Content-Type"] == "text/html; charset=utf-8"
        data = page_data(response.read().decode("utf-8"))
    assert sorted(node["label"] for node in data["nodes"]) == ["Cục V04", "Trần Vi Dân"]
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(f"{served}/view?around=nobody")
    assert error.value.code == 400 and "no entity named 'nobody'" in error.value.read().decode("utf-8")
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(f"{served}/view?depth=two&around=x")
    assert error.value.code == 400


def test_the_served_viewer_draws_in_chromium(browser, served, seed_store):
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{served}/view?view=events")
    WebDriverWait(browser, 30).until(lambda d: d.execute_script("return document.body.dataset.ready") == "true")
    assert browser.execute_script("return kgViewer.cy.nodes().length") == to_networkx(seed_store, "events").number_of_nodes()


def test_a_sentence_with_a_comment_and_a_script_tag_still_draws(browser, seed_store, tmp_path):
    """'<!--<script>' in the data once left the page blank: the parser read on to the end as script."""
    from selenium.webdriver.support.ui import WebDriverWait

    graph = to_networkx(seed_store)
    dan = next(n for n, label in graph.nodes(data="label") if label == "Trần Vi Dân")
    graph.nodes[dan]["sources"][0]["text"] = "<!--<script> Trần Vi Dân"
    page = tmp_path / "graph.html"
    page.write_text(viewer_html(graph), encoding="utf-8")
    browser.get(page.as_uri())
    WebDriverWait(browser, 30).until(lambda d: d.execute_script("return document.body.dataset.ready") == "true")
    assert browser.execute_script("return kgViewer.cy.nodes().length") == graph.number_of_nodes()


def test_the_query_page_runs_a_named_query_and_an_entity_opens_the_viewer(browser, served, seed_store):
    """YASGUI from kg serve itself: the named query with its parameter bound, the answer as a
    table, a person in it a link to the viewer around that person."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, 30)
    browser.get(f"{served}/")
    wait.until(lambda d: d.execute_script("return !!(window.kgQuery && document.querySelector('.CodeMirror'))"))
    browser.find_element(By.CSS_SELECTOR, "#named input[name=rank_label]").send_keys("trung tướng")
    browser.find_element(By.CSS_SELECTOR, "#named button[data-name=people-by-rank]").click()
    link = wait.until(lambda d: next((a for a in d.find_elements(By.CSS_SELECTOR, "#yasgui a.iri[href*='/view?around=']")
                                      if a.is_displayed()), None))
    rows = browser.find_elements(By.CSS_SELECTOR, "#yasgui tbody tr")
    assert any("Trần Vi Dân" in row.text for row in rows) and all("Trung tướng" in row.text for row in rows)
    iri = link.get_attribute("data-iri")
    assert link.text == "/".join(iri.split("/")[-2:]) and link.get_attribute("title").startswith(iri)
    link.click()
    wait.until(lambda d: d.execute_script("return document.body.dataset.ready") == "true")
    assert browser.current_url.startswith(f"{served}/view?around=")
    centre = browser.execute_script(f"return kgViewer.cy.getElementById({iri!r}).data('label')")
    assert centre == "Trần Vi Dân" and browser.execute_script("return kgViewer.cy.nodes().length") > 1
    # nothing was fetched from anywhere but the server
    hosts = browser.execute_script("return performance.getEntriesByType('resource').map(e => new URL(e.name).host)")
    assert set(hosts) <= {served.split("//", 1)[1]}


def corpus_like_graph():
    """A graph of corpus size and shape, invented: one component of 600 entities around hubs,
    and 40 pairs (an official and their unit) apart from it."""
    import networkx as nx

    hubs = nx.barabasi_albert_graph(600, 2, seed=3)
    graph = nx.MultiDiGraph(view="people", article="")
    for node in hubs:
        kind = "organization" if node % 3 == 0 else "person"
        graph.add_node(f"urn:n{node}", type=kind, iri=f"urn:n{node}", label=f"Thực thể số {node}", sources=[])
    for u, v in hubs.edges:
        graph.add_edge(f"urn:n{u}", f"urn:n{v}", label="trực thuộc", label_en="part of")
    for pair in range(40):
        graph.add_node(f"urn:p{pair}", type="person", iri=f"urn:p{pair}", label=f"Cán bộ lẻ {pair}", sources=[])
        graph.add_node(f"urn:u{pair}", type="organization", iri=f"urn:u{pair}", label=f"Đơn vị lẻ {pair}", sources=[])
        graph.add_edge(f"urn:p{pair}", f"urn:u{pair}", label="Trưởng phòng", label_en="holds")
    graph.graph["articles"] = {}
    return graph


def opened_and_ready(browser, page, graph):
    """The viewer page of ``graph`` written to ``page`` and opened until it says it is ready; the wait, for more."""
    from selenium.webdriver.support.ui import WebDriverWait

    page.write_text(viewer_html(graph), encoding="utf-8")
    browser.get(page.as_uri())
    wait = WebDriverWait(browser, 30)
    wait.until(lambda d: d.execute_script("return document.body.dataset.ready") == "true")
    return wait


def test_a_large_graph_draws_its_best_connected_part_and_the_rest_on_demand(browser, tmp_path):
    from selenium.webdriver.common.by import By

    wait = opened_and_ready(browser, tmp_path / "large.html", corpus_like_graph())
    drawn = browser.execute_script("return kgViewer.cy.nodes().map(n => n.id())")
    assert len(drawn) == 250 and "urn:n0" in drawn and not any(n.startswith(("urn:p", "urn:u")) for n in drawn)
    assert browser.find_element(By.ID, "group-count").text == "40"  # the pairs wait in the side list

    # labels by degree, none over another
    boxes = browser.execute_script(
        "return kgViewer.cy.nodes('.labelled').map(n => n.boundingBox({includeNodes: false, includeEdges: false}))")
    assert len(boxes) >= 20
    overlapping = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                   if a["x1"] < b["x2"] and b["x1"] < a["x2"] and a["y1"] < b["y2"] and b["y1"] < a["y2"]]
    assert not overlapping

    # a search finds what is not drawn, and choosing it draws it with its neighbours
    missing = browser.execute_script(
        "return kgViewer.data.nodes.find(n => n.id.startsWith('urn:n') && kgViewer.cy.getElementById(n.id).empty()).label")
    browser.find_element(By.ID, "search").send_keys(missing)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#results li[data-id]"))[0].click()
    wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#details h2").text == missing)
    assert browser.execute_script(f"return kgViewer.cy.nodes().filter(n => n.data('label') === {missing!r}).length") == 1

    # a pair from the side list, then the neighbours of a hub
    browser.find_element(By.CSS_SELECTOR, "#small-groups summary").click()
    group = browser.find_element(By.CSS_SELECTOR, "#groups li")
    member = group.get_attribute("data-id")
    group.click()
    assert browser.execute_script(f"return kgViewer.cy.getElementById({member!r}).neighborhood('node').length") == 1
    before = browser.execute_script("return kgViewer.cy.nodes().length")
    hub = browser.execute_script("return kgViewer.cy.nodes('.more').max(n => n.degree()).ele.id()")
    browser.execute_script(f"kgViewer.choose({hub!r}, true)")
    browser.find_element(By.ID, "expand").click()
    assert browser.execute_script("return kgViewer.cy.nodes().length") > before
    assert browser.execute_script(f"return kgViewer.cy.getElementById({hub!r}).hasClass('more')") is False

    # what is drawn, saved as JSON
    browser.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    browser.find_element(By.ID, "export-json").click()
    saved = tmp_path / "kg-selection.json"
    wait.until(lambda d: saved.exists() and saved.stat().st_size > 0)
    selection = json.loads(saved.read_text(encoding="utf-8"))
    assert len(selection["nodes"]) == browser.execute_script("return kgViewer.cy.nodes().length")
    assert {"source", "target", "label"} <= set(selection["edges"][0])


def dated_graph():
    """Invented: Ân and Dũng joined by a short path (through Em) and a long one (through Bình and
    Chi), read from two articles of different days; Xuân and Yên apart from them."""
    import networkx as nx

    articles = {"urn:art:jan": {"headline": "Tin tháng Một", "published": "2024-01-05T08:00:00", "source": "", "url": ""},
                "urn:art:mar": {"headline": "Tin tháng Ba", "published": "2024-03-10", "source": "", "url": ""}}
    read_in = {"an": ["jan", "mar"], "binh": ["jan"], "chi": ["jan"], "dung": ["jan", "mar"], "em": ["mar"],
               "xuan": [], "yen": []}
    graph = nx.MultiDiGraph(view="all", article="")
    for key, months in read_in.items():
        graph.add_node(f"urn:{key}", type="person", iri=f"urn:{key}", label=f"Người {key}",
                       sources=[{"article": f"urn:art:{m}", "start": 0, "end": 5, "text": f"Câu về {key}."}
                                for m in months])
    for u, v, label in (("an", "binh", "gặp"), ("binh", "chi", "gặp"), ("chi", "dung", "gặp"),
                        ("an", "em", "cử"), ("dung", "em", "thay"), ("xuan", "yen", "gặp")):
        graph.add_edge(f"urn:{u}", f"urn:{v}", label=label, label_en="met")
    graph.graph["articles"] = articles
    return graph


def test_nodes_and_edges_carry_the_days_of_their_articles():
    from kg.export.viewer import viewer_data

    data = viewer_data(dated_graph())
    nodes = {n["id"]: n["dates"] for n in data["nodes"]}
    assert nodes["urn:an"] == ["2024-01-05", "2024-03-10"] and nodes["urn:em"] == ["2024-03-10"]
    assert nodes["urn:xuan"] == []
    edges = {(e["source"], e["target"]): e["dates"] for e in data["edges"]}
    assert edges[("urn:an", "urn:em")] == ["2024-03-10"]  # the article both ends were read from
    assert edges[("urn:an", "urn:binh")] == ["2024-01-05"]


def test_a_reader_finds_the_path_between_two_people_and_slides_the_time(browser, tmp_path):
    from selenium.webdriver.common.by import By

    wait = opened_and_ready(browser, tmp_path / "dated.html", dated_graph())

    browser.execute_script("kgViewer.choose('urn:an', true)")
    browser.find_element(By.ID, "path-from").click()
    browser.execute_script("kgViewer.choose('urn:dung', true)")
    browser.find_element(By.ID, "path-to").click()
    steps = wait.until(lambda d: d.find_element(By.ID, "path")).text.splitlines()
    assert steps == ["Người an", "→ cử →", "Người em", "← thay ←", "Người dung"]
    lit = browser.execute_script("return kgViewer.cy.elements('.path').map(e => e.id())")
    assert sorted(i for i in lit if i.startswith("urn:")) == ["urn:an", "urn:dung", "urn:em"] and len(lit) == 5
    assert browser.execute_script("return kgViewer.cy.getElementById('urn:binh').hasClass('faded')")

    browser.execute_script("kgViewer.choose('urn:xuan', true)")
    browser.find_element(By.ID, "path-from").click()
    browser.execute_script("kgViewer.choose('urn:an', true)")
    browser.find_element(By.ID, "path-to").click()
    assert "no path" in browser.find_element(By.ID, "path-none").text

    # January only: what was read in March alone fades, then hides; the undated stay
    browser.execute_script("const to = document.getElementById('time-to'); to.value = '0';"
                           "to.dispatchEvent(new Event('input'))")
    assert browser.find_element(By.ID, "time-label").text == "2024-01-05 – 2024-01-05"
    untimely = browser.execute_script("return kgViewer.cy.elements('.untimely').map(e => e.id())")
    edge_an_em = browser.execute_script(
        "return kgViewer.cy.edges().filter(e => e.source().id() === 'urn:an' && e.target().id() === 'urn:em')[0].id()")
    assert sorted(untimely) == sorted(["urn:em", edge_an_em, browser.execute_script(
        "return kgViewer.cy.edges().filter(e => e.source().id() === 'urn:dung')[0].id()")])
    browser.find_element(By.ID, "time-hide").click()
    wait.until(lambda d: not d.execute_script("return kgViewer.cy.getElementById('urn:em').visible()"))
    assert browser.execute_script("return kgViewer.cy.getElementById('urn:xuan').visible()")


def test_draw_all_fits_every_node_on_the_screen(browser, tmp_path):
    from selenium.webdriver.common.by import By

    opened_and_ready(browser, tmp_path / "large.html", corpus_like_graph())
    browser.find_element(By.ID, "draw-all").click()
    assert browser.execute_script("return kgViewer.cy.nodes().length") == 680
    outside = browser.execute_script(
        "const cy = kgViewer.cy, w = cy.width(), h = cy.height();"
        "return cy.nodes().filter(n => { const p = n.renderedPosition();"
        "  return p.x < 0 || p.y < 0 || p.x > w || p.y > h; }).length")
    assert outside == 0
    spread = browser.execute_script(
        "const cy = kgViewer.cy, xs = cy.nodes().map(n => n.renderedPosition().x);"
        "return (Math.max(...xs) - Math.min(...xs)) / cy.width()")
    assert spread > 0.5  # fitted, not a speck in the middle


def test_a_node_read_from_many_articles_opens_the_first_three_and_fills_the_rest_when_opened(browser, tmp_path):
    import networkx as nx
    from selenium.webdriver.common.by import By

    graph = nx.MultiDiGraph(view="all", article="")
    articles = {f"urn:art:{i}": {"headline": f"Tin số {i}", "published": f"2024-0{i + 1}-01", "source": "", "url": ""}
                for i in range(5)}
    graph.add_node("urn:an", type="person", iri="urn:an", label="Người Ân",
                   sources=[{"article": iri, "start": 0, "end": 9, "text": f"Người Ân nói lần {i}."}
                            for i, iri in enumerate(articles)])
    graph.add_node("urn:bo", type="organization", iri="urn:bo", label="Bộ Thử", sources=[])
    graph.add_edge("urn:an", "urn:bo", label="Bộ trưởng", label_en="holds")
    graph.graph["articles"] = articles
    opened_and_ready(browser, tmp_path / "many.html", graph)
    browser.execute_script("kgViewer.choose('urn:an', true)")
    groups = browser.find_elements(By.CSS_SELECTOR, "#details details.article")
    assert [g.get_attribute("open") is not None for g in groups] == [True, True, True, False, False]
    assert [len(g.find_elements(By.TAG_NAME, "blockquote")) for g in groups] == [1, 1, 1, 0, 0]
    from selenium.webdriver.support.ui import WebDriverWait

    groups[4].find_element(By.TAG_NAME, "summary").click()
    # the group is filled on its "toggle" event, which the page handles after the click returns
    quote = WebDriverWait(browser, 10).until(lambda _: groups[4].find_elements(By.CSS_SELECTOR, "blockquote.mentions"))[0]
    assert quote.find_element(By.TAG_NAME, "mark").text == "Người Ân"
