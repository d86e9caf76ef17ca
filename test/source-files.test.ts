import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readLineBatches, SourceReadError } from '../src/ingest/source-files.js';

const folder = mkdtempSync(join(tmpdir(), 'tagwatch-lines-'));

async function linesOf(name: string, bytes: Buffer): Promise<string[]> {
  const path = join(folder, name);
  writeFileSync(path, bytes);
  const lines: string[] = [];
  for await (const batch of readLineBatches(path)) lines.push(...batch);
  return lines;
}

/** Lines long enough that the 64 KiB reads cut through them, and through their characters. */
function longLines(): string[] {
  const lines: string[] = [];
  for (let index = 0; index < 40; index++) {
    // 3- and 4-byte characters at every offset modulo the read size, and one line of 150 KB.
    const unit = index % 2 === 0 ? '€ä🌿' : 'abc❄️';
    lines.push(`${index}:${unit.repeat(index === 7 ? 20_000 : 300 + index * 37)}`);
  }
  return lines;
}

describe('readLineBatches', () => {
  it('gives back every line as written when reads cut lines and characters apart', async () => {
    const lines = longLines();
    expect(await linesOf('long.jsonl', Buffer.from(`${lines.join('\n')}\n`))).toEqual(lines);
  });

  it('keeps a last line without a newline, empty lines, and the \\r of CRLF', async () => {
    const text = 'first\r\n\n\nsecond\nlast without newline';
    expect(await linesOf('crlf.txt', Buffer.from(text))).toEqual([
      'first\r',
      '',
      '',
      'second',
      'last without newline',
    ]);
  });

  it('drops a byte order mark at the start only', async () => {
    const text = '\ufeff{"a":1}\n\ufeff{"b":2}\n';
    expect(await linesOf('bom.jsonl', Buffer.from(text))).toEqual(['{"a":1}', '\ufeff{"b":2}']);
  });

  it('replaces invalid UTF-8 with U+FFFD without losing the line around it', async () => {
    const bytes = Buffer.concat([
      Buffer.from('ok\nbad '),
      Buffer.from([0xc3, 0x28, 0xff, 0xe2, 0x82]),
      Buffer.from('\nafter\n'),
    ]);
    expect(await linesOf('invalid.txt', bytes)).toEqual(['ok', 'bad \ufffd(\ufffd\ufffd', 'after']);
  });

  it('gives the event loop a turn while it reads a large file', async () => {
    // 24 MiB of short lines: more than the reads made in a row before a turn.
    const line = `{"text":"${'x'.repeat(500)}"}`;
    const count = Math.ceil((24 << 20) / (line.length + 1));
    const path = join(folder, 'large.jsonl');
    writeFileSync(path, `${`${line}\n`.repeat(count)}`);
    let turned = false;
    setImmediate(() => {
      turned = true;
    });
    let read = 0;
    let readBeforeTurn = 0;
    for await (const batch of readLineBatches(path)) {
      read += batch.length;
      if (!turned) readBeforeTurn = read;
    }
    expect(read).toBe(count);
    expect(turned).toBe(true);
    expect(readBeforeTurn).toBeLessThan(count);
  });

  it('reads gzip the same, and says a truncated gzip is truncated after the lines before', async () => {
    const lines = longLines();
    const packed = gzipSync(Buffer.from(`${lines.join('\n')}\n`));
    expect(await linesOf('long.jsonl.gz', packed)).toEqual(lines);

    const path = join(folder, 'cut.jsonl.gz');
    writeFileSync(path, packed.subarray(0, Math.floor(packed.length * 0.6)));
    const read: string[] = [];
    let failure: unknown;
    try {
      for await (const batch of readLineBatches(path)) read.push(...batch);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(SourceReadError);
    expect((failure as SourceReadError).code).toBe('truncated-gzip');
    expect(read.length).toBeGreaterThan(0);
    expect(read).toEqual(lines.slice(0, read.length));
  });
});
