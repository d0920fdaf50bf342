// Time a jsPDF table document; print one JSON line.
//
//   node pdf_node.mjs --node-modules <peers>/node/node_modules --input pdf-300.json [--runs 5] \
//       [--save FILE]
//
// Input: {title, columns[4], rows[N][4]}. Timed: new jsPDF (US Letter, points), the title on the
// first page, then the table drawn with doc.text at computed positions, the header row repeated at
// the top of every page, the vaccine column (index 1) wrapped with doc.splitTextToSize, and the
// bytes produced with doc.output('arraybuffer'). Core jsPDF only: no autotable or other plugin,
// default (standard 14) font, Helvetica. The JSON is read and parsed before timing.
// --save writes the last run's PDF for inspection (outside the timing).

import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs, peerLoader, now, seconds, median, runHelper } from './lib.mjs';

await runHelper(async () => {
  const args = parseArgs(process.argv.slice(2));
  const runs = Number(args.runs ?? 5);
  const minWarmup = Number(args['min-warmup-seconds'] ?? 1);
  const peers = peerLoader(args['node-modules']);
  const { jsPDF } = peers.require('jspdf');
  const version = peers.version('jspdf');

  const inputBytes = readFileSync(args.input);
  const doc0 = JSON.parse(inputBytes.toString('utf8'));
  const { title, columns, rows } = doc0;
  if (!Array.isArray(columns) || columns.length !== 4) throw new Error('columns must have 4 entries');

  // Layout in points on US Letter (612 x 792), 0.75 in margins.
  const PAGE_W = 612, PAGE_H = 792, M = 54;
  const COL_W = [96, 220, 110, PAGE_W - 2 * M - 96 - 220 - 110];
  const COL_X = COL_W.reduce((xs, w, i) => (xs.push(i === 0 ? M : xs[i - 1] + COL_W[i - 1]), xs), []);
  const PAD = 4, FONT = 10, LINE = 13, TITLE_FONT = 16;

  function render() {
    const doc = new jsPDF({ orientation: 'portrait', unit: 'pt', format: 'letter' });
    let y = M;
    doc.setFont('helvetica', 'bold');
    doc.setFontSize(TITLE_FONT);
    doc.text(String(title), M, y + TITLE_FONT);
    y += TITLE_FONT + 18;

    const header = () => {
      doc.setFont('helvetica', 'bold');
      doc.setFontSize(FONT);
      for (let c = 0; c < 4; c++) doc.text(String(columns[c]), COL_X[c] + PAD, y + FONT);
      y += LINE + 3;
      doc.setLineWidth(0.75);
      doc.line(M, y - 2, PAGE_W - M, y - 2);
      doc.setFont('helvetica', 'normal');
    };
    header();
    for (const row of rows) {
      const vaccine = doc.splitTextToSize(String(row[1]), COL_W[1] - 2 * PAD);
      const h = Math.max(1, vaccine.length) * LINE + 2;
      if (y + h > PAGE_H - M) {
        doc.addPage('letter', 'portrait');
        y = M;
        header();
      }
      doc.text(String(row[0]), COL_X[0] + PAD, y + FONT);
      doc.text(vaccine, COL_X[1] + PAD, y + FONT, { lineHeightFactor: LINE / FONT });
      doc.text(String(row[2]), COL_X[2] + PAD, y + FONT);
      doc.text(String(row[3]), COL_X[3] + PAD, y + FONT);
      y += h;
    }
    const bytes = doc.output('arraybuffer');
    return { bytes, pages: doc.getNumberOfPages() };
  }

  // jsPDF's standard fonts write WinAnsi (cp1252) bytes: any other character comes out wrong.
  // List the input's characters outside cp1252 (none for the em dash, U+2014 = 0x97).
  const WINANSI_EXTRA = '\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d' +
    '\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178';
  const notWinAnsi = new Set();
  for (const s of [title, ...columns, ...rows.flat()]) {
    for (const ch of String(s)) {
      const c = ch.codePointAt(0);
      const ok = (c >= 0x20 && c < 0x7f) || (c >= 0xa0 && c <= 0xff) || WINANSI_EXTRA.includes(ch);
      if (!ok) notWinAnsi.add(`U+${c.toString(16).toUpperCase().padStart(4, '0')}`);
    }
  }

  const w0 = now();
  let last = render(); // warm-up, repeated until --min-warmup-seconds have passed
  let warmups = 1;
  while (seconds(w0, now()) < minWarmup) { render(); warmups++; }
  const all = [];
  for (let r = 0; r < runs; r++) {
    const t0 = now();
    last = render();
    all.push(seconds(t0, now()));
  }
  if (args.save) writeFileSync(args.save, Buffer.from(last.bytes));

  return {
    peer: `jspdf ${version}`,
    operation: 'pdf_table',
    bytes: inputBytes.length,
    rows: rows.length,
    pages: last.pages,
    output_bytes: last.bytes.byteLength,
    runs,
    median_seconds: median(all),
    all_seconds: all,
    warmup_runs: warmups,
    chars_outside_winansi: [...notWinAnsi],
    settings: {
      page: 'US Letter, pt, Helvetica 10 (standard font), header row repeated per page',
      wrap: 'doc.splitTextToSize on column 2 (vaccine)',
      output: "doc.output('arraybuffer')",
    },
  };
});
