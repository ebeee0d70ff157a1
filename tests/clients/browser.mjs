// Opens pages of a generated site in Debian's headless Chromium, driven by playwright-core.
//
// Usage: node browser.mjs OUT_DIR EXPECT_JSON
// EXPECT_JSON's "pages" lists the pages to open (relative to OUT_DIR) with the text each must
// show, an optional CSS selector that must be visible, and "print": true to print the page to
// PDF and read the print back with pdftotext ("printPages": N, the pages the print may take).
// "filter": {"type": TEXT, "rows": N} types TEXT into the page's search field: exactly N rows of
// its table stay visible, each holding TEXT; then a click on the first column's heading sorts
// the rows, and a second click reverses them; clearing the field shows every row again. Every page fails on a console error, an uncaught
// exception, a failed load, or any request that is not a file inside OUT_DIR: the site must
// work offline from file://. Screenshots and the print go to OUT_DIR/screenshots/.
// Exit 0 when every page passes, 1 otherwise; every problem is printed, not only the first.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [outArg, expectArg] = process.argv.slice(2);
if (!outArg || !expectArg) {
    console.error('usage: node browser.mjs OUT_DIR EXPECT_JSON');
    process.exit(2);
}
const out = realpathSync(outArg);
const pages = JSON.parse(readFileSync(expectArg, 'utf8')).pages;
const shots = join(out, 'screenshots');
rmSync(shots, { recursive: true, force: true });
mkdirSync(shots);

const problems = [];
const fail = (page, message) => problems.push(`chromium: ${page}: ${message}`);

// A request stays inside the output folder only if it is a file:// URL under OUT_DIR.
function inside(url) {
    if (!url.startsWith('file:')) return false;
    const rel = relative(out, fileURLToPath(url));
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

// Text as a reader sees it: pdftotext splits lines and marks hyphenation with a soft hyphen.
const normalise = (text) => text.replace(/\u00ad\s*/g, '').replace(/\s+/g, ' ');

// A fresh profile each run, so nothing from an earlier run (cache, storage) hides a problem.
const profile = mkdtempSync(join(tmpdir(), 'kurator-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', // Debian's; never a download
    headless: true,
    // No sandbox: CI runs as root. The rest keeps Chromium from calling home on its own.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
    // Nothing may leave the machine: every request outside the folder is aborted here, and
    // recorded for its page by the 'request' handler below. URLs are printed decoded, so a
    // Cyrillic file name reads as typed.
    await context.route('**/*', (route) =>
        inside(route.request().url()) ? route.continue() : route.abort('blockedbyclient'));

    for (const spec of pages) {
        const name = spec.page;
        const page = await context.newPage();
        page.on('console', (msg) => {
            if (msg.type() === 'error') fail(name, `console error: ${msg.text()}`);
        });
        page.on('pageerror', (error) => fail(name, `uncaught exception: ${error.message}`));
        page.on('request', (request) => {
            if (!inside(request.url())) fail(name, `request leaves the output folder: ${decodeURI(request.url())}`);
        });
        page.on('requestfailed', (request) => {
            if (inside(request.url())) fail(name, `failed to load ${decodeURI(request.url())}: ${request.failure()?.errorText}`);
        });

        let opened = true;
        await page.goto(pathToFileURL(join(out, name)).href, { waitUntil: 'load' }).catch((error) => {
            opened = false;
            fail(name, `cannot open: ${error.message.split('\n')[0]}`);
        });
        if (!opened) {
            await page.close();
            continue;
        }
        const text = normalise(await page.locator('body').innerText());
        for (const phrase of spec.text ?? []) {
            if (!text.includes(phrase)) fail(name, `visible text lacks «${phrase}»`);
        }
        if (spec.selector && !(await page.locator(spec.selector).first().isVisible())) {
            fail(name, `no visible element matches ${spec.selector}`);
        }
        if (spec.filter) await filterAndSort(page, name, spec.filter);
        const shot = name.replaceAll('/', '_').replace(/\.html$/, '');
        await page.screenshot({ path: join(shots, `${shot}.png`), fullPage: true });
        if (spec.print) {
            const pdf = join(shots, `${shot}.print.pdf`);
            await page.pdf({ path: pdf, format: 'A4' });
            const printed = normalise(execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }));
            for (const phrase of spec.text ?? []) {
                if (!printed.includes(phrase)) fail(name, `printed PDF lacks «${phrase}» (pdftotext ${pdf})`);
            }
            const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
            if (spec.printPages && pages > spec.printPages) fail(name, `prints on ${pages} pages, not ${spec.printPages} (${pdf})`);
        }
        await page.close();
    }
} finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
}

// The filter and the sort of a table marked data-tools (templates/table-tools.html), as a
// person uses them: typing into the field, clicking the column heading.
async function filterAndSort(page, name, { type, rows: want }) {
    const box = page.locator('[data-tools]').first();
    const field = box.locator('input[type=search]');
    if (!(await field.isVisible())) return fail(name, 'the filter field is not shown');
    const rows = box.locator('tbody tr');
    const all = await rows.count();
    await field.pressSequentially(type);
    const visible = box.locator('tbody tr:visible');
    const texts = await visible.allInnerTexts();
    if (texts.length !== want) fail(name, `typing «${type}» leaves ${texts.length} of ${all} rows, not ${want}`);
    const lower = type.toLocaleLowerCase('ru');
    for (const text of texts) {
        if (!text.toLocaleLowerCase('ru').includes(lower)) fail(name, `row «${text}» shown for «${type}»`);
    }
    await field.fill('');
    if ((await visible.count()) !== all) fail(name, 'clearing the filter does not show every row');
    const first = () => box.locator('tbody tr td:first-child').allInnerTexts();
    const heading = box.locator('thead th button').first();
    const sorted = (list) => [...list].sort((a, b) => a.localeCompare(b, 'ru', { numeric: true }));
    await heading.click();
    const up = await first();
    if (JSON.stringify(up) !== JSON.stringify(sorted(up))) fail(name, `not sorted by the first column: ${up}`);
    await heading.click();
    const down = await first();
    if (JSON.stringify(down) !== JSON.stringify(sorted(up).reverse())) fail(name, `a second click does not reverse: ${down}`);
}

for (const problem of problems) console.log(problem);
console.log(`chromium: ${pages.length} pages checked, ${problems.length} problems; screenshots in ${shots}`);
process.exit(problems.length ? 1 : 0);
