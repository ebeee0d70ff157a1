// How long from saving a case file to the reloaded page, with `kurator serve` running.
//
// Usage: node bench/serve-latency.mjs PAGE_URL CASE_FILE TEXT RUNS
// Opens PAGE_URL in Debian's headless Chromium (playwright-core from tests/clients), then RUNS
// times: replaces TEXT (or the previous run's text) in CASE_FILE by «TEXT N» the way an editor
// saves (temporary file + rename) and measures the time from the rename to the `load` event of
// the page that shows the new text. Prints each run and the median, in milliseconds.

import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(new URL('../tests/clients/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const [url, caseFile, text, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 5);
if (!url || !caseFile || !text) {
    console.error('usage: node bench/serve-latency.mjs PAGE_URL CASE_FILE TEXT RUNS');
    process.exit(2);
}
const profile = mkdtempSync(join(tmpdir(), 'kurator-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const times = [];
try {
    const page = await context.newPage();
    let listening = false;
    page.on('response', (r) => { if (r.url().includes('/.kurator/events')) listening = true; });
    await page.goto(url, { waitUntil: 'load' });
    let current = text;
    for (let run = 1; run <= runs; run++) {
        while (!listening) await new Promise((r) => setTimeout(r, 20));
        // Settled: the server is idle between runs.
        await new Promise((r) => setTimeout(r, 1500));
        listening = false;
        const next = `${text} ${Date.now() % 100000}`;
        const body = readFileSync(caseFile, 'utf8');
        if (!body.includes(current)) throw new Error(`${caseFile} lacks «${current}»`);
        const temp = join(dirname(caseFile), `.bench-${run}.tmp`);
        writeFileSync(temp, body.replace(current, next));
        const loaded = page.waitForEvent('load', { timeout: 60000 });
        const saved = performance.now();
        renameSync(temp, caseFile);
        await loaded;
        const shown = (await page.locator('body').innerText()).includes(next);
        const ms = performance.now() - saved;
        if (!shown) throw new Error(`run ${run}: reloaded without «${next}»`);
        times.push(ms);
        console.log(`run ${run}: ${ms.toFixed(0)} ms`);
        current = next;
    }
} finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
}
const sorted = [...times].sort((a, b) => a - b);
console.log(`median of ${runs}: ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms`);
