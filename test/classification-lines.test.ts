/**
 * `tagwatch classify` writes each line from a verdict serialized once and the post's identity:
 * the line must be exactly the JSON of the detector's classification, whatever the fields hold.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ClassificationLines } from '../src/cli/classification-lines.js';
import { LineWriter } from '../src/cli/line-writer.js';
import { Detector } from '../src/detect/detector.js';
import { makePost, type Post } from '../src/records/post.js';

const detector = new Detector();

function post(overrides: Partial<Post>): Post {
  return makePost({
    id: 'x:1345882642226085888',
    platform: 'x',
    account: 'x:someone',
    accountCreatedAt: null,
    createdAt: '2021-01-12T21:04:00.000Z',
    lang: 'fr',
    text: 'Beuh et coke dispo 🍃❄️ livraison 7/7, snap: nordplug_test',
    hashtags: ['Lille'],
    urls: [],
    url: null,
    ...overrides,
  });
}

/** The line `lines` writes for the post, as text. */
async function written(lines: ClassificationLines, subject: Post): Promise<string> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const out = new LineWriter(sink);
  lines.write(out, subject, detector.verdictFor(subject));
  await out.flush();
  const text = Buffer.concat(chunks).toString('utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1);
}

describe('classify output lines', () => {
  const cases: [string, Partial<Post>][] = [
    ['an ad with a contact', {}],
    ['chatter', { text: 'Il pleut encore sur Lille ce matin', hashtags: [] }],
    ['no language', { lang: null, platform: 'telegram', id: 'telegram:-100:4' }],
    [
      'quotes, backslashes, control and line-separator characters in every field',
      {
        id: 'mastodon:"1"\\\n',
        platform: 'mastodon',
        account: 'mastodon:a"b\u2028c@example.social',
        lang: 'f"r',
        hashtags: ['tag"with\\quote', 'é\u0001', '🍃', 'lone\ud83c'],
        text: 'coke dispo "ce soir" \\ snap: a\tb \u2029',
      },
    ],
  ];
  it.each(cases)('is the classification as JSON: %s', async (_name, overrides) => {
    const lines = new ClassificationLines();
    const subject = post(overrides);
    const expected = JSON.stringify(detector.classify(subject));
    expect(await written(lines, subject)).toBe(expected);
    // Again under other identities: the verdict's half is then kept and reused.
    for (const round of [1, 2, 3]) {
      const again = post({
        ...overrides,
        id: `${subject.id}-${round}`,
        account: `x:other${round}`,
      });
      expect(await written(lines, again)).toBe(JSON.stringify(detector.classify(again)));
    }
    expect(JSON.parse(expected)).toMatchObject({ id: subject.id, hashtags: subject.hashtags });
  });
});
