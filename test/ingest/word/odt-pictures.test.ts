/**
 * Pictures of an OpenDocument text with no text (scans pasted in): `draw:image` of content.xml in
 * body order (a package part, or inline base64 in a flat .fodt), each once.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import JSZip from 'jszip';
import { fodtPictures, odtPictures } from '../../../src/ingest/word/odt-pictures.js';
import { ingestWord, wordPictures } from '../../../src/ingest/word/index.js';
import { zipEntries } from '../../../src/ingest/word/zip.js';
import { assertBothScans, assertReadByOcr, LINE, PAGE2, wordFixture } from './pasted-scans.js';

const ODT = wordFixture('scans-pasted.odt');
const FODT = wordFixture('scans-pasted.fodt');

describe('pictures of an .odt', () => {
  it('are found in the order they stand in the body, not the order of the package', () => {
    const names = [...zipEntries(ODT).keys()].filter((n) => n.startsWith('Pictures/'));
    assert.match(names[0]!, /\.jpg$/, 'LibreOffice stored the second picture first');
    assertBothScans(odtPictures(ODT));
    assertBothScans(wordPictures(ODT).pictures);
  });

  it('are read up to a total size for the file', () => {
    assert.equal(odtPictures(ODT, LINE.length + PAGE2.length).length, 2);
    assert.deepEqual(odtPictures(ODT, LINE.length + 100).map((p) => p.length), [LINE.length]);
  });

  it('drawn twice are taken once; linked, vector and missing ones left out', async () => {
    const zip = await JSZip.loadAsync(ODT);
    const content = await zip.file('content.xml')!.async('string');
    const first = /<draw:image xlink:href="([^"]+)"/.exec(content)![1]!;
    zip.file('Pictures/chart.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const more = `<text:p><draw:frame><draw:image xlink:href="./${first}"/></draw:frame><draw:frame><draw:image xlink:href="https://example.org/a.png"/><draw:image xlink:href="Pictures/chart.svg"/><draw:image xlink:href="Pictures/gone.png"/></draw:frame></text:p>`;
    zip.file('content.xml', content.replace('</office:text>', `${more}</office:text>`));
    assertBothScans(odtPictures(new Uint8Array(await zip.generateAsync({ type: 'uint8array' }))));
  });

  it('whose part is damaged are skipped, the others still read', () => {
    const damaged = ODT.slice();
    const png = [...zipEntries(ODT).values()].find((e) => /^Pictures\/.*\.png$/.test(e.name))!;
    damaged.fill(0, png.localOffset, png.localOffset + 4); // its local header gone
    const found = odtPictures(damaged);
    assert.equal(found.length, 1);
    assert.equal(found[0]!.length, PAGE2.length);
    assert.deepEqual(odtPictures(ODT.subarray(0, 1000)), [], 'a file cut short: none, no throw');
  });

  it('of an .odt with no text are read by OCR, a page each', async () => {
    await assertReadByOcr('scans-pasted.odt', ODT);
  });
});

describe('pictures of a flat .fodt', () => {
  it('are read from their inline base64, in body order', () => {
    assertBothScans(fodtPictures(FODT));
    assertBothScans(wordPictures(FODT).pictures);
  });

  it('whose data is not a picture are skipped, the others still read', () => {
    const xml = new TextDecoder().decode(FODT);
    const damaged = xml.replace(/<office:binary-data>[^<]{0,80}/, '<office:binary-data>!!!!');
    const found = fodtPictures(new TextEncoder().encode(damaged));
    assert.equal(found.length, 1);
    assert.equal(found[0]!.length, PAGE2.length);
    const unclosed = `<office:document><office:body>${'<draw:image><office:binary-data>iVBOR'.repeat(100_000)}</office:body></office:document>`;
    assert.deepEqual(fodtPictures(new TextEncoder().encode(unclosed)), []);
  });

  it('are not read as text: a .fodt with a line of text and pictures keeps to its text', () => {
    const xml = new TextDecoder().decode(FODT).replace('</office:text>', '<text:p>Báo cáo kết quả công tác năm 2024.</text:p></office:text>');
    const r = ingestWord(new TextEncoder().encode(xml));
    assert.equal(r.original.trim(), 'Báo cáo kết quả công tác năm 2024.');
    assert.ok(!/iVBOR|\/9j\//.test(r.original), 'no base64 of the pictures');
  });

  it('of a .fodt with no text are read by OCR, a page each', async () => {
    await assertReadByOcr('scans-pasted.fodt', FODT);
  });
});
