/**
 * Posts in time order from a simulated world: at each instant, an active account of an active
 * operation posts an ad, or an ordinary account posts, in proportion to their rates. Ads are
 * the operation's own texts, copied word for word or varied the way sellers vary them (a price,
 * an emoji, a word, the hashtag order, the contact shown).
 */
import type { Category } from '../records/classification.js';
import type { Random } from './random.js';
import {
  BAN_EVASION,
  CHATTER,
  CONTACT_LINES,
  type Language,
  NEWS_DRUGS,
  PRODUCTS,
  REGIONS,
  TOPICS,
} from './text-pools.js';
import { e164, type Lane, type Operation, type SimAccount, type World } from './world.js';

export interface SimPost {
  /** 0-based position in the stream. */
  index: number;
  time: number;
  account: SimAccount;
  text: string;
  /** As written in the text, in order of appearance. */
  hashtags: string[];
  language: Language;
  ad: boolean;
  categories: Category[];
  operation: Operation | null;
  kind: string;
  /** The contacts the text asks readers to use, normalized. */
  contacts: { type: string; value: string }[];
}

export function* generatePosts(world: World, count: number, random: Random): Generator<SimPost> {
  const span = world.end - world.start;
  const cursor = new Map<Lane, number>(world.lanes.map((lane) => [lane, 0]));
  const postsBy = new Map<SimAccount, number>();
  const active: { lane: Lane; account: SimAccount }[] = [];
  for (let index = 0; index < count; index++) {
    // Stratified times: strictly increasing, evenly spread, each jittered within its slot.
    const time = Math.floor(world.start + ((index + random.next()) / count) * span);
    active.length = 0;
    let activeWeight = 0;
    for (const lane of world.lanes) {
      let at = cursor.get(lane) as number;
      while (at < lane.accounts.length && (lane.accounts[at] as SimAccount).activeUntil <= time)
        at++;
      cursor.set(lane, at);
      const account = lane.accounts[at];
      if (account && account.activeFrom <= time) {
        active.push({ lane, account });
        activeWeight += lane.weight;
      }
    }
    const isAd =
      active.length > 0 && random.next() * (activeWeight + world.chatterWeight) < activeWeight;
    if (isAd) {
      let roll = random.next() * activeWeight;
      let chosen = active[active.length - 1] as { lane: Lane; account: SimAccount };
      for (const candidate of active) {
        roll -= candidate.lane.weight;
        if (roll <= 0) {
          chosen = candidate;
          break;
        }
      }
      const posted = postsBy.get(chosen.account) ?? 0;
      postsBy.set(chosen.account, posted + 1);
      yield adPost(world, chosen.account, time, index, posted, random);
    } else {
      yield ordinaryPost(world, random.pick(world.ordinary), time, index, random);
    }
  }
}

function trendingTopic(
  world: World,
  language: Language,
  time: number,
  random: Random,
): string | null {
  const trending = world.trends.filter(
    (trend) => trend.language === language && trend.from <= time && time < trend.until,
  );
  return trending.length > 0 ? random.pick(trending).topic : null;
}

function fill(template: string, slots: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => slots[name] ?? whole);
}

function adPost(
  world: World,
  account: SimAccount,
  time: number,
  index: number,
  posted: number,
  random: Random,
): SimPost {
  const operation = account.operation as Operation;
  const language = operation.language;
  // Half the ads are word-for-word copies; the rest vary one or more details.
  const copy = random.chance(0.5);
  const template = copy ? (operation.templates[0] as string) : random.pick(operation.templates);
  const words = operation.words.slice();
  if (!copy && random.chance(0.4)) {
    const at = random.int(0, words.length - 1);
    const category = operation.categories[at] as Category;
    words[at] = random.pick(
      PRODUCTS[category][language] ?? PRODUCTS[category].en ?? [words[at] as string],
    );
  }
  const price = copy ? operation.price : Math.max(1, operation.price + random.int(-3, 3));
  const firstCategory = operation.categories[0] as Category;
  const emoji = copy
    ? (PRODUCTS[firstCategory].emoji[0] as string)
    : random.pick(PRODUCTS[firstCategory].emoji);
  const contact = copy
    ? (operation.contacts[0] as Operation['contacts'][number])
    : random.pick(operation.contacts);
  const contactLine = fill(
    copy ? (CONTACT_LINES[contact.type][0] as string) : random.pick(CONTACT_LINES[contact.type]),
    {
      value: contact.written,
    },
  );
  const menu = operation.categories
    .map(
      (category, at) =>
        `${PRODUCTS[category].emoji[0]} ${words[at]} — ${price + at * 10}${language === 'en' ? '' : '€'}`,
    )
    .join('\n');
  const topic = trendingTopic(world, language, time, random);
  let body = fill(template, {
    e: emoji,
    products: words.join(copy ? ', ' : random.pick([', ', ' • ', ' / '])),
    price: String(price),
    contact: contactLine,
    menu,
    city: operation.cities[0] as string,
    city2: (operation.cities[1] ?? operation.cities[0]) as string,
    topic: topic ?? (TOPICS[language][0] as string),
  });
  if (account.successorOf && posted < 3 && random.chance(0.7)) {
    body = `${random.pick(BAN_EVASION[language])}\n${body}`;
  }
  const tags = random.sample(operation.cities, random.int(1, operation.cities.length));
  if (topic && random.chance(0.7)) tags.push(topic);
  const ordered = copy ? tags : random.shuffle(tags);
  return {
    index,
    time,
    account,
    text: `${body}\n${ordered.map((tag) => `#${tag}`).join(' ')}`,
    hashtags: ordered,
    language,
    ad: true,
    categories: operation.categories.slice(),
    operation,
    kind: 'sale_ad',
    contacts: [{ type: contact.type, value: contact.value }],
  };
}

const KIND_WEIGHTS: [string, number][] = [
  ['chatter', 60],
  ['news', 12],
  ['legal_commerce', 9],
  ['prevention', 6],
  ['buy_request', 6],
  ['weather', 7],
];

function ordinaryPost(
  world: World,
  account: SimAccount,
  time: number,
  index: number,
  random: Random,
): SimPost {
  const language = account.language;
  const pools = CHATTER[language];
  let kind = 'chatter';
  let roll = random.next() * 100;
  for (const [candidate, weight] of KIND_WEIGHTS) {
    roll -= weight;
    if (roll <= 0) {
      kind = candidate;
      break;
    }
  }
  const pool = pools.find((entry) => entry.kind === kind) ?? (pools[0] as (typeof pools)[number]);
  // Ordinary people post about their region, sometimes about another one.
  const region = random.chance(0.85)
    ? account.region
    : random.pick(REGIONS.filter((candidate) => candidate.language === language));
  const city = random.pick(region.cities);
  const topic = trendingTopic(world, language, time, random) ?? random.pick(TOPICS[language]);
  const pair = () => String(random.int(0, 99)).padStart(2, '0');
  const phone =
    language === 'en'
      ? `07700 900${String(random.int(0, 999)).padStart(3, '0')}`
      : `06 39 98 ${pair()} ${pair()}`;
  const template = random.pick(pool.texts);
  const text = fill(template, {
    city,
    topic,
    n: String(random.int(2, 40)),
    drug: random.pick(NEWS_DRUGS[language]),
    phone,
  });
  const tags: string[] = [];
  if (random.chance(0.6)) tags.push(city);
  if (random.chance(0.3)) tags.push(topic);
  return {
    index,
    time,
    account,
    text: tags.length > 0 ? `${text} ${tags.map((tag) => `#${tag}`).join(' ')}` : text,
    hashtags: tags,
    language,
    ad: false,
    categories: [],
    operation: null,
    kind: pool.kind,
    // Only the delivery shops' templates give a number, always as a WhatsApp one.
    contacts: template.includes('{phone}') ? [{ type: 'whatsapp', value: e164(phone) }] : [],
  };
}
