/**
 * Contact extraction, one form at a time, and the look-alikes that must not become contacts
 * (prices, dates, quantities, times, reply mentions, news sentences). Handles are invented and
 * phone numbers are in the ranges reserved for fiction (FR 06 39 98, 03 53 01; UK 07700 900,
 * 0113 496 0).
 */
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/min/metadata';
import mobileExamples from 'libphonenumber-js/mobile/examples';
import { describe, expect, it } from 'vitest';
import { type ContactContext, extractContacts, nationalE164 } from '../src/detect/contacts.js';
import { candidateRegions, defaultRegion } from '../src/detect/regions.js';

const fr: ContactContext = { platform: 'x', lang: 'fr', hashtags: [], urls: [] };
const en: ContactContext = { platform: 'x', lang: 'en', hashtags: [], urls: [] };
const telegram: ContactContext = { platform: 'telegram', lang: null, hashtags: [], urls: [] };

function contacts(text: string, context: ContactContext = fr): string[] {
  return extractContacts(text, context).map(({ type, value }) => `${type}:${value}`);
}

describe('snapchat', () => {
  it.each([
    ['Snap: weedlille59', 'weedlille59'],
    ['snap plugnord', 'plugnord'],
    ['Livraison 7j/7, snap plugnord 🍃', 'plugnord'],
    ['sc weedlille59', 'weedlille59'],
    ['👻 plug.nord', 'plug.nord'],
    ['👻: plugnord', 'plugnord'],
    ['👻 glesga.drops\n#Glasgow', 'glesga.drops'],
    ['snap ➜ plugnord', 'plugnord'],
    ['S N A P : plugnord', 'plugnord'],
    ['Snapchat : Plug.Nord59', 'plug.nord59'],
    ['https://snapchat.com/add/Plug.Nord', 'plug.nord'],
    ['Snap bleibt plugberlin 👻', 'plugberlin'],
    ['Ancien snap sauté ➡️ nouveau : plug.nord2 👻', 'plug.nord2'],
    ['ajoutez-moi sur snap pour le groupe de jeudi : lea.b33 🙂', 'lea.b33'],
    ['même s n a p : f r 3 s h . n o r d', 'fr3sh.nord'],
    ['S N A P 👻 p l u g 5 9', 'plug59'],
    ['snap : plug.nord 👻 paiement cash', 'plug.nord'],
    ['Order on snapchat (plugnord)', 'plugnord'],
    ['New snap after ban 🙄 plug.drops2 — same bud, same drops', 'plug.drops2'],
  ])('%s', (text, handle) => {
    expect(contacts(text)).toEqual([`snapchat:${handle}`]);
  });

  it('takes one handle per app', () => {
    expect(contacts('add my snap plugnord or IG plug.nord')).toEqual([
      'snapchat:plugnord',
      'instagram:plug.nord',
    ]);
  });

  it('takes a handle Bluesky turned into a link facet, and drops the link', () => {
    const context = { ...fr, platform: 'bluesky' as const, urls: ['https://plug.nord.shop'] };
    expect(contacts('commande sur snap : plug.nord.shop', context)).toEqual([
      'snapchat:plug.nord.shop',
    ]);
  });

  it('takes a handle X expanded into a link', () => {
    expect(contacts('b u d ⛽ — 👻 plug.drops / insta http://plug.drops.uk', en)).toEqual([
      'snapchat:plug.drops',
      'instagram:plug.drops.uk',
    ]);
  });
});

describe('whatsapp and signal', () => {
  it.each([
    ['wa.me/33639981234', ['whatsapp:+33639981234']],
    ['Commande 👉 https://wa.me/447700900123', ['whatsapp:+447700900123']],
    ['api.whatsapp.com/send?phone=33639981234', ['whatsapp:+33639981234']],
    ['WhatsApp +33 6 39 98 12 34', ['whatsapp:+33639981234']],
    ['WhatsApp : 06 39 98 12 34', ['whatsapp:+33639981234']],
    ['WA 06.39.98.12.34', ['whatsapp:+33639981234']],
    ['w h a t s a p p 06 39 98 12 34', ['whatsapp:+33639981234']],
    ['W.h.a.t.s.a.p.p 06 39 98 12 34', ['whatsapp:+33639981234']],
    ['📞 WhatsApp 06 39 98 12 34', ['whatsapp:+33639981234']],
    ['06 39 98 12 34 (WhatsApp)', ['whatsapp:+33639981234']],
    ['Carte sur WhatsApp 📲 +33639981234', ['whatsapp:+33639981234']],
    ['on a créé un groupe WhatsApp, écrivez-moi au 06 39 98 12 34', ['whatsapp:+33639981234']],
    ['whatsapp/signal 06 39 98 12 34', ['whatsapp:+33639981234', 'signal:+33639981234']],
    [
      'Commande WhatsApp ou Signal 📲 +33 6 39 98 12 34',
      ['whatsapp:+33639981234', 'signal:+33639981234'],
    ],
    ['Signal +33 6 39 98 12 34', ['signal:+33639981234']],
    ['Nouveau Signal ⚠️ 06 39 98 12 34', ['signal:+33639981234']],
    ['signal.me/#p/+447700900123', ['signal:+447700900123']],
    ['escríbeme al wasap +34 654 27 81 93', ['whatsapp:+34654278193']],
    ['chama no zap +351 912 345 678', ['whatsapp:+351912345678']],
    ['app me op +31 6 12345678', ['whatsapp:+31612345678']],
    ['WhatsApp+33639981234', ['whatsapp:+33639981234']],
  ])('%s', (text, expected) => {
    expect(contacts(text)).toEqual(expected);
  });

  it('keeps each number with its own label', () => {
    expect(contacts('📲 WhatsApp 06 39 98 44 13\n☎️ 03 53 01 33 20')).toEqual([
      'whatsapp:+33639984413',
      'phone:+33353013320',
    ]);
  });
});

describe('telegram', () => {
  it.each([
    ['Menu 👉 t.me/plugnord_bot', 'plugnord_bot'],
    ['http://telegram.me/PlugNord', 'plugnord'],
    ['tg @plugnord', 'plugnord'],
    ['tg: plugnord', 'plugnord'],
    ['Commandes par Telegram : @plug_nord', 'plug_nord'],
  ])('%s', (text, handle) => {
    expect(contacts(text)).toEqual([`telegram:${handle}`]);
  });

  it('counts accounts named in a Telegram post', () => {
    expect(
      contacts('Commandes : @plugnord_bot ou canal de secours t.me/plugnord2', telegram),
    ).toEqual(['telegram:plugnord_bot', 'telegram:plugnord2']);
  });

  it('ignores plain mentions elsewhere', () => {
    expect(contacts("@lille_drive59x t'es dispo ce soir ?")).toEqual([]);
    expect(contacts('@friend.bsky.social merci !', { ...fr, platform: 'bluesky' })).toEqual([]);
    expect(
      contacts('@plug@mastodon.example on se voit ?', { ...fr, platform: 'mastodon' }),
    ).toEqual([]);
  });

  it('takes a mention introduced as an app handle on any platform', () => {
    expect(contacts('insta @plug.nord / telegram: @plugnord', en)).toEqual([
      'instagram:plug.nord',
      'telegram:plugnord',
    ]);
  });
});

describe('wickr and instagram', () => {
  it.each([
    ['wickr: plug_nord', 'wickr:plug_nord'],
    ['wickr me plugnord', 'wickr:plugnord'],
    ['Wickr ➜ plugnord', 'wickr:plugnord'],
    ['Order via Wickr: plugnord | Snap: plug.nord', 'wickr:plugnord'],
    ['insta plugnord', 'instagram:plugnord'],
    ['ig: plug.nord', 'instagram:plug.nord'],
    ['hmu on IG plug.nord.eu', 'instagram:plug.nord.eu'],
    ['https://www.instagram.com/plug.nord/', 'instagram:plug.nord'],
  ])('%s', (text, expected) => {
    expect(contacts(text)[0]).toBe(expected);
  });
});

describe('phone numbers', () => {
  it.each([
    ['06 39 98 12 34', fr, '+33639981234'],
    ['06.39.98.12.34', fr, '+33639981234'],
    ['06-39-98-12-34', fr, '+33639981234'],
    ['0639981234', fr, '+33639981234'],
    ['+33 6 39 98 12 34', fr, '+33639981234'],
    ['+33 (0)6 39 98 12 34', fr, '+33639981234'],
    ['0033 6 39 98 12 34', fr, '+33639981234'],
    ['Drogues Info Service au 0 800 23 13 13', fr, '+33800231313'],
    ['0470 12 34 56', fr, '+32470123456'],
    ['06-12345678', { ...fr, lang: 'nl' }, '+31612345678'],
    ['07700 900123', en, '+447700900123'],
    ['07700 900123', fr, '+447700900123'],
    ['call 0113 496 0790', en, '+441134960790'],
    ['+44 (0)7700 900123', en, '+447700900123'],
    ['0152 12345678', { ...fr, lang: 'de' }, '+4915212345678'],
    ['654 27 81 93', { ...fr, lang: 'es' }, '+34654278193'],
    ['+1 202-555-0131', en, '+12025550131'],
    ['(+33) 6 39 98 12 34', fr, '+33639981234'],
    ['+33 06 39 98 12 34', fr, '+33639981234'],
  ])('%s', (text, context, number) => {
    expect(contacts(text, context)).toEqual([`phone:${number}`]);
  });

  it.each([
    '📞 06 39 98 12 34',
    '📱 0639981234',
    '☎️ 06 39 98 12 34',
    'sms 06 39 98 12 34',
    'Tél : 06 39 98 12 34',
    'appel au 06 39 98 12 34',
    'texto 06 39 98 12 34',
    'Livraison rapide 06 39 98 12 34',
  ])('%s is a phone', (text) => {
    expect(contacts(text)).toEqual(['phone:+33639981234']);
  });

  it('reads two numbers run together', () => {
    expect(contacts('06 39 98 12 34 - 06 39 98 56 78')).toEqual([
      'phone:+33639981234',
      'phone:+33639985678',
    ]);
  });

  it('reads a number in the country the post names', () => {
    const brussels = { ...fr, hashtags: ['Bruxelles'] };
    expect(contacts('📞 0470123456', brussels)).toEqual(['phone:+32470123456']);
    expect(contacts('📞 0470123456', { ...fr, region: 'BE' })).toEqual(['phone:+32470123456']);
    expect(contacts('📞 0470123456', fr)).toEqual(['phone:+33470123456']);
  });
});

describe('nationalE164', () => {
  it("gives libphonenumber-js's answer in every country, for every possible length", () => {
    // Digits from a fixed linear congruential sequence: the same cases on every run.
    let state = 12345;
    const digit = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return String(Math.floor(state / 65536) % 10);
    };
    const countries = metadata.countries as Record<string, readonly unknown[]>;
    const sharing = metadata.country_calling_codes as Record<string, string[]>;
    const examples = mobileExamples as Record<string, string>;
    let read = 0;
    let cases = 0;
    const check = (region: string, digits: string) => {
      const parsed = parsePhoneNumberFromString(digits, region as CountryCode, metadata);
      const expected = parsed?.isPossible() ? parsed.number : null;
      expect([region, digits, nationalE164(region, digits)]).toEqual([region, digits, expected]);
      cases++;
      if (expected !== null) read++;
    };
    for (const [region, plan] of Object.entries(countries)) {
      const callingCode = String(plan[0]);
      // A real number of the country (of a type whose range the parse looks up when countries
      // share the calling code), read at home and where calling codes are shared.
      const example = examples[region];
      if (example) {
        for (const reader of [region, 'GB', 'JE', 'IT', 'VA', 'US', 'CA', 'RU', 'KZ']) {
          check(reader, example);
          check(reader, `0${example}`);
        }
      }
      // More where the parse does more: a calling code several countries share (the number's
      // type picks the country), a pattern for the prefix it strips.
      const samples = (sharing[callingCode]?.length ?? 1) > 1 || plan[7] ? 60 : 12;
      for (const length of (plan[3] as number[] | undefined) ?? [9]) {
        for (let sample = 0; sample < samples; sample++) {
          let national = '';
          for (let index = 0; index < length; index++) national += digit();
          // As written at home (with and without a trunk 0), and the shapes the parse reads
          // as international: the calling code without `+`, an international call prefix.
          for (const digits of [
            national,
            `0${national}`,
            `${callingCode}${national}`,
            `00${national}`,
          ]) {
            check(region, digits);
          }
        }
      }
    }
    expect(cases).toBeGreaterThan(10_000);
    expect(read).toBeGreaterThan(cases / 4);
  });
});

describe('not phone numbers', () => {
  it.each([
    ['prices', 'Weed 10€/g, coke 60€/g, 3g = 180€, €2,000 face value for €600, £250, 1 500 000 €'],
    ['big prices', 'Verdien €1.000 per dag, 10.000.000 € de chiffre, 2 500 000 Kč'],
    ['dates', 'Le 12/01/2021, le 12.01.2021, 2021-01-12, en 2021, saison 2020-2021'],
    ['quantities', '7.62x39, Percocet 10/325, 100 for £60, 5 for £25, 3.5g £160, 0.5ml'],
    ['times', 'Livraison 7/7, 24/7, H24, 10h-23h, 10:00 - 23:00, 11am – 1am'],
    ['percentages', 'MDMA 84%, THC < 0,2 %, -30 %'],
    ['postcodes', '59000 Lille, 75018 Paris, 1000 Bruxelles'],
    ['order numbers', 'Commande n°123456789, order #1234567890, ref. 20210112345, ID: 0123456789'],
    ['lottery draws and scores', 'Résultat du loto : 5 12 23 34 45 - 7, score 1-0, 2-2'],
    ['a bank account', 'IBAN FR76 3000 6000 0112 3456 7890 189'],
    ['a bitcoin address', 'bc1q9x7w3k2m8d4f6h5j0p2s7r3t8v6y4z1a5c9e2'],
    ['a Spanish-looking run of digits in a French post', 'Lot 123456789 en stock'],
  ])('%s', (_, text) => {
    expect(contacts(text)).toEqual([]);
  });
});

describe('not handles', () => {
  it.each([
    'Les clients commandaient via Snapchat et se faisaient livrer à domicile.',
    'Nine arrested: dealers advertised on Snapchat and Instagram, police say.',
    'Politie rolt netwerk op dat via Telegram drugs bezorgde in Amsterdam.',
    "sa pub sur Snapchat. Jusqu'à six ans requis.",
    'Milano, consegna a domicilio via Telegram: arrestati due giovani',
    'Vous aussi vous êtes sur snap toute la journée ?',
    'dispo sur bdx, snap en bio',
    'Instagram 1k — €5, TikTok 1k — €4',
    'Plus de 10 000 abonnés Instagram réels en 48h',
    'Streik bei IG Metall',
    'Signal sur demande en DM',
    'Les dealers utilisent Wickr pour vendre du 3-MMC',
    'on se voit sur snap demain',
    'Même snap : plugnord 👻\nBeuh + coke',
  ])('%s', (text) => {
    expect(contacts(text).filter((contact) => contact !== 'snapchat:plugnord')).toEqual([]);
  });
});

describe('emails and urls', () => {
  it('lowercases emails, also written with [at] and [dot]', () => {
    expect(contacts('Contact : Plug.Nord@ProtonMail.com')).toEqual([
      'email:plug.nord@protonmail.com',
    ]);
    expect(contacts('plug.nord [at] protonmail [dot] com')).toEqual([
      'email:plug.nord@protonmail.com',
    ]);
  });

  it('reads an email Bluesky turned into a link as an email', () => {
    const context = {
      ...fr,
      platform: 'bluesky' as const,
      urls: ['https://plug.eu@protonmail.com'],
    };
    expect(contacts('Order: plug.eu@protonmail.com', context)).toEqual([
      'email:plug.eu@protonmail.com',
    ]);
  });

  it.each([
    ['Order at https://shop.example/menu/', 'url:https://shop.example/menu'],
    ['Commande sur plug-nord.store.', 'url:plug-nord.store'],
    ['signalez sur internet-signalement.gouv.fr', 'url:internet-signalement.gouv.fr'],
    [
      'Shop: http://abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuvw.onion',
      'url:http://abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuvw.onion',
    ],
    ['Threema: https://threema.id/ABCD1234', 'url:https://threema.id/ABCD1234'],
  ])('%s', (text, expected) => {
    expect(contacts(text)).toEqual([expected]);
  });

  it('keeps invite links, which name no account, as web addresses', () => {
    expect(contacts('Canal privé : https://t.me/joinchat/AbCdEf12')).toEqual([
      'url:https://t.me/joinchat/AbCdEf12',
    ]);
    expect(contacts('Telegram: t.me/+AbCdEf12')).toEqual(['url:t.me/+AbCdEf12']);
  });

  it('does not take dotted-out words for sites', () => {
    expect(contacts('c.o.k.e / m.d / 3.m.m.c 💤 http://ly.ri.ca 💤')).toEqual([]);
  });

  it('adds link entities the text does not show', () => {
    expect(contacts('Menu ici', { ...telegram, urls: ['https://t.me/plugnord_menu'] })).toEqual([
      'telegram:plugnord_menu',
    ]);
    expect(contacts('Notre boutique', { ...telegram, urls: ['https://shop.example/'] })).toEqual([
      'url:https://shop.example',
    ]);
  });
});

describe('the list', () => {
  it('keeps first appearances once, in order, with evidence', () => {
    const found = extractContacts(
      'Snap: plugnord | WhatsApp 06 39 98 12 34 | snap: plugnord | plug@protonmail.com',
      fr,
    );
    expect(found.map(({ type, value }) => `${type}:${value}`)).toEqual([
      'snapchat:plugnord',
      'whatsapp:+33639981234',
      'email:plug@protonmail.com',
    ]);
    expect(found[0]?.evidence).toBe('snapchat handle plugnord after "Snap"');
    expect(found[1]?.evidence).toBe('whatsapp number 06 39 98 12 34 after "WhatsApp"');
  });

  it('finds nothing in ordinary chatter', () => {
    expect(contacts('Schnee in Köln ❄️ endlich! Die ganze Stadt ist weiß #Köln', en)).toEqual([]);
  });
});

describe('defaultRegion', () => {
  it.each([
    [{ lang: 'fr', hashtags: ['Bruxelles'] }, '', 'BE'],
    [{ lang: 'es', hashtags: ['Madrid'] }, '', 'ES'],
    [{ lang: 'fr', hashtags: ['London'] }, '', 'GB'],
    [{ lang: 'en', hashtags: ['Lille'] }, '', 'FR'],
    [{ lang: 'en', hashtags: ['Nice'] }, '', 'FR'],
    [{ lang: 'en', hashtags: [] }, 'What a nice day', 'GB'],
    [{ lang: 'fr', hashtags: [] }, 'Livraison à Genève et environs', 'CH'],
    [{ lang: 'nl', hashtags: [] }, 'Bezorging in Den Haag', 'NL'],
    [{ lang: null, hashtags: [] }, 'Coke £50/g, drops till 1am', 'GB'],
    [{ lang: 'de', hashtags: [] }, '', 'DE'],
    [{ lang: 'sq', hashtags: [] }, '', 'AL'],
    [{ lang: 'el', hashtags: [] }, '', 'GR'],
    [{ lang: null, hashtags: [] }, '', 'FR'],
    [{ lang: 'fr', hashtags: ['Lille'], region: 'be' }, '', 'BE'],
  ])('%j %s', (context, text, region) => {
    expect(defaultRegion(context, text)).toBe(region);
  });

  it('lists every country the post points to, most telling first', () => {
    expect(candidateRegions({ lang: 'fr', hashtags: ['Lille', 'Bruxelles'] }, 'Genève')).toEqual([
      'FR',
      'BE',
      'CH',
    ]);
  });
});
