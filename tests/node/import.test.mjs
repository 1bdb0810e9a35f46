// Files dropped on a page through the built npm package (target/npm/cxkit): `parseRecords` over
// tests/fixtures/import/ (English and Spanish CSV, JSON, JSON Lines, bad files), given as text
// and as bytes, with the reference records of records.json; then metrics computed from them.
// Run by `cargo xtask test` (stage `node`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import * as cx from '../../target/npm/cxkit/node/index.mjs';
import { assertJsonClean, assertMatches, throwsCode } from '../support/expect.mjs';

const bytes = (name) => new Uint8Array(readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url)));
const text = (name) => new TextDecoder().decode(bytes(name)); // drops the BOM, as File.text() does
const reference = JSON.parse(text('records.json'));
const throws = (fn, code, details) => throwsCode(cx.CxkitError, fn, code, details);
const madrid = { utcOffsetMinutes: 60 };

test('English and Spanish contact CSVs read as the reference contacts, from text and from bytes', () => {
  const fromJson = cx.parseRecords(text('records.json')).contacts;
  for (const [name, options] of [['contacts.csv', undefined], ['contactos.csv', madrid]]) {
    for (const input of [text(name), bytes(name), bytes(name).buffer]) {
      const r = cx.parseRecords(input, options);
      assert.equal(r.format, 'csv');
      assert.equal(r.kind, 'contacts');
      assertMatches(r.contacts, reference.contacts, name);
      assert.deepEqual(r.contacts, fromJson, name);
      assert.deepEqual(r.rejected, { total: 0, byReason: {} });
      assertJsonClean(r);
    }
  }
  const es = cx.parseRecords(text('contactos.csv'), madrid);
  assert.equal(es.contacts[0].talkS, 300.5); // "300,5"
  assert.equal(es.contacts[2].queueWaitS, 95.25); // "95,25"
  assert.equal(es.contacts[3].channel, 'email'); // "correo"
  assert.equal(es.contacts[3].reason, 'Refund "urgent"\nsecond line');
  assert.deepEqual(cx.parseRecords(text('contacts.csv')).ignored, ['notes']);
});

test('survey and transcript CSVs, JSON and JSON Lines read as the reference', () => {
  assertMatches(cx.parseRecords(text('surveys.csv')).surveys, reference.surveys, 'surveys.csv');
  const es = cx.parseRecords(bytes('encuestas.csv'), madrid);
  assertMatches(es.surveys, reference.surveys, 'encuestas.csv');
  assert.equal(es.surveys[2].label, 'muy fácil');
  const t = cx.parseRecords(text('transcripts.csv'));
  assert.equal(t.kind, 'transcripts');
  assert.deepEqual(t.transcripts, reference.transcripts);
  for (const [name, format] of [['records.json', 'json'], ['records.jsonl', 'jsonl']]) {
    const r = cx.parseRecords(text(name));
    assert.equal(r.format, format);
    assert.equal(r.kind, 'mixed');
    assertMatches(r, { contacts: reference.contacts, surveys: reference.surveys, transcripts: reference.transcripts }, name);
  }
});

test('records read from a dropped file compute metrics', () => {
  const { surveys } = cx.parseRecords(bytes('encuestas.csv'), madrid);
  // CSAT answers 5 and 2 on 1–5: one satisfied of two.
  const csat = cx.csat(surveys.filter((s) => s.kind === 'csat'));
  assert.equal(csat.n, 2);
  assert.equal(csat.score, 50);
  const nps = cx.nps(surveys.filter((s) => s.kind === 'nps'));
  assert.equal(nps.score, 100);
  const { contacts } = cx.parseRecords(bytes('contactos.csv'), madrid);
  const k = cx.kpis(contacts);
  assert.equal(JSON.stringify(k).includes('NaN'), false);
  const { transcripts } = cx.parseRecords(text('transcripts.csv'));
  assert.equal(cx.scoreTranscript(transcripts[1]).turns.length, 2);
});

test('bad files get clear typed errors', () => {
  throws(() => cx.parseRecords(text('unrelated.csv')), 'unrecognised_file');
  assert.throws(() => cx.parseRecords(text('unrelated.csv')), /^CxkitError: no column names a record field: expected one of id.*the first row has: product, colour, size, price$/s);
  throws(() => cx.parseRecords(bytes('truncated.json')), 'invalid_json');
  assert.throws(() => cx.parseRecords(text('truncated.json')), { message: 'line 5, column 64: the file is not valid JSON (EOF while parsing an object)' });
  throws(() => cx.parseRecords(bytes('image.png')), 'unrecognised_file');
  assert.throws(() => cx.parseRecords(text('image.png')), /a PNG image/);
  throws(() => cx.parseRecords(''), 'empty_input');
  throws(() => cx.parseRecords(42), 'invalid_type', { field: 'file' });
  throws(() => cx.parseRecords('id,channel\n1,voice\n', { kind: 'orders' }), 'invalid_option');
  throws(() => cx.parseRecords('id,channel\n1,voice\n', { utcOffsetMinutes: 5000 }), 'invalid_option', { field: 'options.utcOffsetMinutes' });
});

test('a bad value names row and column; onInvalid: "skip" counts it', () => {
  const csv = 'id_contacto;canal;fecha_inicio;espera\nc1;voz;2026-11-23 10:00:00;5\nc2;voz;ayer;5\nc3;paloma;;5\nc4;chat;;7,5\n';
  throws(() => cx.parseRecords(csv), 'invalid_timestamp', { field: 'fecha_inicio', index: 1 });
  assert.throws(() => cx.parseRecords(csv), { message: /^row 3, column fecha_inicio: "ayer" is not a timestamp/ });
  const r = cx.parseRecords(csv, { onInvalid: 'skip' });
  assert.deepEqual(r.contacts.map((c) => [c.id, c.queueWaitS]), [['c1', 5], ['c4', 7.5]]);
  assert.deepEqual(r.rejected, { total: 2, byReason: { invalid_timestamp: 1, invalid_value: 1 } });
  assert.deepEqual(r.skipped.map((s) => [s.code, s.field, s.index]), [['invalid_timestamp', 'fecha_inicio', 1], ['invalid_value', 'canal', 2]]);
});

test('UTF-16 and Windows-1252 bytes decode', () => {
  const csv = 'id\tcanal\tcola\nc-1\tvoz\tFacturación\n';
  const le = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...csv].map((c) => c.charCodeAt(0))).buffer)]);
  assert.equal(cx.parseRecords(le).contacts[0].queue, 'Facturación');
  const latin = new Uint8Array([...'id;canal;cola\nc-1;voz;Facturaci'].map((c) => c.charCodeAt(0)).concat([0xf3, 0x6e, 0x0a]));
  assert.equal(cx.parseRecords(latin).contacts[0].queue, 'Facturación');
});
