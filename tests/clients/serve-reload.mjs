// `kurator serve` in a real browser: a page that is open reloads by itself when a case file is
// saved, and shows the new text. Run by tests/serve.rs against a server it started.
//
// Usage: node serve-reload.mjs PAGE_URL CASE_FILE OLD_TEXT NEW_TEXT
// Opens PAGE_URL in Debian's headless Chromium (playwright-core), checks it shows OLD_TEXT,
// replaces OLD_TEXT by NEW_TEXT in CASE_FILE (write to a temporary file and rename, as editors
// save), then waits (at most 30 s) for the page to navigate again by itself and show NEW_TEXT.
// Fails on a console error, an uncaught exception, or a request that leaves 127.0.0.1.
// Exit 0 when it reloaded, 1 otherwise.

import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';

const [url, caseFile, oldText, newText] = process.argv.slice(2);
if (!url || !caseFile || !oldText || !newText) {
    console.error('usage: node serve-reload.mjs PAGE_URL CASE_FILE OLD_TEXT NEW_TEXT');
    process.exit(2);
}
const origin = new URL(url).origin;
const problems = [];
const fail = (message) => problems.push(`chromium: ${message}`);

const profile = mkdtempSync(join(tmpdir(), 'kurator-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', // Debian's; never a download
    headless: true,
    // No sandbox: CI runs as root. The rest keeps Chromium from calling home on its own.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
    await context.route('**/*', (route) =>
        route.request().url().startsWith(origin) ? route.continue() : route.abort('blockedbyclient'));
    const page = await context.newPage();
    page.on('console', (msg) => {
        if (msg.type() === 'error') fail(`console error: ${msg.text()}`);
    });
    page.on('pageerror', (error) => fail(`uncaught exception: ${error.message}`));
    page.on('request', (request) => {
        if (!request.url().startsWith(origin)) fail(`request leaves the preview: ${request.url()}`);
    });
    let listening = false;
    page.on('response', (response) => {
        if (response.url().includes('/.kurator/events')) listening = true;
    });
    let navigations = 0;
    page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) navigations += 1;
    });
    await page.goto(url, { waitUntil: 'load' });
    const before = await page.locator('body').innerText();
    if (!before.includes(oldText)) fail(`the page does not show «${oldText}» before the change`);
    // The reload script must be listening before the file changes.
    for (let waited = 0; !listening && waited < 10000; waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (!listening) fail('the page never opened the reload event stream');
    const navigationsBefore = navigations;

    const text = readFileSync(caseFile, 'utf8');
    if (!text.includes(oldText)) fail(`${caseFile} does not contain «${oldText}»`);
    const temp = join(dirname(caseFile), `.${Date.now()}.tmp`);
    writeFileSync(temp, text.replace(oldText, newText));
    renameSync(temp, caseFile);

    const deadline = Date.now() + 30000;
    let shown = false;
    while (Date.now() < deadline) {
        if (navigations > navigationsBefore) {
            const now = await page.locator('body').innerText().catch(() => '');
            if (now.includes(newText)) {
                shown = true;
                break;
            }
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (navigations === navigationsBefore) fail('the page did not reload by itself after the save');
    else if (!shown) fail(`the page reloaded but does not show «${newText}»`);
} finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
}

for (const problem of problems) console.log(problem);
console.log(`chromium: serve reload checked, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
