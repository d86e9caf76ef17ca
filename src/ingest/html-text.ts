/**
 * Mastodon's status HTML to the plain text a reader sees: paragraphs separated by a blank
 * line, `<br>` as a line break, entities decoded, links shown in full (Mastodon hides the
 * scheme and the tail of long links in `invisible` spans, which a copy-paste still yields).
 * Hashtag and link anchors are collected on the way, so the content is parsed once.
 */
import { Parser } from 'htmlparser2';

export interface HtmlText {
  text: string;
  /** Hashtags as written in the anchors' text, without `#`, in order. */
  hashtags: string[];
  /** Targets of links that are neither hashtags nor mentions. */
  links: string[];
}

/** Elements whose text no reader sees (Mastodon strips them; a hostile record may not). */
const HIDDEN = new Set(['script', 'style', 'template', 'noscript']);
const BLOCKS = new Set([
  'p',
  'blockquote',
  'pre',
  'ul',
  'ol',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
]);

export function htmlToText(html: string): HtmlText {
  const parts: string[] = [];
  const hashtags: string[] = [];
  const links: string[] = [];
  let anchor: { kind: 'hashtag' | 'mention' | 'link'; text: string } | null = null;
  let pendingBreak = '';
  let written = false;
  let hiddenDepth = 0;

  const write = (chunk: string) => {
    if (chunk.length === 0) return;
    if (pendingBreak && written) parts.push(pendingBreak);
    pendingBreak = '';
    parts.push(chunk);
    written = true;
    if (anchor) anchor.text += chunk;
  };
  const breakAtLeast = (separator: string) => {
    if (separator.length > pendingBreak.length) pendingBreak = separator;
  };

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (HIDDEN.has(name)) {
          hiddenDepth++;
          return;
        }
        if (name === 'br') {
          // Each <br> is a line break of its own; a block boundary after it still makes one blank line.
          if (written) pendingBreak += '\n';
          return;
        }
        if (BLOCKS.has(name)) breakAtLeast(name === 'li' ? '\n' : '\n\n');
        if (name === 'a') {
          const classes = ` ${attributes.class ?? ''} `;
          const kind = classes.includes(' hashtag ')
            ? 'hashtag'
            : classes.includes(' mention ') || classes.includes(' u-url ')
              ? 'mention'
              : 'link';
          anchor = { kind, text: '' };
          // Only web links: a hostile record's `javascript:` or `data:` href is no destination.
          if (kind === 'link' && /^https?:\/\//i.test(attributes.href ?? '')) {
            links.push(attributes.href as string);
          }
        }
      },
      ontext(text) {
        if (hiddenDepth === 0) write(text);
      },
      onclosetag(name) {
        if (HIDDEN.has(name)) {
          hiddenDepth = Math.max(0, hiddenDepth - 1);
          return;
        }
        if (BLOCKS.has(name)) breakAtLeast(name === 'li' ? '\n' : '\n\n');
        if (name === 'a' && anchor) {
          if (anchor.kind === 'hashtag') {
            const tag = anchor.text.replace(/^[#＃]/, '').trim();
            if (tag) hashtags.push(tag);
          }
          anchor = null;
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return { text: parts.join(''), hashtags, links };
}
