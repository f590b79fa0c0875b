"""The crosswalk review page in a real browser: Debian's chromium driven by Selenium,
clicking through a review, and the downloaded decisions fed back to the CLI.

`make test` installs chromium and chromium-driver (CI runs as root); elsewhere the
test is skipped when they are missing, but never under CI.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from cwframe.cli.app import app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")

if not (CHROMIUM and CHROMEDRIVER):
    if os.environ.get("CI"):
        pytest.fail("CI must run the browser test: install chromium and chromium-driver (make test does)")
    pytest.skip("chromium and chromium-driver are not installed", allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver")


@pytest.fixture
def browser(tmp_path: Path):
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1400,1000"):  # fmt: skip
        options.add_argument(flag)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})  # fmt: skip
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    yield driver
    driver.quit()


def _progress(driver) -> str:
    return driver.find_element("id", "progress").text


def _card(driver, source_id: str):
    return driver.find_element("css selector", f".src[data-id='{source_id}']")


def test_a_designer_reviews_in_the_browser_and_the_cli_reads_it_back(runner, browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    page = tmp_path / "review.html"
    made = runner.invoke(
        app, ["crosswalk", "nos/key-people", "sdf", "--no-reviews", "-f", "html", "-o", str(page)]
    )
    assert made.exit_code == 0
    assert "http://" not in page.read_text(encoding="utf-8").split("<script>")[0]  # nothing fetched
    browser.get(page.as_uri())
    # The page opens on the review list; the matrix is one click away.
    assert browser.find_element(By.ID, "view-review").is_displayed()
    assert not browser.find_element(By.ID, "view-matrix").is_displayed()
    browser.find_element(By.ID, "tab-matrix").click()
    assert browser.find_element(By.ID, "view-matrix").is_displayed()
    assert not browser.find_element(By.ID, "view-review").is_displayed()
    browser.find_element(By.ID, "tab-review").click()
    assert _progress(browser) == "0 of 135 reviewed"
    body = browser.find_element(By.TAG_NAME, "body")
    p1, p3, p4 = (_card(browser, f"nos/key-people/P{n}") for n in (1, 3, 4))

    def targets(card) -> list[str]:
        return [c.get_attribute("data-target") for c in card.find_elements(By.CSS_SELECTOR, ".cand")]

    first_of_p1, second_of_p1 = targets(p1)[:2]
    p3_candidates = targets(p3)
    second_of_p4 = targets(p4)[1]
    # From the keyboard: P1's first is strong, its second partial (2 pressed twice); P2 has no
    # counterpart; the rest of P3's are rejected.
    body.send_keys("1", "2", "2", "j", "n", "j", "x")
    # With the mouse: P4's second candidate is strong, with a note, and a target added by id.
    p4 = _card(browser, "nos/key-people/P4")
    p4.find_elements(By.CSS_SELECTOR, ".cand")[1].find_element(By.CSS_SELECTOR, "button.strong").click()
    p4 = _card(browser, "nos/key-people/P4")
    p4.find_element(By.CSS_SELECTOR, ".add").send_keys("sdf/yps/4.4", Keys.ENTER)
    p4 = _card(browser, "nos/key-people/P4")
    note = p4.find_element(By.CSS_SELECTOR, ".note")
    note.send_keys("checked with the team", Keys.ESCAPE)
    # Decided: P1, P2 and P4. Rejecting P3's candidates leaves it to decide (a counterpart elsewhere, or none).
    assert _progress(browser) == "3 of 135 reviewed"
    p1 = _card(browser, "nos/key-people/P1")
    assert [c.get_attribute("class").split()[-1] for c in p1.find_elements(By.CSS_SELECTOR, ".cand")][:2] == [
        "v-strong", "v-partial"]  # fmt: skip
    assert "on" in _card(browser, "nos/key-people/P2").find_element(By.CSS_SELECTOR, ".no").get_attribute(
        "class"
    )
    # Filters: the reviewed ones.
    Select(browser.find_element(By.ID, "f-state")).select_by_value("reviewed")
    shown = [c.get_attribute("data-id") for c in browser.find_elements(By.CSS_SELECTOR, ".src:not(.hidden)")]
    assert shown == [
        f"nos/key-people/P{n}" for n in (1, 2, 4)
    ]  # P3's candidates are all rejected: not decided
    # Work is kept across a reload.
    browser.refresh()
    assert _progress(browser) == "3 of 135 reviewed"
    assert _card(browser, "nos/key-people/P4").find_element(By.CSS_SELECTOR, ".note").get_attribute("value") == \
        "checked with the team"  # fmt: skip
    # Download, then the CLI reads the file.
    browser.find_element(By.ID, "download").click()
    deadline = time.time() + 20
    while not list(browser.downloads.glob("*.csv")) and time.time() < deadline:
        time.sleep(0.2)
    (downloaded,) = browser.downloads.glob("*.csv")
    assert downloaded.name == "decisions-nos-key-people-sdf.csv"
    result = runner.invoke(
        app,
        ["crosswalk", "nos/key-people", "sdf", "--no-reviews", "--decisions", str(downloaded), "-f", "json"],
    )
    assert result.exit_code == 0, result.stderr
    records = {r["id"]: r for r in json.loads(result.stdout)["records"]}
    p1_now, p2_now, p3_now, p4_now = (records[f"nos/key-people/P{n}"] for n in (1, 2, 3, 4))
    assert [(m["id"], m["grade"], m["reviewed_by"]) for m in p1_now["matches"]] == [
        (first_of_p1, "strong", "you"), (second_of_p1, "partial", "you")]  # fmt: skip
    assert p2_now["no_counterpart"] is True and p2_now["matches"] == []
    assert not {m["id"] for m in p3_now["matches"]} & set(p3_candidates)  # rejected: not proposed again
    assert [(m["id"], m["grade"], m["note"]) for m in p4_now["matches"]] == [
        (second_of_p4, "strong", "checked with the team"),
        ("sdf/yps/4.4", "partial", "checked with the team"),
    ]


def test_shipped_reviews_open_decided_and_only_your_changes_download(runner, browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    page = tmp_path / "review.html"
    assert (
        runner.invoke(app, ["crosswalk", "nos/key-people", "sdf", "-f", "html", "-o", str(page)]).exit_code
        == 0
    )
    browser.get(page.as_uri())
    assert _progress(browser) == "135 of 135 reviewed"
    p1 = _card(browser, "nos/key-people/P1")
    assert "cwframe" in p1.find_element(By.CSS_SELECTOR, ".rel.reviewed").text
    p1.find_element(By.CSS_SELECTOR, ".no").click()  # the designer disagrees with one source
    browser.find_element(By.ID, "download").click()
    deadline = time.time() + 20
    while not list(browser.downloads.glob("*.csv")) and time.time() < deadline:
        time.sleep(0.2)
    (downloaded,) = browser.downloads.glob("*.csv")
    assert downloaded.read_text(encoding="utf-8").splitlines() == [
        "source,target,decision,relation,note",
        "nos/key-people/P1,,no counterpart,,",
    ]


def test_every_text_stays_text(browser, tmp_path: Path) -> None:
    """Hostile statements are shown, never run: no alert, no injected element, the page intact."""
    import cwframe
    from cwframe.ops.crosswalk import crosswalk
    from cwframe.render.crosswalk import review_page

    corpus = cwframe.load_corpus()
    nos = corpus.frameworks[0]
    unit = nos.units[1]
    section = unit.sections[0]
    evil = ['<img src=x onerror="document.title=\'pwned\'">', "</script><script>document.title='pwned2'</script>",
            "{js} {data} & <b>bold</b>"]  # fmt: skip
    statements = [s.model_copy(update={"text": f"{t} ensure workers support key people"}) for s, t in
                  zip(section.statements, evil, strict=False)]  # fmt: skip
    unit = unit.model_copy(update={"sections": [section.model_copy(update={"statements": statements})]})
    poisoned = corpus.model_copy(
        update={"frameworks": [nos.model_copy(update={"units": [unit]}), *corpus.frameworks[1:]]}
    )
    page = tmp_path / "evil.html"
    page.write_text(
        review_page(crosswalk(poisoned, "nos/key-people", "sdf", reviews=False)), encoding="utf-8"
    )
    browser.get(page.as_uri())
    time.sleep(0.3)
    assert browser.title == "Crosswalk nos/key-people → sdf"
    assert browser.find_elements("css selector", "#sources img, #sources b") == []
    text = browser.find_element("id", "sources").text
    assert all(t in text for t in evil)
    assert _progress(browser) == "0 of 3 reviewed"
