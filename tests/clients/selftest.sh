#!/bin/sh
# Proves that every client suite can fail: each suite is run, by the same code path as on the
# real output, on deliberately broken input, and must exit non-zero AND name each planted fault.
# Usage: tests/clients/selftest.sh DEMO_OUT (a built demo: two broken PDFs are cut from it).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
demo=$1
work=$here/../../target/clients-selftest
rm -rf "$work"
mkdir -p "$work"
# Copies, because the browser suite writes screenshots into the folder it checks.
cp -R "$here/fixtures/site" "$here/fixtures/pdf" "$work/"

# Two broken PDFs cut from a real document, so each has exactly one fault: the second half is
# missing (qpdf must object), or the PDF/A id is renamed in place, same length, offsets intact.
real="$demo/cases/2024-001/договор.pdf"
head -c 20000 "$real" >"$work/pdf/truncated.pdf"
LC_ALL=C sed 's/pdfaid:part/pdfaid:gone/g' "$real" >"$work/pdf/no-pdfa.pdf"
if cmp -s "$real" "$work/pdf/no-pdfa.pdf"; then
    echo "selftest: could not remove pdfaid:part from $real (is the XMP compressed now?)"
    exit 1
fi

# run_broken NAME COMMAND...: the command must fail; its output is kept for must_say.
run_broken() {
    name=$1
    shift
    log="$work/$name.log"
    if "$@" >"$log" 2>&1; then
        sed 's/^/    /' "$log"
        echo "selftest: FAILED: the $name suite passed broken input ($*)"
        exit 1
    fi
    echo "selftest: the $name suite failed on broken input, as it must:"
    sed 's/^/    /' "$log"
}

# must_say TEXT: the last failing suite named this planted fault.
must_say() {
    if ! grep -qF -- "$1" "$log"; then
        echo "selftest: FAILED: the $name suite did not report «$1»"
        exit 1
    fi
}

run_broken vnu sh "$here/html.sh" "$work/site"
must_say 'vnu: недопустимая-разметка.html:8.68-8.71: error: No “p” element in scope'
must_say 'vnu: недопустимая-разметка.html:9.36-9.51: error: Bad value “0” for attribute “colspan”'

run_broken chromium node "$here/browser.mjs" "$work/site" "$here/fixtures/expect.json"
must_say 'chromium: index.html: console error: planted console error'
must_say 'chromium: index.html: uncaught exception: planted exception'
must_say 'chromium: index.html: request leaves the output folder: https://example.com/planted.png'
must_say 'chromium: index.html: request leaves the output folder: file://'
must_say '/target/clients-selftest/outside.css'
must_say '/target/clients-selftest/site/нет-такого-файла.png: net::ERR_FILE_NOT_FOUND'
must_say 'chromium: index.html: visible text lacks «Текст, которого нет на странице»'
must_say 'chromium: index.html: no visible element matches svg'
must_say 'chromium: index.html: printed PDF lacks «Текст, которого нет на странице»'
must_say 'chromium: фильтр.html: typing «Иван» leaves 3 of 3 rows, not 1'
must_say 'chromium: фильтр.html: row «3 Петровы» shown for «Иван»'
must_say 'chromium: фильтр.html: not sorted by the first column'
must_say 'chromium: фильтр.html: prints on 2 pages, not 1'

run_broken pdf node "$here/pdf.mjs" "$work/pdf" "$here/fixtures/expect.json"
must_say 'qpdf: truncated.pdf: --check exited 2'
must_say 'pdfinfo: no-pdfa.pdf: no PDF/A identification'
must_say 'pdffonts: helvetica.pdf: font not embedded: Helvetica'
must_say 'pdfinfo: helvetica.pdf: no PDF/A identification'
must_say 'pdftotext: helvetica.pdf: text lacks «Государственное бюджетное учреждение»'
must_say 'pdf: нет-такого-файла.pdf: expected file is missing'
# The derived PDFs keep everything else: only the planted fault is reported for them.
if [ "$(grep -c 'no-pdfa.pdf' "$log")" -ne 1 ]; then
    echo "selftest: FAILED: no-pdfa.pdf has more than the planted fault"
    exit 1
fi

echo "selftest: every suite failed on its broken input"
