// Drives the real yaml-language-server (the one VS Code's YAML extension runs) over stdio,
// as an editor would, and prints what it says about some files: tests/editor.rs asserts on it.
//
// Usage: node lsp.mjs REQUEST.json
// REQUEST: {"root": "/abs/repo", "files": ["cases/x.yaml", ...],
//           "completions": [{"file": "cases/x.yaml", "line": 17, "character": 13}, ...]}
// (lines and characters 0-based, as in LSP). The workspace settings are the ones `kurator init`
// writes into .vscode/settings.json (yaml.schemas by folder), the schema store is off (no
// network), and each file's own `# yaml-language-server: $schema=…` modeline applies as in
// the editor. Prints {"diagnostics": {file: [{line, character, severity, message}]},
//                     "completions": [{file, line, character, items: [{label, kind, detail, documentation, insertText}]}]}.
// Exit 2 with a message when the server is missing or does not answer. (yaml-language-server
// 2.0 declares Node 22.13+ in package.json; it runs here on Node 20, which the suite needs.)

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const server = join(here, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
if (!existsSync(server)) {
    console.error(`lsp.mjs: yaml-language-server не установлен (${server}); запустите tests/clients/run prepare`);
    process.exit(2);
}
const request = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const root = resolve(request.root);
const uri = (file) => pathToFileURL(join(root, file)).href;

const settings = {
    yaml: {
        validate: true,
        hover: true,
        completion: true,
        format: { enable: false },
        schemaStore: { enable: false },
        yamlVersion: '1.2',
        schemas: {
            [pathToFileURL(join(root, 'schema/case.schema.json')).href]: 'cases/**/*.yaml',
            [pathToFileURL(join(root, 'schema/meeting.schema.json')).href]: 'meetings/**/*.yaml',
            [pathToFileURL(join(root, 'schema/kurator.schema.json')).href]: 'kurator.yaml',
            [pathToFileURL(join(root, 'schema/calendar.schema.json')).href]: 'calendar/*.yaml',
            [pathToFileURL(join(root, 'schema/report.schema.json')).href]: 'reports/*.yaml',
        },
    },
};

const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
let stderr = '';
child.stderr.on('data', (d) => { stderr += d; });
child.on('error', (e) => { console.error(`lsp.mjs: не удалось запустить сервер: ${e.message}`); process.exit(2); });

let nextId = 1;
const pending = new Map();
const diagnostics = new Map(); // uri → {at: time of the last report, items}
const send = (message) => {
    const text = JSON.stringify({ jsonrpc: '2.0', ...message });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
};
const call = (method, params) => new Promise((ok, fail) => {
    const id = nextId++;
    pending.set(id, { ok, fail });
    send({ id, method, params });
});
const notify = (method, params) => send({ method, params });

let buffer = Buffer.alloc(0);
child.stdout.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString())[1]);
        if (buffer.length < end + 4 + length) return;
        const message = JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString('utf8'));
        buffer = buffer.subarray(end + 4 + length);
        receive(message);
    }
});

function receive(message) {
    if (message.id !== undefined && message.method === undefined) {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) waiter.fail(new Error(JSON.stringify(message.error)));
        else waiter.ok(message.result);
        return;
    }
    if (message.method === 'textDocument/publishDiagnostics') {
        diagnostics.set(message.params.uri, { at: Date.now(), items: message.params.diagnostics });
        return;
    }
    if (message.id !== undefined) {
        // Requests from the server: settings by section, everything else answered empty.
        let result = null;
        if (message.method === 'workspace/configuration') {
            result = message.params.items.map((item) => (item.section === 'yaml' ? settings.yaml : item.section ? null : settings));
        }
        send({ id: message.id, result });
    }
}

const timeout = setTimeout(() => {
    console.error(`lsp.mjs: сервер не ответил за 60 с\n${stderr}`);
    process.exit(2);
}, 60_000);

await call('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'repo' }],
    capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
            publishDiagnostics: {},
            hover: { contentFormat: ['markdown', 'plaintext'] },
            completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
        },
    },
});
notify('initialized', {});
notify('workspace/didChangeConfiguration', { settings });

const texts = new Map();
for (const file of request.files) {
    const text = readFileSync(join(root, file), 'utf8');
    texts.set(file, text);
    notify('textDocument/didOpen', { textDocument: { uri: uri(file), languageId: 'yaml', version: 1, text } });
}
// Every file reported, then quiet for a while: the server may report a file more than once
// (before and after its schema loads), the last report is what the editor shows.
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
for (;;) {
    await sleep(100);
    const reports = request.files.map((f) => diagnostics.get(uri(f)));
    if (reports.every(Boolean) && Date.now() - Math.max(...reports.map((r) => r.at)) > 700) break;
}

const completions = [];
for (const { file, line, character } of request.completions ?? []) {
    const result = await call('textDocument/completion', { textDocument: { uri: uri(file) }, position: { line, character } });
    const items = (Array.isArray(result) ? result : result?.items ?? []).map((item) => ({
        label: item.label,
        kind: item.kind,
        detail: item.detail ?? null,
        documentation: typeof item.documentation === 'object' ? item.documentation.value : item.documentation ?? null,
        insertText: item.insertText ?? item.textEdit?.newText ?? null,
    }));
    completions.push({ file, line, character, items });
}

const out = { diagnostics: {}, completions };
for (const file of request.files) {
    out.diagnostics[file] = diagnostics.get(uri(file)).items.map((d) => ({
        line: d.range.start.line,
        character: d.range.start.character,
        severity: d.severity,
        message: d.message,
    }));
}
clearTimeout(timeout);
await call('shutdown', null).catch(() => {});
notify('exit', null);
child.stdin.end();
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
process.exit(0);
