// End to end: the real Parallax window under Xvfb, driven through WebDriver
// (WebKitWebDriver with TAURI_WEBVIEW_AUTOMATION, or tauri-driver when
// PARALLAX_DRIVER=tauri-driver). Screenshots go to docs/screenshots/.
//
// Needs: DISPLAY set (scripts/test-app.sh starts Xvfb), the app built at
// target/debug/parallax-app (or PARALLAX_APP). Fails, never skips, without them.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { Builder, By, Key, until } from "selenium-webdriver";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const APP = process.env.PARALLAX_APP ?? join(root, "target/debug/parallax-app");
const SHOTS = join(root, "docs/screenshots");
// The benchmark corpus generator (scripts/test-app.sh builds it).
const SYNTH = process.env.PARALLAX_SYNTH ?? join(root, "target/debug/examples/synth");
const PORT = Number(process.env.PARALLAX_WEBDRIVER_PORT ?? 4444);
const work = mkdtempSync(join(tmpdir(), "parallax-e2e-"));
const timings = {};

let driverProc;
let driver;

function waitPort(port, ms) {
  const end = Date.now() + ms;
  return new Promise((res, rej) => {
    const tryOnce = () => {
      const s = net.connect(port, "127.0.0.1");
      s.on("connect", () => (s.destroy(), res()));
      s.on("error", () => (Date.now() > end ? rej(new Error(`WebDriver did not listen on ${port}`)) : setTimeout(tryOnce, 100)));
    };
    tryOnce();
  });
}

async function shot(name) {
  mkdirSync(SHOTS, { recursive: true });
  await driver.sleep(350); // let smooth scrolls and transitions settle
  writeFileSync(join(SHOTS, name), Buffer.from(await driver.takeScreenshot(), "base64"));
}

const $ = (css) => driver.findElement(By.css(css));
const $$ = (css) => driver.findElements(By.css(css));
const js = (code, ...args) => driver.executeScript(code, ...args);
/** Click a sentence where it is drawn: an inline span over several lines has
 * its centre outside itself, so aim at its first line box. */
async function clickSentence(sid) {
  const r = await js(`const e = document.querySelector('.s[data-sid="${sid}"]'); e.scrollIntoView({block: 'center'});
    const b = e.getClientRects()[0]; return {x: Math.round(b.left + Math.min(40, b.width / 2)), y: Math.round(b.top + b.height / 2)};`);
  await driver.sleep(150);
  await driver.actions().move({ x: r.x, y: r.y, origin: "viewport" }).click().perform();
}
/** True once nothing matches `css`. WebKitWebDriver can throw a stale-element
 * error while the page replaces the very nodes being found: that is "not yet". */
const gone = async (css) => {
  try {
    return (await $$(css)).length === 0;
  } catch {
    return false;
  }
};
const visible = async (css, ms = 10000) => driver.wait(until.elementIsVisible(await driver.wait(until.elementLocated(By.css(css)), ms)), ms);

async function compareAndWait() {
  const before = await js("return window.__parallax.shown");
  await (await $("#compare-btn")).click();
  await driver.wait(async () => (await js("return window.__parallax.shown")) > before, 120000, "comparison did not finish");
  await visible(".view-compare .s");
}

before(async () => {
  assert.ok(process.env.DISPLAY, "no DISPLAY: run through scripts/test-app.sh, which starts Xvfb");
  assert.ok(existsSync(APP), `app not built: ${APP}`);
  const env = { ...process.env, TAURI_WEBVIEW_AUTOMATION: "true", PARALLAX_CONFIG_DIR: join(work, "config") };
  const useTauriDriver = process.env.PARALLAX_DRIVER === "tauri-driver";
  driverProc = useTauriDriver
    ? spawn("tauri-driver", ["--port", String(PORT)], { env, stdio: ["ignore", "pipe", "pipe"] })
    : spawn("WebKitWebDriver", [`--port=${PORT}`], { env, stdio: ["ignore", "pipe", "pipe"] });
  // The app's own log (timings) comes through the driver's output.
  driverProc.stdout.on("data", (b) => process.stdout.write(b));
  driverProc.stderr.on("data", (b) => process.stdout.write(b));
  await waitPort(PORT, 15000);
  const caps = useTauriDriver
    ? { browserName: "wry", "tauri:options": { application: APP } }
    : { browserName: "wry", "webkitgtk:browserOptions": { binary: APP, args: [] } };
  const t0 = Date.now();
  driver = await new Builder().usingServer(`http://127.0.0.1:${PORT}`).withCapabilities(caps).build();
  await driver.wait(async () => (await js("return document.body.dataset.ready === 'true'")) === true, 30000, "window never became ready");
  timings["session-to-ready (ms, incl. driver start)"] = Date.now() - t0;
  Object.assign(timings, await js("return window.__parallax.timings"));
});

after(async () => {
  console.log("TIMINGS", JSON.stringify(timings));
  try {
    if (driver) {
      // The window holds a close while work is unsaved (tested above), and a
      // WebDriver session end is such a close: say "close without saving"
      // first, as a user would, so the app exits instead of lingering.
      await js("window.__TAURI_INTERNALS__.invoke('confirm_close').catch(() => {})").catch(() => {});
      await driver.sleep(300);
      await driver.quit().catch(() => {});
    }
  } finally {
    // SIGTERM, not SIGKILL: tauri-driver then stops WebKitWebDriver too.
    driverProc?.kill("SIGTERM");
    // Never wait on output pipes a stray child might still hold.
    driverProc?.stdout?.destroy();
    driverProc?.stderr?.destroy();
  }
});

describe("Parallax window", () => {
  it("opens on the Start screen with the relation legend words", async () => {
    await visible(".view-start h1");
    assert.equal(await (await $(".tab.on")).getText(), "Start");
    assert.equal(await (await $("#add-url")).isEnabled(), true, "URLs can be added");
  });

  it("loads the Bolivia 2019 example", async () => {
    await (await $("#load-example")).click();
    await driver.wait(async () => (await $$(".draft-table tbody tr")).length >= 9, 10000);
    const outlets = await js("return [...document.querySelectorAll('.draft-table tbody input.inline')].map(i => i.value)");
    assert.ok(outlets.includes("Andean Wire Service"), outlets.join(", "));
    await shot("01-start.png");
  });

  it("cancels a running comparison and keeps the list", async () => {
    // On an idle machine the comparison can finish before the click lands:
    // then nothing was cancelled, so go back and try again.
    for (let attempt = 1; ; attempt++) {
      const shown = await js("return window.__parallax.shown");
      await (await $("#compare-btn")).click();
      try {
        await (await visible("#cancel-compare", 5000)).click();
      } catch {
        // the button went away with a finished comparison
      }
      await driver.wait(async () => (await js("return document.querySelector('.progress').hidden")) === true, 30000, "the progress bar stayed");
      if ((await js("return window.__parallax.shown")) === shown) break;
      assert.ok(attempt < 5, "every comparison finished before its cancel landed");
      await (await $('[data-tab="start"]')).click();
    }
    assert.equal(await js("return document.querySelector('.banner').hidden"), true, "cancelling is not an error");
    assert.ok((await $$(".draft-table tbody tr")).length >= 9);
  });

  it("compares and highlights a contradiction", async () => {
    const progress = await js("return window.__parallax.progress");
    await compareAndWait();
    assert.ok((await js("return window.__parallax.progress")) > progress + 2, "no progress arrived through the channel");
    const n = await js("return document.querySelectorAll('.s[data-rel=contradict]').length");
    assert.ok(n > 0, "no contradiction highlighted");
    const legend = await js("return [...document.querySelectorAll('.view-compare .legend .chip')].map(c => c.textContent.replace(/^\\W+/, '').trim())");
    assert.deepEqual(legend, ["verbatim", "agree", "diverge", "contradict", "unique"]);
    Object.assign(timings, await js("return window.__parallax.timings"));
    // A bound for a pathology, not the target (the target and its
    // measurements are in BENCHMARKS.md): the view usually paints in 200 to
    // 400 ms, but a clean-clone CI run of 2026-12-07 took 1342 ms while a
    // release build shared the machine's two cores, and a one-second bar
    // failed on the machine rather than on the code.
    assert.ok(timings["compare-to-view"] < 5000, `view took ${timings["compare-to-view"]} ms after the comparison`);
    await shot("02-compare.png");
    // Scrolling: move column text down by 40 px per animation frame over 60
    // frames and record the frame intervals (reported in BENCHMARKS.md, not
    // asserted: frame times on a shared CI machine are too noisy to be a
    // test). Three cases: one column, as a reader scrolls with the wheel;
    // every column at once (the worst case); and every column at once with
    // the highlights switched off, which is what this layout costs under
    // Xvfb's software rendering before any highlight is drawn. First, the
    // same loop with nothing scrolled: the window's own frame interval.
    const scrollFrames = async (one, plain, idle = false, bare = false) => {
      const frames = await driver.executeAsyncScript(`
        const done = arguments[arguments.length - 1];
        const cols = document.querySelector('.columns');
        const [one, plain, idle, bare] = [arguments[0], arguments[1], arguments[2], arguments[3]];
        // The bare page: the app hidden, and one plain scrolling box with
        // the same text and no style of ours, to show what scrolling text
        // costs in this window at all.
        let box = null;
        const hiddenKids = [];
        if (bare) {
          const text = [...document.querySelectorAll('.col-body')].map(b => b.textContent).join(' ');
          for (const k of document.body.children) { if (!k.hidden) { k.hidden = true; hiddenKids.push(k); } }
          box = document.createElement('div');
          box.style.cssText = 'position:fixed;inset:0;overflow-y:auto;white-space:pre-wrap;background:#fff';
          box.textContent = text;
          document.body.appendChild(box);
        }
        const rels = ['verbatim', 'agree', 'diverge', 'contradict', 'unique'];
        if (plain) rels.forEach(r => cols.classList.add('hide-' + r));
        const bodies = bare ? [box] : idle ? [] : [...document.querySelectorAll('.col-body')].slice(0, one ? 1 : undefined);
        bodies.forEach(b => { b.scrollTop = 0; });
        const times = [];
        let last = 0;
        let i = 0;
        function tick(now) {
          if (i > 0) times.push(now - last);
          last = now;
          for (const b of bodies) b.scrollTop += 40;
          if (++i < 61) requestAnimationFrame(tick);
          else {
            if (plain) rels.forEach(r => cols.classList.remove('hide-' + r));
            if (box) { box.remove(); hiddenKids.forEach(k => { k.hidden = false; }); }
            done(times.slice(1));
          }
        }
        requestAnimationFrame(() => requestAnimationFrame(tick));`, one, plain, idle, bare);
      assert.equal(frames.length, 59, "the scroll measurement did not run");
      const sorted = [...frames].sort((a, b) => a - b);
      return [sorted[Math.floor(sorted.length / 2)], sorted[Math.floor(sorted.length * 0.95)]].map((x) => Math.round(x * 10) / 10);
    };
    [timings["idle-frame-median"], timings["idle-frame-p95"]] = await scrollFrames(false, false, true);
    [timings["scroll-one-column-median"], timings["scroll-one-column-p95"]] = await scrollFrames(true, false);
    [timings["scroll-frame-median"], timings["scroll-frame-p95"]] = await scrollFrames(false, false);
    [timings["scroll-plain-median"], timings["scroll-plain-p95"]] = await scrollFrames(false, true);
    [timings["scroll-bare-page-median"], timings["scroll-bare-page-p95"]] = await scrollFrames(false, false, false, true);
    await js("document.querySelectorAll('.col-body').forEach(b => { b.scrollTop = 0; })");
  });

  it("lights up counterparts on hover", async () => {
    const sid = await js("return document.querySelector('.s[data-rel=contradict]').dataset.sid");
    const r = await js(`const b = document.querySelector('.s[data-sid="${sid}"]').getClientRects()[0]; return {x: Math.round(b.left + 20), y: Math.round(b.top + b.height / 2)};`);
    await driver.actions().move({ x: r.x, y: r.y, origin: "viewport" }).perform();
    await driver.wait(async () => (await $$(".s.cp")).length > 0, 3000, "no counterpart lit");
  });

  it("opens a contradiction's details with its reasons", async () => {
    // The Senkata toll: "three" against "at least six" is a contradiction on a number.
    const sid = await js(`
      const els = [...document.querySelectorAll('.s[data-rel=contradict]')];
      const e = els.find(x => /Senkata/.test(x.textContent)) ?? els[0];
      return e.dataset.sid;`);
    await clickSentence(sid);
    await visible(".detail .reasons li");
    const reasons = await js("return [...document.querySelectorAll('.detail .link.rel-contradict .reasons li')].map(li => li.textContent)");
    assert.ok(reasons.length > 0, "the contradiction has no reasons listed");
    assert.ok(reasons.some((r) => /conflict/.test(r)), reasons.join(" | "));
    assert.ok(await js("return document.querySelectorAll('.detail .link.rel-contradict mark.conflict').length > 0"), "the conflicting words are not marked");
    assert.match(await (await $(".detail .told-text")).getText(), /Told by \d+ of \d+ reports/);
    await shot("03-detail.png");
  });

  it("moves to the next difference with j and filters contradictions", async () => {
    const before = await js("return document.querySelector('.s.selected')?.dataset.sid");
    await driver.actions().sendKeys("j").perform();
    await driver.wait(async () => (await js("return document.querySelector('.s.selected')?.dataset.sid")) !== before, 3000);
    await (await $('[data-filter="contradict"]')).click();
    const rels = await js("return [...new Set([...document.querySelectorAll('.s')].map(s => s.dataset.rel))].sort()");
    assert.deepEqual(rels, ["contradict", "muted"]);
    await (await $('[data-filter="all"]')).click();
    await driver.actions().sendKeys(Key.ESCAPE).perform();
  });

  it("shows the matrix and jumps from a cell to the text", async () => {
    await (await $('[data-tab="matrix"]')).click();
    await visible(".matrix tbody tr");
    await shot("04-matrix.png");
    const cell = await $(".matrix .cell-btn.rel-contradict");
    const sid = await cell.getAttribute("data-sid");
    await cell.click();
    await driver.wait(async () => (await js("return document.querySelector('.s.selected')?.dataset.sid")) === sid, 5000, "the cell did not select its sentence");
    assert.equal(await (await $(".tab.on")).getText(), "Compare");
  });

  it("shows wording and summary", async () => {
    await (await $('[data-tab="wording"]')).click();
    await visible(".view-wording h2");
    await shot("05-wording.png");
    await (await $('[data-tab="summary"]')).click();
    await visible(".chart-row");
    assert.ok((await $$(".chart-row")).length >= 9);
    await shot("06-summary.png");
  });

  it("hides sources in classroom mode and reveals one relation at a time", async () => {
    await (await $('[data-tab="compare"]')).click();
    await (await $("#classroom-btn")).click();
    const names = await js("return [...document.querySelectorAll('.col-head .docname')].map(e => e.textContent)");
    assert.equal(names[0], "Source A");
    assert.ok(!names.some((n) => /Andean/.test(n)));
    await (await $("#find-first")).click();
    assert.ok(await js("return document.querySelector('.columns').classList.contains('hide-contradict')"));
    await (await $('[data-reveal="contradict"]')).click();
    assert.ok(!(await js("return document.querySelector('.columns').classList.contains('hide-contradict')")));
    assert.ok(await js("return document.querySelector('.columns').classList.contains('hide-agree')"));
    await shot("07-classroom.png");
    await (await $("#reveal-sources")).click();
    assert.match(await (await $(".col-head .docname")).getText(), /Andean|Unknown|Wire|\w/);
    await (await $("#classroom-btn")).click();
  });

  it("holds the window open while there is unsaved work", async () => {
    assert.match(await js("return document.querySelector('.file-label').textContent"), /•/, "the comparison should be unsaved here");
    const helper = join(work, "wm-delete");
    execFileSync("cc", ["-O2", "-o", helper, join(here, "wm-delete.c"), "-lX11"]);
    const ids = execFileSync("xdotool", ["search", "--name", " — Parallax$"], { encoding: "utf8" }).trim().split(/\s+/);
    assert.ok(ids.length >= 1 && ids[0], "the window was not found by its title");
    for (const id of ids) execFileSync(helper, [id]);
    const dialog = await visible(".modal", 5000);
    assert.match(await dialog.getText(), /unsaved work/);
    await shot("09-close-confirm.png");
    await (await $('.modal [data-choice="cancel"]')).click();
    await driver.wait(async () => (await $$(".modal")).length === 0, 3000);
    // Still alive and still the same comparison.
    assert.ok((await $$(".col")).length >= 9);
  });

  it("saves a comparison and reopens it from the recent files", async () => {
    const file = join(work, "bolivia.parallax");
    assert.equal(await driver.executeAsyncScript("const done = arguments[arguments.length - 1]; window.__parallax.saveTo(arguments[0]).then(done)", file), true);
    assert.ok(existsSync(file));
    assert.equal(await js("return document.querySelector('.file-label').textContent"), "bolivia.parallax");
    const docs = await js("return document.querySelectorAll('.col').length");
    // A damaged file is refused with a clear message; the work stays.
    const bad = join(work, "bad.parallax");
    writeFileSync(bad, "{ not json");
    await driver.executeAsyncScript("const done = arguments[arguments.length - 1]; window.__parallax.openPath(arguments[0]).then(done)", bad);
    assert.match(await (await visible(".banner")).getText(), /damaged/);
    assert.equal(await js("return document.querySelectorAll('.col').length"), docs);
    // Reopen through the recent files list.
    await (await $('[data-tab="start"]')).click();
    await (await $("#clear-reports")).click();
    await driver.wait(() => gone(".draft-table"), 5000);
    const before = await js("return window.__parallax.shown");
    await (await $(`.recent-item[data-path="${file}"]`)).click();
    await driver.wait(async () => (await js("return window.__parallax.shown")) > before, 10000);
    await visible(".view-compare .s");
    assert.equal(await js("return document.querySelectorAll('.col').length"), docs);
    Object.assign(timings, await js("return window.__parallax.timings"));
  });

  it("exports the report, the worksheet and PDFs from the Export menu", async () => {
    // Stand on its own: compare the example if no comparison is open.
    if (await js("return document.getElementById('export-btn').disabled")) {
      await (await $('[data-tab="start"]')).click();
      await (await $("#load-example")).click();
      await driver.wait(async () => (await $$(".draft-table tbody tr")).length >= 9, 10000);
      await compareAndWait();
    }
    await (await $("#export-btn")).click();
    const dialog = await visible(".modal", 5000);
    const rows = await $$(".modal .choice-row");
    assert.equal(rows.length, 9, "one row per export format");
    // The app under test is built with PDF output (scripts/test-app.sh).
    assert.equal(await js("return document.querySelectorAll('.modal .choice-row:disabled').length"), 0);
    assert.match(await dialog.getText(), /Worksheet \(PDF\)/);
    await shot("15-export.png");
    await (await $('.modal [data-choice="cancel"]')).click();
    await driver.wait(async () => (await $$(".modal")).length === 0, 3000);

    const exportTo = (path, kind) =>
      driver.executeAsyncScript("const done = arguments[arguments.length - 1]; window.__parallax.exportTo(arguments[0], arguments[1]).then(done)", path, kind);
    const html = await exportTo(join(work, "report"), "html");
    assert.equal(html, join(work, "report.html"), "the extension is added");
    assert.match(await (await visible(".banner")).getText(), /Exported to .*report\.html/);
    const page = readFileSync(html, "utf8");
    assert.match(page, /Sacaba/);
    assert.doesNotMatch(page, /<(script|link|img)[^>]+(src|href)=["']?https?:/i, "the report loads nothing from the network");

    const pdf = await exportTo(join(work, "report.pdf"), "pdf");
    assert.ok(readFileSync(pdf).subarray(0, 5).equals(Buffer.from("%PDF-")), "not a PDF");
    const text = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
    assert.match(text, /Sacaba/);
    assert.match(text, /contradict/i);
    // A page of it, as people will see it.
    execFileSync("pdftoppm", ["-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", pdf, join(SHOTS, "11-report-pdf")]);

    const sheet = await exportTo(join(work, "sheet.pdf"), "worksheet-pdf");
    const sheetText = execFileSync("pdftotext", [sheet, "-"], { encoding: "utf8" });
    assert.match(sheetText, /Source A/);
    assert.doesNotMatch(sheetText, /Andean Wire/, "the worksheet names an outlet");
  });

  it("shows pasted markup as text and runs nothing", async () => {
    await (await $('[data-tab="start"]')).click();
    await (await $("#clear-reports")).click();
    const payload = 'Officials said <img src=x onerror="window.__xss=1"> nine people died in Sacaba on Friday. ' +
      'A witness wrote <script>window.__xss=2</script> on a sign. ' +
      'Readers were sent to <a href="javascript:window.__xss=3">this page</a> by the mayor. ' +
      'Marchers carried a <b onmouseover="window.__xss=4">banner</b> across the bridge.';
    const paste = async (outlet, text) => {
      await (await $("#paste-open")).click();
      await (await $("#paste-outlet")).sendKeys(outlet);
      await (await $("#paste-date")).sendKeys("2019-11-16");
      await js("const t = document.getElementById('paste-text'); t.value = arguments[0]; t.dispatchEvent(new Event('input'))", text);
      await (await $("#paste-add")).click();
    };
    await paste("Injected Daily", payload);
    await paste("Plain Post", "Three people died in Sacaba on Friday, officials said.");
    await driver.wait(async () => (await $$(".draft-table tbody tr")).length === 2, 5000);
    assert.match(await js("return document.querySelector('.draft-preview').textContent"), /<img src=x onerror=/);
    await compareAndWait();
    const text = await js("return [...document.querySelectorAll('.s')].map(s => s.textContent).join(' ')");
    assert.match(text, /<img src=x onerror="window.__xss=1">/);
    // Sentences are shown one element each, so compare without the spaces
    // the join put at sentence boundaries ("window." ends a sentence).
    const squeezed = text.replace(/\s+/g, "");
    assert.ok(squeezed.includes("<script>window.__xss=2</script>"), text);
    assert.ok(squeezed.includes('<ahref="javascript:window.__xss=3">'), text);
    assert.ok(squeezed.includes('<bonmouseover="window.__xss=4">'), text);
    assert.equal(await js("return document.querySelectorAll('img').length"), 0);
    // No element from the payload exists: no inline script, no javascript:
    // link, no handler attribute anywhere in the document.
    assert.equal(await js("return [...document.querySelectorAll('script')].filter(s => !s.src).length"), 0);
    assert.equal(await js("return document.querySelectorAll('a[href^=\"javascript:\"], [onmouseover], [onerror]').length"), 0);
    // Hover and click the sentence that carries the handler text: nothing runs.
    const banner = await js("return [...document.querySelectorAll('.s')].find(s => s.textContent.includes('onmouseover')) || null");
    assert.ok(banner, "the sentence with the handler text is shown");
    await driver.actions().move({ origin: banner }).perform();
    await banner.click();
    assert.equal(await js("return window.__xss === undefined"), true);
    await shot("08-pasted-markup.png");
  });

  it("adds reports from URLs, fetched by Rust, and checks one for edits", async () => {
    // Pages of our own writing, served on 127.0.0.1 by the test itself; the
    // wire story is edited after its first fetch.
    const page = (outlet, paras) =>
      `<!doctype html><html><head><title>${outlet}</title><meta property="og:site_name" content="${outlet}">` +
      `<meta property="article:published_time" content="2019-11-16T08:00:00Z"></head><body>` +
      `<nav><a href="/">Home</a> <a href="/world">World</a></nav><article>${paras.map((p) => `<p>${p}</p>`).join("")}</article>` +
      `<footer>All rights reserved.</footer></body></html>`;
    let wireHits = 0;
    const server = http.createServer((req, res) => {
      if (req.url === "/wire") {
        wireHits += 1;
        const day = wireHits === 1 ? "Friday" : "Thursday";
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(page("Served Wire", [`Nine people were killed in Sacaba on ${day}, the Ombudsman said.`, "Police fired tear gas at marchers on the bridge into the city.", "The interim government denied that soldiers had fired live rounds."]));
      } else if (req.url === "/local") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(page("Valley Courier", ["At least five people were killed in Sacaba on Friday, officials said.", "Police fired tear gas at marchers on the bridge into the city.", "Farmers from the Chapare had walked for two days to reach the city."]));
      } else {
        res.writeHead(404, { "content-type": "text/plain" });
        res.end("not here");
      }
    });
    await new Promise((r) => server.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${server.address().port}`;
    try {
      await (await $('[data-tab="start"]')).click();
      await (await $("#clear-reports")).click();
      // The pasted comparison before this is unsaved: discard it, as asked.
      await (await visible('.modal [data-choice="discard"]', 3000)).click();
      await driver.wait(async () => (await $$(".modal")).length === 0, 3000);
      await (await $("#add-url")).click();
      await js("const t = document.getElementById('url-input'); t.value = arguments[0]; t.dispatchEvent(new Event('input'))", `${base}/wire\n${base}/local\n${base}/gone`);
      await (await $("#url-add")).click();
      await driver.wait(async () => (await $$(".draft-table tbody tr")).length === 2, 20000, "the pages were not added");
      await driver.wait(async () => (await $$('.url-status li[data-state="failed"]')).length === 1, 5000);
      assert.match(await js("return document.querySelector('.url-status li[data-state=\"failed\"]').textContent"), /HTTP 404/);
      assert.equal((await $$('.url-status li[data-state="done"]')).length, 2);
      assert.match(await js("return document.querySelector('.draft-fetched').textContent"), /127\.0\.0\.1:\d+ · fetched/);
      assert.match(await js("return document.querySelector('.draft-table').textContent"), /Served Wire/);
      await shot("13-add-url.png");
      await compareAndWait();
      assert.doesNotMatch(await js("return document.querySelector('.columns').textContent"), /All rights reserved/);
      const edits = await $$(".edits-btn");
      assert.equal(edits.length, 2, "each web report offers a check for edits");
      await edits[0].click();
      await visible(".modal .edit");
      const dialog = await js("return document.querySelector('.modal').textContent");
      assert.match(dialog, /This article was edited/);
      assert.match(dialog, /Friday/);
      assert.match(dialog, /Thursday/);
      await shot("14-edits.png");
      await (await $('.modal [data-choice="ok"]')).click();
      await driver.wait(async () => (await $$(".modal")).length === 0, 3000);
    } finally {
      server.close();
    }
  });

  it("times the compare view for 10 and 50 reports", async () => {
    // A teacher's 10 reports and an editor's 50 (issue 7), from the
    // benchmark generator: reports of 30 sentences, about the length of a
    // news report. They come in through the path the Open dialog and a file
    // drop take, and the timings the window measures are logged for
    // BENCHMARKS.md (not asserted, beyond a bound for a pathology).
    assert.ok(existsSync(SYNTH), `corpus generator not built: ${SYNTH}`);
    for (const n of [10, 50]) {
      const dir = join(work, `synth-${n}`);
      execFileSync(SYNTH, ["--reports", String(n), "--sentences", "30", "--seed", "1", "--out", dir], { stdio: "ignore" });
      const paths = readdirSync(dir).filter((f) => f.endsWith(".md")).sort().map((f) => join(dir, f));
      assert.equal(paths.length, n);
      await (await $('[data-tab="start"]')).click();
      await (await $("#clear-reports")).click();
      if ((await $$('.modal [data-choice="discard"]')).length) {
        await (await $('.modal [data-choice="discard"]')).click();
        await driver.wait(async () => (await $$(".modal")).length === 0, 3000);
      }
      await driver.wait(async () => (await $$(".draft-table tbody tr")).length === 0, 5000, "the list was not cleared");
      const err = await driver.executeAsyncScript(
        "const done = arguments[arguments.length - 1]; window.__parallax.addPaths(arguments[0]).then(() => done(null), (e) => done(String(e)));",
        paths,
      );
      assert.equal(err, null);
      await driver.wait(async () => (await $$(".draft-table tbody tr")).length === n, 10000, `${n} reports were not listed`);
      await compareAndWait();
      assert.equal(await js("return document.querySelectorAll('.col').length"), n);
      const t = await js("return window.__parallax.timings");
      timings[`compare-engine-${n}-reports`] = t["compare-engine"];
      timings[`compare-to-view-${n}-reports`] = t["compare-to-view"];
      // A bound for a pathology (work that grows with the square of the
      // reports), not the target: builds with the same interface code
      // painted 50 reports in 216 to 895 ms from one run to the next on the
      // CI machine, so a one-second bar here tested the machine. The times
      // are measured and reported in BENCHMARKS.md (the sample's view above
      // has the same kind of bound).
      assert.ok(t["compare-to-view"] < 5000, `the view of ${n} reports took ${t["compare-to-view"]} ms after the comparison`);
      if (n === 50) {
        await shot("16-fifty-reports.png");
        await (await $('[data-tab="matrix"]')).click();
        await visible(".view-matrix table");
        await shot("17-fifty-reports-matrix.png");
      }
    }
  });
});
