/**
 * The output writer encodes text and JSON strings straight into its chunks: what comes out must
 * be byte for byte the UTF-8 of the same text written as strings, whatever the characters and
 * wherever a chunk ends.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LineWriter } from '../src/cli/line-writer.js';

function collector(): { sink: Writable; chunks: Buffer[] } {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { sink, chunks };
}

const STRINGS = [
  '',
  'x:1345882642226085888',
  '2021-01-04T00:00:01.854Z',
  'Köln',
  'Liège',
  '🍃❄️',
  'quote " and backslash \\',
  'tab\tnewline\ncontrol\u0001 del\u007f',
  'line separators \u2028\u2029',
  'lone surrogates \ud83c and \udf3f',
  'a'.repeat(300),
];

describe('LineWriter', () => {
  it.each([1 << 16, 16, 7])(
    'writes JSON strings as JSON.stringify does (chunks of %i bytes)',
    async (size) => {
      const { sink, chunks } = collector();
      const out = new LineWriter(sink, size);
      for (const text of STRINGS) {
        out.jsonString(text);
        out.newline();
      }
      await out.flush();
      const lines = Buffer.concat(chunks).toString('utf8').split('\n');
      expect(lines).toEqual([...STRINGS.map((text) => JSON.stringify(text)), '']);
    },
  );

  it.each([1 << 16, 16, 7])('writes text and bytes in order (chunks of %i bytes)', async (size) => {
    const { sink, chunks } = collector();
    const out = new LineWriter(sink, size);
    const expected: string[] = [];
    for (const text of STRINGS) {
      const encoded = Buffer.from(`[${text}]`);
      out.text(text);
      out.bytes(encoded);
      out.newline();
      expected.push(`${text}[${text}]`);
    }
    await out.writeAll(['plain', 'ünïcode']);
    await out.flush();
    const text = Buffer.concat(chunks).toString('utf8');
    // Lone surrogates become U+FFFD in UTF-8, as Buffer.from gives them.
    expect(text).toBe(
      Buffer.from(`${[...expected, 'plain', 'ünïcode'].join('\n')}\n`).toString('utf8'),
    );
  });

  it('hands chunks over as they fill and waits for a full destination', async () => {
    const writes: number[] = [];
    let pending: (() => void) | undefined;
    const slow = new Writable({
      highWaterMark: 8,
      write(chunk: Buffer, _encoding, done) {
        writes.push(chunk.length);
        pending = done;
      },
    });
    const out = new LineWriter(slow, 32);
    for (let index = 0; index < 10; index++) out.text('0123456789');
    let ready = false;
    const waiting = out.ready().then(() => {
      ready = true;
    });
    await new Promise(setImmediate);
    expect(ready).toBe(false);
    while (!ready) {
      const done = pending;
      pending = undefined;
      done?.();
      await new Promise(setImmediate);
    }
    await waiting;
    expect(writes.reduce((sum, length) => sum + length, 0)).toBe(90);
    expect(Math.max(...writes)).toBeLessThanOrEqual(32);
  });
});
