/**
 * The simulator's own text pools, written for tagwatch (not taken from any labeled set): the
 * words sellers use per product, the shapes their ads take, and the ordinary and look-alike
 * posts around them. Slots in braces are filled per post: {city}, {products}, {price}, {contact},
 * {topic}, {n}, {drug}, {phone}, {e} (a product emoji).
 */
import type { Category } from '../records/classification.js';

export type Language = 'fr' | 'en' | 'es' | 'de' | 'nl';

export interface Region {
  /** City hashtags, as written. */
  cities: string[];
  language: Language;
  country: 'FR' | 'GB' | 'ES' | 'DE' | 'NL' | 'BE';
}

export const REGIONS: Region[] = [
  {
    cities: [
      'Lille',
      'Roubaix',
      'Tourcoing',
      'Douai',
      'Lens',
      'Arras',
      'Valenciennes',
      'Dunkerque',
    ],
    language: 'fr',
    country: 'FR',
  },
  { cities: ['Bruxelles', 'Liège', 'Charleroi'], language: 'fr', country: 'BE' },
  { cities: ['London', 'Leeds', 'Manchester', 'Birmingham'], language: 'en', country: 'GB' },
  { cities: ['Madrid', 'Sevilla'], language: 'es', country: 'ES' },
  { cities: ['Köln', 'Berlin'], language: 'de', country: 'DE' },
  { cities: ['Rotterdam', 'Utrecht'], language: 'nl', country: 'NL' },
];

/** Topics of the day that trend for a while and that sellers ride. */
export const TOPICS: Record<Language, string[]> = {
  fr: ['confinement', 'couvrefeu', 'coronavirus', 'BlueMonday', 'soldes', 'neige', 'vaccination'],
  en: ['lockdown', 'covid19', 'BlueMonday', 'snowday', 'Inauguration', 'PremierLeague'],
  es: ['confinamiento', 'Filomena', 'coronavirus', 'rebajas'],
  de: ['Lockdown', 'Corona', 'Homeoffice', 'Schnee'],
  nl: ['avondklok', 'lockdown', 'corona', 'sneeuw'],
};

/** Product words by category and language: what menus and ads name. */
export const PRODUCTS: Record<Category, Partial<Record<Language, string[]>> & { emoji: string[] }> =
  {
    cannabis: {
      emoji: ['🍃', '🌿', '🥦', '🍫'],
      fr: ['beuh', 'weed', 'frappe', 'résine', 'shit', 'cali', 'jaune mousseux', 'filtré'],
      en: ['bud', 'weed', 'za', 'gas', 'hash', 'exotics', 'loud'],
      es: ['hierba', 'hachís', 'cogollos', 'maría'],
      de: ['Gras', 'Hasch', 'Weed'],
      nl: ['wiet', 'hasj'],
    },
    cocaine: {
      emoji: ['❄️'],
      fr: ['coke', 'CC', 'blanche', 'coco'],
      en: ['white', 'coke', 'charlie', 'sniff'],
      es: ['coca', 'perico', 'farlopa'],
      de: ['Koks', 'Kokain', 'Schnee'],
      nl: ['coke', 'cocaïne'],
    },
    opioids: {
      emoji: ['🍇', '💉'],
      fr: ['héro', 'brune', 'codéine', 'lean'],
      en: ['oxy', 'percs', 'lean', 'brown'],
      es: ['heroína', 'oxicodona'],
      de: ['Heroin', 'Oxy'],
      nl: ['heroïne', 'oxy'],
    },
    ketamine: {
      emoji: ['🐴'],
      fr: ['kéta', 'keta'],
      en: ['ket', 'ketamine'],
      es: ['keta', 'ketamina'],
      de: ['Keta', 'Ketamin'],
      nl: ['keta', 'ketamine'],
    },
    psychedelics: {
      emoji: ['🍄', '🌈'],
      fr: ['buvards', 'champis', 'LSD', 'cartons'],
      en: ['tabs', 'shrooms', 'acid', 'DMT'],
      es: ['tripis', 'setas', 'LSD'],
      de: ['Pappen', 'Pilze', 'LSD'],
      nl: ['paddo’s', 'LSD', 'trips'],
    },
    mdma: {
      emoji: ['💊'],
      fr: ['MD', 'ecsta', 'taz', 'XTC'],
      en: ['mandy', 'molly', 'pingers', 'MDMA'],
      es: ['MDMA', 'éxtasis', 'pastis'],
      de: ['MDMA', 'Teile', 'XTC'],
      nl: ['xtc', 'MDMA', 'pillen'],
    },
    amphetamines: {
      emoji: ['⚡'],
      fr: ['speed', '3-MMC', 'crystal meth'],
      en: ['speed', 'tina', '3-MMC', 'meth'],
      es: ['speed', 'metanfetamina'],
      de: ['Speed', 'Pep', 'Crystal'],
      nl: ['speed', '3-MMC'],
    },
    pharma: {
      emoji: ['💊'],
      fr: ['Xanax', 'Rivotril', 'Lyrica', 'Valium'],
      en: ['Xanax bars', 'diazepam', 'Valium', 'pregabalin'],
      es: ['Xanax', 'Trankimazin', 'Rivotril'],
      de: ['Xanax', 'Tavor', 'Diazepam'],
      nl: ['Xanax', 'diazepam'],
    },
    weapons: {
      emoji: ['🔫'],
      fr: ['Glock', 'kalash', 'munitions 9mm', 'flingue'],
      en: ['Glock', 'handguns', '9mm ammo', 'AK'],
      es: ['pistolas', 'Glock', 'munición'],
      de: ['Pistolen', 'Glock', 'Munition'],
      nl: ['Glock', 'vuurwapens', 'munitie'],
    },
    counterfeit_money: {
      emoji: ['💶'],
      fr: ['faux billets', 'billets de 50€ indétectables'],
      en: ['counterfeit notes', 'fake £20 notes'],
      es: ['billetes falsos'],
      de: ['Falschgeld', 'falsche 50er'],
      nl: ['vals geld', 'valse biljetten'],
    },
    fake_documents: {
      emoji: ['📄'],
      fr: ['faux papiers', 'permis de conduire', 'carte d’identité', 'faux test PCR'],
      en: ['fake IDs', 'driving licences', 'passports', 'fake PCR certificates'],
      es: ['DNI falsos', 'carnet de conducir', 'pasaportes'],
      de: ['gefälschte Ausweise', 'Führerscheine', 'Reisepässe'],
      nl: ['valse paspoorten', 'rijbewijzen', 'ID-kaarten'],
    },
  };

/** How often each category is what an operation sells (street drugs far ahead). */
export const CATEGORY_WEIGHTS: [Category, number][] = [
  ['cannabis', 30],
  ['cocaine', 26],
  ['mdma', 10],
  ['ketamine', 8],
  ['psychedelics', 5],
  ['opioids', 5],
  ['amphetamines', 5],
  ['pharma', 5],
  ['weapons', 2],
  ['counterfeit_money', 2],
  ['fake_documents', 2],
];

/** Ad shapes by language. {products} is a list; {contact} the operation's contact line. */
export const AD_TEMPLATES: Record<Language, string[]> = {
  fr: [
    '{e} {products} dispo sur {city} {e}\nLivraison 7j/7 🚗\n{contact}',
    'Nouvel arrivage {e} {products}, {price}€ le g\nLivraison rapide sur {city} et alentours 🛵\n{contact}',
    'La carte de la semaine 👇\n{menu}\nOn livre {city}, {city2} 🚗\n{contact}',
    '{products} qualité top 💯 livraison discrète même pendant le {topic}\n{contact}',
    'Drive {city} ouvert jusqu’à 2h 🛵 {products} dispo, commande en MP\n{contact}',
    '{e}{e} {products} à {price} le g, livré chez toi sur {city}\n{contact}',
  ],
  en: [
    '{products} on deck {e} same day drops across {city} 🚗\n{contact}',
    'New batch just landed {e} {products} £{price}/g, delivery all over {city}\n{contact}',
    'MENU 👇\n{menu}\nDrops {city} & {city2}, open late 🛵\n{contact}',
    'lockdown or not the plug is open 🔌 {products}, discreet delivery\n{contact}',
    '{e} {products} in stock, ships UK wide next day 📦 stealth packaging\n{contact}',
  ],
  es: [
    '{products} de calidad {e} entrega a domicilio en {city} 🛵\n{contact}',
    'Nuevo género {e} {products}, {price}€ el gramo. Envíos discretos por todo {city}\n{contact}',
  ],
  de: [
    '{products} {e} Lieferung in ganz {city}, diskret und schnell 🚗\n{contact}',
    'Neue Ware {e} {products} für {price}€ das Gramm, Lieferung {city}\n{contact}',
  ],
  nl: [
    '{products} {e} snelle bezorging in {city} 🚗\n{contact}',
    'Nieuwe voorraad {e} {products}, {price} euro per gram, bezorging {city}\n{contact}',
  ],
};

/** A replacement account's first words, before the operation's usual text. */
export const BAN_EVASION: Record<Language, string[]> = {
  fr: ['Nouveau compte, l’ancien a sauté 🙃', 'Compte de secours, même contact ⚠️'],
  en: ['new acc, old one got banned 🙄', 'backup page, same plug ⚠️'],
  es: ['Cuenta nueva, nos cerraron la otra ⚠️'],
  de: ['Neuer Account, der alte wurde gesperrt ⚠️'],
  nl: ['Nieuw account, de oude is verwijderd ⚠️'],
};

/** How an operation's contact is written in its ads. */
export const CONTACT_LINES: Record<'snapchat' | 'whatsapp' | 'telegram' | 'signal', string[]> = {
  snapchat: ['👻 {value}', 'Snap: {value}', 'snap {value}', 'Add my snap: {value}'],
  whatsapp: ['WhatsApp {value}', 'WA : {value}', '📲 WhatsApp {value}'],
  telegram: ['tg @{value}', 'Telegram : t.me/{value}', 'menu sur t.me/{value}'],
  signal: ['Signal {value}', 'Signal : {value}'],
};

/** Ordinary posts, and the look-alikes that name drugs, weapons or documents without selling. */
export const CHATTER: Record<Language, { kind: string; texts: string[] }[]> = {
  fr: [
    {
      kind: 'chatter',
      texts: [
        'Belle journée à {city}, le marché était plein ce matin ☀️',
        'Quelqu’un sait si la piscine de {city} rouvre bientôt ?',
        'Encore un {topic} qui commence, courage à tous 💪',
        'Le match de ce soir à {city} va être chaud ⚽',
        'Les travaux du tram à {city} n’en finissent plus 😩',
        'Petit café en terrasse à {city} avant le {topic} ☕',
        'Vous avez une bonne adresse de boulangerie à {city} ?',
        'Concert annulé à {city} à cause du {topic}, dommage 🎶',
      ],
    },
    {
      kind: 'news',
      texts: [
        '{city} : la police a saisi {n} kg de {drug} lors d’une perquisition, deux personnes interpellées.',
        'Trafic de {drug} à {city} : le procès du réseau renvoyé au mois prochain.',
        'Couvre-feu à 18h à {city} : les contrôles de police renforcés ce week-end.',
        'Démantèlement d’un point de deal à {city}, {n} suspects placés en garde à vue.',
      ],
    },
    {
      kind: 'prevention',
      texts: [
        'Mélanger alcool et {drug}, c’est risqué. Besoin d’aide ? Drogues Info Service, gratuit et anonyme.',
        'Prévention : à {city}, l’association propose l’analyse de produits, anonyme et gratuite.',
      ],
    },
    {
      kind: 'legal_commerce',
      texts: [
        'Fleurs CBD et huiles, THC < 0,2 %, 100 % légal. Livraison sur {city}, boutique en ligne ouverte 🌿',
        'Pizza du jour à 9€, livraison à domicile sur {city} jusqu’à minuit 🍕 commande WhatsApp {phone}',
        'Armurerie de {city} : carabines de chasse, vente sur présentation du permis de chasser.',
      ],
    },
    {
      kind: 'buy_request',
      texts: [
        'Quelqu’un a un plan pour de la {drug} sur {city} ce soir ? je cherche',
        'qui connaît un plug sérieux vers {city} ?',
      ],
    },
    {
      kind: 'weather',
      texts: [
        'Il neige sur {city} ❄️❄️ toute la ville est blanche ce matin',
        'Verglas sur les routes autour de {city}, prudence ❄️',
      ],
    },
  ],
  en: [
    {
      kind: 'chatter',
      texts: [
        'Lovely walk around {city} this morning, so quiet during {topic}',
        'Anyone know a decent curry place in {city} that delivers?',
        'Day {n} of {topic} and I have watched everything on Netflix 😂',
        'Match day in {city}, can’t wait ⚽',
        'Roadworks in {city} centre again, brilliant 🙄',
      ],
    },
    {
      kind: 'news',
      texts: [
        'Police seize {n}kg of {drug} in raid on {city} flat; two men charged.',
        '{city} dealer jailed after selling {drug} through Snapchat menus, court hears.',
      ],
    },
    {
      kind: 'prevention',
      texts: ['Worried about {drug}? Talk to FRANK, free and confidential advice, any time.'],
    },
    {
      kind: 'legal_commerce',
      texts: [
        'Our pharmacy in {city} delivers prescriptions during {topic}, call us for details 💊',
        'Fresh pizzas delivered across {city} until midnight 🍕 order via WhatsApp {phone}',
      ],
    },
    { kind: 'buy_request', texts: ['anyone know where to get {drug} in {city} tonight?'] },
    {
      kind: 'weather',
      texts: [
        'Snow in {city} ❄️ kids out sledging in the park',
        'Icy roads around {city} this morning, take care',
      ],
    },
  ],
  es: [
    {
      kind: 'chatter',
      texts: [
        'Qué frío hace hoy en {city} 🥶',
        'Día {n} de {topic}, ya no sé qué hacer en casa 😂',
      ],
    },
    {
      kind: 'news',
      texts: ['La Policía Nacional interviene {n} kilos de {drug} en {city}; tres detenidos.'],
    },
  ],
  de: [
    {
      kind: 'chatter',
      texts: ['Schönes Wetter heute in {city} ☀️', 'Tag {n} im {topic}, langsam reicht es 😅'],
    },
    { kind: 'news', texts: ['Polizei stellt in {city} {n} Kilo {drug} sicher, zwei Festnahmen.'] },
  ],
  nl: [
    {
      kind: 'chatter',
      texts: [
        'Lekker rustig in {city} vandaag',
        'Dag {n} van de {topic}, wie heeft tips voor series? 😂',
      ],
    },
    {
      kind: 'news',
      texts: ['Politie neemt {n} kilo {drug} in beslag in {city}, twee aanhoudingen.'],
    },
  ],
};

/** Drug names as news and prevention write them. */
export const NEWS_DRUGS: Record<Language, string[]> = {
  fr: ['cocaïne', 'cannabis', 'résine de cannabis', 'héroïne', 'kétamine'],
  en: ['cocaine', 'cannabis', 'heroin', 'ketamine'],
  es: ['cocaína', 'hachís', 'marihuana'],
  de: ['Kokain', 'Cannabis', 'Heroin'],
  nl: ['cocaïne', 'cannabis', 'heroïne'],
};

export const FIRST_NAMES = [
  'lea',
  'tom',
  'ines',
  'hugo',
  'sarah',
  'yanis',
  'emma',
  'nora',
  'max',
  'lina',
  'sam',
  'jade',
  'theo',
  'chloe',
  'adam',
  'zoe',
  'lucas',
  'mia',
  'noah',
  'eva',
];
export const WORDS = [
  'info',
  'news',
  'fan',
  'daily',
  'life',
  'photo',
  'run',
  'cafe',
  'velo',
  'music',
];
