/**
 * The two functions of the `inflection` package (1.13.4, the version Sequelize 6 requires) that
 * Sequelize applies to a model name to get its default table name: `pluralize` and `underscore`.
 * A port rather than a dependency: two functions, no new package in every user's install.
 * Rules, their order and the uncountable words are the package's own, so quirks match too
 * (`Index` → `Indices`, `Status` → `Statuses`, `Equipment` stays, `Octopus` → `Octopuses`).
 */

/** Words with one form for singular and plural, compared with the whole (lower-cased) name. */
const UNCOUNTABLE = new Set(
  (
    'accommodation adulthood advertising advice aggression aid air aircraft alcohol anger applause arithmetic assistance athletics ' +
    'bacon baggage beef biology blood botany bread butter carbon cardboard cash chalk chaos chess crossroads countryside dancing ' +
    'deer dignity dirt dust economics education electricity engineering enjoyment envy equipment ethics evidence evolution fame ' +
    'fiction flour flu food fuel fun furniture gallows garbage garlic genetics gold golf gossip gratitude grief guilt gymnastics ' +
    'happiness hardware harm hate hatred health heat help homework honesty honey hospitality housework humour hunger hydrogen ice ' +
    'importance inflation information innocence iron irony jam jewelry judo karate knowledge lack laughter lava leather leisure ' +
    'lightning linguine linguini linguistics literature litter livestock logic loneliness luck luggage macaroni machinery magic ' +
    'management mankind marble mathematics mayonnaise measles methane milk minus money mud music mumps nature news nitrogen ' +
    'nonsense nurture nutrition obedience obesity oxygen pasta patience physics poetry pollution poverty pride psychology ' +
    'publicity punctuation quartz racism relaxation reliability research respect revenge rice rubbish rum safety scenery seafood ' +
    'seaside series shame sheep shopping sleep smoke smoking snow soap software soil spaghetti species steam stuff stupidity ' +
    'sunshine symmetry tennis thirst thunder timber traffic transportation trust underwear unemployment unity validity veal ' +
    'vegetation vegetarianism vengeance violence vitality warmth wealth weather welfare wheat wildlife wisdom yoga zinc zoology'
  ).split(' '),
);

/** Already plural: the first of these that matches leaves the word as it is. */
const ALREADY_PLURAL = [
  /^(m|wom)en$/i,
  /(pe)ople$/i,
  /(child)ren$/i,
  /([ti])a$/i,
  /((a)naly|(b)a|(d)iagno|(p)arenthe|(p)rogno|(s)ynop|(t)he)ses$/i,
  /(database)s$/i,
  /(drive)s$/i,
  /(hi|ti)ves$/i,
  /(curve)s$/i,
  /([lr])ves$/i,
  /([^fo])ves$/i,
  /([^aeiouy]|qu)ies$/i,
  /(s)eries$/i,
  /(m)ovies$/i,
  /(x|ch|ss|sh)es$/i,
  /([m|l])ice$/i,
  /(bus)es$/i,
  /(o)es$/i,
  /(shoe)s$/i,
  /(cris|ax|test)es$/i,
  /(octop|vir)uses$/i,
  /(alias|canvas|status|campus)es$/i,
  /^(summons|bonus)es$/i,
  /^(ox)en/i,
  /(matr)ices$/i,
  /^feet$/i,
  /^teeth$/i,
  /^geese$/i,
  /(quiz)zes$/i,
  /^(whereas)es$/i,
  /^(criteri)a$/i,
  /^genera$/i,
];

/** Singular → plural: the first rule that matches rewrites the end of the word. */
const PLURAL_RULES: Array<[RegExp, string]> = [
  [/^(m|wom)an$/i, '$1en'],
  [/(pe)rson$/i, '$1ople'],
  [/(child)$/i, '$1ren'],
  [/(drive)$/i, '$1s'],
  [/^(ox)$/i, '$1en'],
  [/(ax|test)is$/i, '$1es'],
  [/(octop|vir)us$/i, '$1uses'],
  [/(alias|status|canvas|campus)$/i, '$1es'],
  [/^(summons|bonus)$/i, '$1es'],
  [/(bu)s$/i, '$1ses'],
  [/(buffal|tomat|potat)o$/i, '$1oes'],
  [/([ti])um$/i, '$1a'],
  [/sis$/i, 'ses'],
  [/(?:([^f])fe|([lr])f)$/i, '$1$2ves'],
  [/(hi|ti)ve$/i, '$1ves'],
  [/([^aeiouy]|qu)y$/i, '$1ies'],
  [/(matr)ix$/i, '$1ices'],
  [/(vert|ind)ex$/i, '$1ices'],
  [/(x|ch|ss|sh)$/i, '$1es'],
  [/([m|l])ouse$/i, '$1ice'],
  [/^foot$/i, 'feet'],
  [/^tooth$/i, 'teeth'],
  [/^goose$/i, 'geese'],
  [/(quiz)$/i, '$1zes'],
  [/^(whereas)$/i, '$1es'],
  [/^(criteri)on$/i, '$1a'],
  [/^genus$/i, 'genera'],
  [/s$/i, 's'],
  [/$/, 's'],
];

/** `inflection.pluralize`: `Invoice` → `Invoices`, `Category` → `Categories`, `Person` → `People`. */
export function pluralize(word: string): string {
  if (UNCOUNTABLE.has(word.toLowerCase())) return word;
  if (ALREADY_PLURAL.some((re) => re.test(word))) return word;
  for (const [re, replacement] of PLURAL_RULES) {
    if (re.test(word)) return word.replace(re, replacement);
  }
  return word;
}

/** `inflection.underscore`: `InvoiceItems` → `invoice_items` (`::` namespaces become `/`). */
export function underscore(word: string): string {
  return word
    .split('::')
    .map((part) => part.replace(/([A-Z])/g, '_$1').replace(/^_/, ''))
    .join('/')
    .toLowerCase();
}
