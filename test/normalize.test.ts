import { describe, expect, it } from 'vitest';
import { normalizeText } from '../src/detect/normalize.js';

const fold = (text: string) => normalizeText(text).tokens.join(' ');

describe('normalizeText undoes each obfuscation', () => {
  it('folds mathematical, fraktur, double-struck and full-width letters (NFKC)', () => {
    expect(fold('𝐂𝐎𝐊𝐄 𝔵𝔞𝔫𝔞𝔵 𝕔𝕙𝕒𝕞𝕡𝕚 ｗｅｅｄ')).toBe('coke xanax champi weed');
  });

  it('reads small capitals and enclosed letters that NFKC leaves alone', () => {
    expect(fold('ᴄᴏᴋᴇ ʙᴇᴜʜ 🅶🅻🅾🅲🅺 🅺🅰🅻🅰🆂🅷')).toBe('coke beuh glock kalash');
  });

  it('reads currency signs standing for letters, not prices', () => {
    expect(fold('b€uh $hit c0k€ cøke')).toBe('beuh shit coke coke');
    expect(fold('10€ €35 10k€')).toBe('10 35 10k');
  });

  it('lowercases and strips accents and dotted letters', () => {
    expect(fold('Kétamine HÉROÏNE Ṡṗėėḋ ċȯḳė')).toBe('ketamine heroine speed coke');
  });

  it('maps Cyrillic and Greek look-alikes inside Latin words only', () => {
    // "cоkе" with Cyrillic о and е; a Greek word stays Greek.
    expect(fold('c\u043ek\u0435 w\u0435\u0435d')).toBe('coke weed');
    expect(fold('Ελληνικά λόγια')).toBe('ελληνικα λογια');
    // A word spelled only with look-alikes, as spaced Cyrillic capitals make it.
    expect(fold('С О К Е')).toBe('coke');
  });

  it('undoes leetspeak between letters, keeps names and quantities with digits', () => {
    expect(fold('c0ke w33d h@sh m4ria k3t 0xy c0c4')).toBe('coke weed hash maria ket oxy coca');
    expect(fold('3mmc 2cb 10g covid19 4mmc')).toBe('3mmc 2cb 10g covid19 4mmc');
  });

  it('joins letters spaced out or split by dots and bullets', () => {
    expect(fold('c o c a')).toBe('coca');
    expect(fold('k.e.t.a / l.s.d / m.d')).toBe('keta lsd md');
    expect(fold('h•3•r•o•ï•n•3')).toBe('heroine');
    expect(fold('ly.ri.ca')).toBe('lyrica');
  });

  it('does not join ordinary short words, numbers or dates', () => {
    expect(fold('il y a 3 ans')).toBe('il y a 3 ans');
    expect(fold('le 12.01.2021 à 1.5 km')).toBe('le 12 01 2021 a 1 5 km');
  });

  it('collapses letters repeated three times or more to two, and offers them as one', () => {
    const stretched = normalizeText('weeeeed cokeeee tutte');
    expect(stretched.tokens).toEqual(['weed', 'cokee', 'tutte']);
    expect([...stretched.alternatives]).toEqual([
      [0, 'wed'],
      [1, 'coke'],
    ]);
  });

  it('offers a leading digit read as a letter, beside the name it may be', () => {
    expect([...normalizeText('3rba 3mmc 2cb').alternatives]).toEqual([
      [0, 'erba'],
      [1, 'emmc'],
    ]);
  });

  it('keeps emoji as tokens without variation selectors or skin tones', () => {
    expect(normalizeText('❄️❄️ 🍃 🇨🇴 👍🏽').tokens).toEqual(['❄', '❄', '🍃', '🇨🇴', '👍']);
  });

  it('counts the obfuscations it undid', () => {
    expect(normalizeText('plain words here').obfuscations).toBe(0);
    expect(normalizeText('c0ke & k e t a').obfuscations).toBe(2);
  });
});
