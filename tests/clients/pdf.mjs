// Checks every PDF under a folder with qpdf and poppler-utils, the tools a centre's IT person
// would reach for.
//
// Usage: node pdf.mjs OUT_DIR EXPECT_JSON
// For each PDF (except OUT_DIR/screenshots/, the browser suite's own prints):
//   - `qpdf --check` exits 0 (no errors and no warnings: a repaired file is still a bad file);
//   - `pdffonts` lists every font as embedded (emb = yes), so the document looks the same
//     everywhere and can be archived;
//   - `pdfinfo -meta` shows the PDF/A identification (pdfaid:part) in the XMP metadata;
//   - `pdftotext` yields every phrase of EXPECT_JSON's pdf.every, and pdf.files[path] for that
//     file (paths relative to OUT_DIR; a listed file that is missing is a failure too).
// Exit 0 when every file passes, 1 otherwise; every problem is printed, not only the first.

import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';

const [out, expectArg] = process.argv.slice(2);
if (!out || !expectArg) {
    console.error('usage: node pdf.mjs OUT_DIR EXPECT_JSON');
    process.exit(2);
}
const expect = JSON.parse(readFileSync(expectArg, 'utf8')).pdf;

// Runs a tool and returns its exit code and output; a non-zero exit is data, not an exception.
async function run(tool, args) {
    try {
        const { stdout, stderr } = await promisify(execFile)(tool, args, { maxBuffer: 64 << 20 });
        return { code: 0, stdout, stderr };
    } catch (error) {
        if (typeof error.code !== 'number') throw error; // the tool itself is missing
        return { code: error.code, stdout: error.stdout, stderr: error.stderr };
    }
}

// What a tool said, on one line: its first distinct lines, without the file's path.
function said(result, file) {
    return (result.stdout + result.stderr).split('\n').map((line) => line.replaceAll(`${file}: `, '').trim())
        .filter((line) => line && !/^(checking|PDF Version|File is not)/.test(line))
        .filter((line, i, lines) => lines.indexOf(line) === i).slice(0, 4).join(' | ');
}

// Text as a reader sees it: pdftotext splits lines and marks hyphenation with a soft hyphen.
const normalise = (text) => text.replace(/\u00ad\s*/g, '').replace(/\s+/g, ' ');

// pdffonts prints a fixed-width table; the dashes under the header give the column spans.
function unembeddedFonts(table) {
    const lines = table.split('\n');
    const dashes = lines.findIndex((line) => line.startsWith('---'));
    if (dashes < 1) return ['(pdffonts printed no font table)'];
    const spans = [...lines[dashes].matchAll(/-+/g)].map((m) => [m.index, m.index + m[0].length]);
    const column = lines[dashes - 1].split(/\s+/).indexOf('emb');
    return lines.slice(dashes + 1).filter((line) => line.trim())
        .filter((line) => line.slice(...spans[column]).trim() !== 'yes')
        .map((line) => line.slice(...spans[0]).trim());
}

// Checks one file and returns its problems.
async function check(file) {
    const rel = relative(out, file);
    const problems = [];
    const fail = (tool, message) => problems.push(`${tool}: ${rel}: ${message}`);
    const [qpdf, fonts, meta, text] = await Promise.all([
        run('qpdf', ['--check', file]),
        run('pdffonts', [file]),
        run('pdfinfo', ['-meta', file]),
        run('pdftotext', ['-enc', 'UTF-8', file, '-']),
    ]);
    if (qpdf.code !== 0) fail('qpdf', `--check exited ${qpdf.code}: ${said(qpdf, file)}`);
    if (fonts.code !== 0) fail('pdffonts', `exited ${fonts.code}: ${said(fonts, file)}`);
    else for (const font of unembeddedFonts(fonts.stdout)) fail('pdffonts', `font not embedded: ${font}`);
    if (meta.code !== 0) fail('pdfinfo', `exited ${meta.code}: ${said(meta, file)}`);
    else if (!/pdfaid:part(>\s*|=["'])[1-4]/.test(meta.stdout)) fail('pdfinfo', 'no PDF/A identification (pdfaid:part) in the XMP metadata');
    if (text.code !== 0) fail('pdftotext', `exited ${text.code}: ${said(text, file)}`);
    else {
        const words = normalise(text.stdout);
        for (const phrase of [...(expect.every ?? []), ...(expect.files?.[rel] ?? [])]) {
            if (!words.includes(phrase)) fail('pdftotext', `text lacks «${phrase}»`);
        }
    }
    return problems;
}

const files = readdirSync(out, { recursive: true })
    .filter((name) => name.endsWith('.pdf') && !name.startsWith('screenshots/'))
    .sort().map((name) => join(out, name));
const problems = [];
if (files.length === 0) problems.push(`pdf: no PDF files under ${out}`);
for (const rel of Object.keys(expect.files ?? {})) {
    if (!existsSync(join(out, rel))) problems.push(`pdf: ${rel}: expected file is missing`);
}

// The tools are quick; running a few files at once keeps both cores busy. Problems are
// printed in file order, whatever order the checks finish in.
const found = new Array(files.length);
let next = 0;
await Promise.all(Array.from({ length: availableParallelism() * 2 }, async () => {
    while (next < files.length) {
        const i = next++;
        found[i] = await check(files[i]);
    }
}));
problems.push(...found.flat());

for (const problem of problems) console.log(problem);
console.log(`pdf: ${files.length} files checked, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
