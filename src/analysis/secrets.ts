/**
 * Which values are secrets, and what may be said about one instead of the value.
 *
 * A secret found in a file is turned into a SecretDescriptor while that file is analysed, and the
 * value goes no further: not into the facts, the facts cache, the model, a rule, a message or a
 * fingerprint. What a rule needs to decide and to word its finding survives — what kind of value
 * it is (a literal, a placeholder, a reference to the environment…), a coarse length class, and
 * for the "same value elsewhere" correlation a keyed hash whose key never comes from the
 * repository (see `SecretKey`).
 *
 * Names decide which values are secrets (`DB_PASSWORD`, `jwtSecret`, `API_KEY`); values decide
 * only what kind of secret they are. Every scan here is linear in its input.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { SecretDescriptor, SecretKind, SecretLength } from './facts.js';

export type { SecretDescriptor, SecretKind, SecretLength };

/** Literals shorter than this get no fingerprint (see SecretDescriptor.fingerprint). */
export const MIN_FINGERPRINT_LENGTH = 8;

/**
 * The key of the fingerprints' HMAC. It never comes from the repository (whoever writes the
 * repository could otherwise compute fingerprints of guesses): a run without a cache draws one at
 * random for the process; with `--cache`, the cache keeps its own random key in its header, next to the facts it
 * stores, so fingerprints of cached and freshly analysed files are comparable (src/analysis/facts-cache.ts).
 */
export type SecretKey = Uint8Array;

let processKey: SecretKey | undefined;

/** A fresh random key. */
export function newSecretKey(): SecretKey {
  return randomBytes(32);
}

/** The key of runs that keep no cache: random, drawn once per process. */
export function processSecretKey(): SecretKey {
  return (processKey ??= newSecretKey());
}

/**
 * Describes `value` (the text a secret-named setting holds; `password`: a password itself, a connection URL's or a SQL
 * `PASSWORD '…'`, where `1` is a password, however weak, and no switch).
 */
export function describeSecret(value: string, key: SecretKey = processSecretKey(), password = false): SecretDescriptor {
  const kind = password ? secretKind(value) : isSwitchValue(value) ? 'switch' : isKeyPrefix(value) ? 'prefix' : secretKind(value);
  const length = lengthClass(value);
  const descriptor: SecretDescriptor = { kind, length };
  if (kind === 'placeholder' && saysItIsNoSecret(value.trim())) descriptor.declared = true;
  if (kind === 'literal' && codePoints(value) >= MIN_FINGERPRINT_LENGTH)
    descriptor.fingerprint = createHmac('sha256', key).update(value, 'utf8').digest('base64url').slice(0, 22);
  return descriptor;
}

function codePoints(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length) {
      const d = value.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

function lengthClass(value: string): SecretLength {
  const n = codePoints(value);
  return n === 0 ? '0' : n < 8 ? '1-7' : n < 16 ? '8-15' : '16+';
}

export function secretKind(value: string): SecretKind {
  const v = value.trim();
  if (v === '') return 'empty';
  if (isEncrypted(v)) return 'encrypted';
  if (isPasswordHash(v)) return 'hashed';
  if (isTemplate(v)) return 'template';
  if (isReference(v)) return 'reference';
  if (isPlaceholderSecret(v)) return 'placeholder';
  return 'literal';
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

/**
 * An on/off value: `true`, `false`, `yes`, `no`, `on`, `off`, `0`, `1` (any case). A setting that holds one is a switch
 * (cumulus's `FAKE_AUTH=true` in a package.json script, `DISABLE_AUTH=1`, a `SKIP_AUTH: 'false'`), never a credential,
 * whatever its name says.
 */
export function isSwitchValue(value: string): boolean {
  return /^(?:true|false|yes|no|on|off|0|1)$/i.test(value.trim());
}

/**
 * The fixed prefixes providers put before their API keys and tokens: OpenAI's `sk-` (`sk-proj-`), Anthropic's `sk-ant-`,
 * Stripe's `sk_live_` / `pk_test_` / `whsec_`, GitHub's `ghp_` / `github_pat_`, GitLab's `glpat-`, Slack's `xoxb-`, AWS's
 * access key ids' `AKIA` / `ASIA`, Google's `AIza`, Hugging Face's `hf_`, SendGrid's `SG.`… Exact text, any case kept.
 */
const KEY_PREFIXES = new Set([
  'sk-',
  'sk_',
  'sk-proj-',
  'sk-ant-',
  'sk-or-',
  'sk-or-v1-',
  'sk_live_',
  'sk_test_',
  'pk_',
  'pk-',
  'pk_live_',
  'pk_test_',
  'rk_live_',
  'rk_test_',
  'whsec_',
  'sk-lf-',
  'pk-lf-',
  'ghp_',
  'gho_',
  'ghu_',
  'ghs_',
  'ghr_',
  'github_pat_',
  'glpat-',
  'xoxb-',
  'xoxp-',
  'xoxa-',
  'xoxe-',
  'xapp-',
  'AKIA',
  'ASIA',
  'AIza',
  'hf_',
  'gsk_',
  'r8_',
  'pplx-',
  'xai-',
  'nvapi-',
  'npm_',
  'pypi-',
  'shpat_',
  'shpss_',
  'dop_v1_',
  'lsv2_pt_',
  'SG.',
]);

/**
 * A provider's key prefix and nothing after it (`'sk-'`, `'ghp_'`, `'AKIA'`): the shape of a key, none of its secret.
 * Flowise gives LocalAI, which takes no key, `openAIApiKey: 'sk-'` to satisfy the OpenAI client's check. Never a
 * password (a URL's, a SQL `PASSWORD '…'`): describeSecret asks only of settings' values.
 */
export function isKeyPrefix(value: string): boolean {
  return KEY_PREFIXES.has(value.trim());
}

/**
 * The name of an environment variable, as the convention writes one (UPPER_SNAKE, two words or more) and itself a
 * secret's name: `'FIREWORKS_API_KEY'`, `'OPENAI_API_KEY'`. LangChain's `get lc_secrets() { return { apiKey:
 * 'FIREWORKS_API_KEY' } }` maps each field to the variable it is read from. One word (`'ADMINPASSWORD'`) or a name of
 * no secret (`'ADMIN_USER'`) is no such name.
 */
export function isSecretVariableName(value: string): boolean {
  return /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value) && isSecretName(value);
}

/**
 * Values that stand for a secret rather than being one: `your_password_here`, `changeme`,
 * `<password>`, `****`, `xxx`. Used only where a literal is expected to be a template (example env
 * files, documentation strings), never to excuse code.
 */
export function isPlaceholderSecret(value: string): boolean {
  const v = value.trim();
  return (
    v === '' ||
    /^(?:your|my|enter|insert|put|replace|set)[_-]/i.test(v) ||
    // Written as words in lower case (`'your password'`, `'enter api key'`); a capitalised `'Enter your password'` is a
    // label (readsAsText), which the rule weighs on its own.
    /^(?:your|enter|insert|put|replace) [a-z]/.test(v) ||
    /[_-](?:here|placeholder)$/i.test(v) ||
    /^(?:change[ _-]?me|change[ _-]?it|placeholder|todo|tbd|xxx+|\*+|•+|●+|\.\.\.|example)$/i.test(v) ||
    isSelfDescribingTestPhrase(v) ||
    isSelfDescribingStandIn(v) ||
    saysItIsNoSecret(v) ||
    asksToBeReplaced(v) ||
    isStandInPair(v) ||
    isEncodedStandIn(v) ||
    /^<[^>]*>$/.test(v) ||
    /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(v) ||
    /^\{\{?[^}]*\}\}?$/.test(v)
  );
}

/** Words that say a phrase is a stand-in: a test's, an example's, a demo's value, not a deployment's. */
const STAND_IN_WORD = /^(?:test|testing|tests|example|sample|dummy|demo|fake|placeholder|insecure|dev|development)$/;
/** Words that name what a secret setting holds. */
const SECRET_NOUN = /^(?:secrets?|passwords?|passphrase|keys?|tokens?|salt)$/;
/** A word of such a phrase: lower-case letters, with inner dots or hyphens (`cnpmjs.org`, `e-mail`). */
const PHRASE_WORD = /^[a-z]+(?:[.-][a-z]+)*$/;

/**
 * A phrase in lower case that says what it stands in for: words of letters separated by single spaces, one of them a
 * stand-in word (`test`, `example`, `dummy`, `dev`…) and one naming the secret (`secret`, `password`, `key`, `token`):
 * `'cnpmjs.org test session secret'`, `'dummy password for tests'`, `'example jwt secret'` (HELDOUT15 #5). A passphrase
 * (`'keyboard cat'`, `'correct horse battery staple'`) says neither, and one with a digit, a capital or a symbol
 * (`'Tr0ub4dor &3'`) is no such phrase: both stay literals.
 */
function isSelfDescribingTestPhrase(value: string): boolean {
  if (value.length > 120 || !value.includes(' ')) return false;
  const words = value.split(' ');
  return (
    words.length >= 2 &&
    words.every((word) => PHRASE_WORD.test(word)) &&
    words.some((word) => STAND_IN_WORD.test(word)) &&
    words.some((word) => SECRET_NOUN.test(word))
  );
}

/**
 * A stand-in phrase written as one token, its words joined by `-`, `_`, `.` or camelCase and numbered at most at their end:
 * `'dummy-jwt-secret'`, `'test_api_key_1'`, `'exampleToken'`, `'dev.session.secret'` — a stand-in word and a secret noun, as
 * isSelfDescribingTestPhrase asks of words between spaces. A random key (`'k9Fq2Lx7pZ'`), a word alone (`'testing'`) or one
 * naming no secret (`'test-user'`) is none; nor is Django's generated `'django-insecure-…'` key, whose tail is no word.
 */
function isSelfDescribingStandIn(value: string): boolean {
  if (value.length > 120 || !/^[A-Za-z][A-Za-z0-9._-]*$/.test(value)) return false;
  const words = value
    .split(/[._-]+/)
    .flatMap((part) => nameWords(part))
    .map((word) => word.toLowerCase());
  return (
    words.length >= 2 &&
    words.every((word) => /^(?:[a-z]+\d*|\d+)$/.test(word)) &&
    words.some((word) => STAND_IN_WORD.test(word.replace(/\d+$/, ''))) &&
    words.some((word) => SECRET_NOUN.test(word.replace(/\d+$/, '')))
  );
}

/**
 * A value that says in its own words that it is none of a deployment's secrets, however it joins them (case, `-`, `_`,
 * spaces, punctuation): `'notasecret'` (Google's P12 keys' well-known passphrase), `'not-a-real-password'`,
 * `'doNoUseThisSecret!'`, `'DO_NOT_USE'`, `'secret-for-testing-only'`. Whoever reads it knows it: `declared` in its descriptor.
 * Read on the letters alone, lower-cased; a random key holds such a run of words by chance no more than a real password does.
 */
export function saysItIsNoSecret(value: string): boolean {
  if (value.length > 200) return false;
  const letters = value.toLowerCase().replace(/[^a-z]/g, '');
  return SAYS_NO_SECRET.some((pattern) => pattern.test(letters));
}
const SAYS_NO_SECRET = [
  // "not a (real) secret / password / key", "not so secret", "not secure"
  /not(?:a|an|the|my|so|very|really|real|actually)*(?:secret|secure|password|passwd|passphrase|key|token)/,
  // "do not use", "don't use", "do no use"
  /do(?:no|not|nt)use/,
  // "… for testing only", "test only", "dev only"
  /(?:test|tests|testing|dev|development|local|demo|example)only|for(?:testing|tests|localdev|localdevelopment|development|demo|examples?)/,
];

/**
 * A value that asks to be replaced, in a sentence rather than the one word `changeme`: `'change-me-in-production'`,
 * `'replace_this_key'`, `'please-change-me'`. A placeholder like `changeme`: where it is in use, it is what ships.
 */
function asksToBeReplaced(value: string): boolean {
  if (value.length > 200) return false;
  return /^(?:please)?(?:change|replace|rotate)(?:me|this|it|before|in(?:prod|production)|your)/.test(
    value.toLowerCase().replace(/[^a-z]/g, ''),
  );
}

/** Words of a documentation or test credential pair: a user name or password that names its role, not a person's or a key. */
const STAND_IN_CREDENTIAL_WORD =
  /^(?:test|testing|tester|user|username|usr|login|name|demo|example|sample|dummy|fake|foo|bar|baz|pass|password|passwd|pwd|secret|key)$/;

/**
 * A `user:password` pair made of stand-in words, each numbered at most: `'test:test'`, `'user:password'`,
 * `'username1:password1'` (coturn's sample `user=` lines), `'foo:bar'`. A pair with a real-looking part
 * (`'admin:S3cr3t!'`, `'ninefingers:youhavetoberealistic'`) is none, nor is a well-known default (`'admin:admin'`,
 * `'root:root'`), which logs in wherever it is left unchanged.
 */
function isStandInPair(value: string): boolean {
  const match = /^([A-Za-z]+)\d*:([A-Za-z]+)\d*$/.exec(value);
  return match !== null && STAND_IN_CREDENTIAL_WORD.test(match[1].toLowerCase()) && STAND_IN_CREDENTIAL_WORD.test(match[2].toLowerCase());
}

/** The longest base64 value decoded to see whether it stands in for a secret. */
const MAX_ENCODED_STAND_IN = 512;

/**
 * A base64 token (HTTP Basic's `user:password`, a test's token), `Basic ` or `Bearer ` before it or not, whose decoded text
 * is itself a stand-in: `'dGVzdDp0ZXN0'` (`test:test`), `'Basic dXNlcjpwYXNzd29yZA=='` (`user:password`), a placeholder
 * encoded. Decoded here only, to decide, and never kept. A token decoding to bytes that are no text, or to a real-looking
 * pair (`admin:S3cr3t!`), stays a literal.
 */
function isEncodedStandIn(value: string): boolean {
  const token = value.replace(/^(?:basic|bearer)\s+/i, '');
  if (token.length < 8 || token.length > MAX_ENCODED_STAND_IN || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(token)) return false;
  const decoded = Buffer.from(token.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1');
  if (decoded.length === 0 || !/^[\x20-\x7e]+$/.test(decoded)) return false;
  // Base64 maps every 4 characters to 3 bytes: a decoding that is not the whole token is no encoding of this text.
  if (
    Buffer.from(decoded, 'latin1').toString('base64').replace(/=+$/, '') !== token.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '')
  )
    return false;
  return isStandInPair(decoded) || (decoded !== token && isPlaceholderSecret(decoded) && decoded.trim() !== '');
}

/**
 * A cache or rate-limit key's namespace, as Redis keys are built: lower-case words (hyphens or underscores inside)
 * joined by colons, two different ones at least, an optional final colon — koa-limit's `token: 'koa-limit:download'`,
 * `'myapp:cache:users'`, `'sess:web:'` (HELDOUT15 #5). It names where values are kept, not a secret. No digit, no
 * capital: a colon-separated random token (`'k9Fq:2Lx7pZ'`) is none, nor is a word repeated (`'admin:admin'`) or a
 * part naming a secret (`'user:password'`). Asked only of a setting that is no password (`isPasswordName`).
 */
export function isKeyNamespace(value: string): boolean {
  const v = value.trim();
  if (v.length > 120 || !KEY_NAMESPACE.test(v)) return false;
  const parts = v.split(':').filter((part) => part !== '');
  return new Set(parts).size >= 2 && !parts.some((part) => part.split(/[-_]/).some((word) => SECRET_NOUN.test(word) || /^pass/.test(word)));
}
const KEY_NAMESPACE = /^[a-z]+(?:[-_][a-z]+)*(?::[a-z]+(?:[-_][a-z]+)*)+:?$/;

/** Whether a setting's name says it holds a password (`pass`, `dbPassword`, `PGPASSWORD`, `passphrase`, `pwd`) or a `user:pass` pair (`auth`). */
export function isPasswordName(name: string): boolean {
  return nameWords(name).some((word) => /^(?:[A-Z0-9]*PASSWORD|PASSWD|PASS|PWD|PASSPHRASE|AUTH)$/.test(word));
}

/**
 * "Password" in the languages of user interfaces, spaces and hyphens removed, lower case: what a
 * translated label under a `password` key holds (`de: { password: 'Passwort' }`).
 */
const PASSWORD_TRANSLATIONS = new Set([
  'passwort',
  'kennwort',
  'contraseña',
  'contrasena',
  'clave',
  'motdepasse',
  'senha',
  'palavrapasse',
  'wachtwoord',
  'parola',
  'parolă',
  'parole',
  'hasło',
  'haslo',
  'heslo',
  'geslo',
  'lozinka',
  'jelszó',
  'jelszo',
  'lösenord',
  'losenord',
  'passord',
  'adgangskode',
  'kodeord',
  'salasana',
  'salasõna',
  'slaptažodis',
  'lykilorð',
  'şifre',
  'sifre',
  'parolaaccesso',
  'nenosiri',
  'katasandi',
  'katalaluan',
  'mậtkhẩu',
  'пароль',
  'лозинка',
  'κωδικός',
  'كلمةالمرور',
  'كلمةالسر',
  'رمزعبور',
  'סיסמה',
  'סיסמא',
  'पासवर्ड',
  '密码',
  '密碼',
  'パスワード',
  '비밀번호',
  'รหัสผ่าน',
]);

/** A word of text for people: letters (any script) and marks, with inner apostrophes or hyphens (`d'utilisateur`, `E-mail`). */
const TEXT_WORD = /^[\p{L}\p{M}][\p{L}\p{M}'’-]*$/u;

/**
 * Whether a value under a secret-named key reads as words for people rather than as a credential:
 * the key's own name or one of its words (`password: 'Password'`, `dbPassword: 'password'`), a
 * translation of "password" (`'Passwort'`, `'Mot de passe'`), or a phrase — two or more words of
 * letters separated by single spaces, at most a final punctuation mark, no digit or symbol, and a
 * capital first (`'Enter your password'`, `"Nom d'utilisateur"`, `'كلمة المرور'`; not `'keyboard cat'`).
 * A capitalised passphrase reads as one too, which is why this is only a description: the rule
 * still reports such a value where it is in use.
 */
export function readsAsText(key: string, value: string): boolean {
  const v = value.trim();
  if (v === '') return false;
  const compact = v.toLowerCase().replace(/[\s_-]/g, '');
  if (compact === key.toLowerCase().replace(/[\s_-]/g, '')) return true;
  if (nameWords(key).some((word) => SECRET_WORD.test(word) && word.toLowerCase() === compact)) return true;
  if (PASSWORD_TRANSLATIONS.has(compact)) return true;
  // Labels start with a capital (or a letter of a script without case); `keyboard cat`, `my secret key` are passphrases.
  if (v[0] !== v[0].toUpperCase()) return false;
  const words = v.replace(/[.:!?…]$/, '').split(' ');
  return words.length >= 2 && words.every((word) => TEXT_WORD.test(word));
}

/**
 * A value that defers to the environment or a template rather than holding a secret: `$DB_PASSWORD`,
 * `${process.env.DB_PASSWORD}`, `${JWT_SECRET:?set it}`, and Kubernetes' `$(DB_PASSWORD)`, which a
 * workload's env expands. Compose's `$${X}` (a literal `${X}` for the container's shell) too.
 */
export function isReference(value: string): boolean {
  const v = value.trim();
  return (
    /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(v) ||
    closedAfter(value, '${', '}') ||
    /\$\([A-Za-z_][\w.]*\)/.test(value) ||
    isReplaceToken(v) ||
    // Supabase's config.toml: `secret = "env(SUPABASE_AUTH_EXTERNAL_GITHUB_SECRET)"`.
    /^env\([A-Za-z_][A-Za-z0-9_]*\)$/.test(v)
  );
}

/**
 * A release pipeline's token, replaced in the file at deploy time: Octopus's and Azure DevOps' Replace Tokens `#{DbPassword}#`
 * / `#{Db.Password}`, the `__DbPassword__` of token-replace tasks (`$(Db.Password)`, MSBuild's and Azure Pipelines', is above).
 */
function isReplaceToken(value: string): boolean {
  return /^#\{[\w.:-]+\}#?$/.test(value) || /^__[A-Za-z][\w.-]*__$/.test(value);
}

/** `open` somewhere with `close` after it (what `/open[^close]*close/` asks, without rescanning from every `open`). */
function closedAfter(value: string, open: string, close: string): boolean {
  const at = value.indexOf(open);
  return at >= 0 && value.indexOf(close, at + open.length) >= 0;
}

/** `{{ .Values.db.password }}`, `{{ include "x" . }}`: filled in when the chart is rendered. */
function isTemplate(value: string): boolean {
  return closedAfter(value, '{{', '}}');
}

/** A SOPS-encrypted value (`ENC[AES256_GCM,data:…]`): committed, but not readable. */
function isEncrypted(value: string): boolean {
  return /^ENC\[[A-Z0-9_]+,data:/.test(value);
}

/**
 * Password hashes: what a seed or a fixture user stores in `password:`, and what
 * `CREATE USER … IDENTIFIED WITH … AS` or PostgreSQL's `PASSWORD 'SCRAM-SHA-256$…'` take. Knowing
 * one logs nobody in.
 */
const PASSWORD_HASH = [
  /^\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}$/, // bcrypt
  /^\$argon2(?:id|i|d)\$(?:v=\d+\$)?m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/, // argon2 (PHC)
  /^\$(?:scrypt|7)\$[./A-Za-z0-9$=+,-]{20,}$/, // scrypt
  /^\$[156]\$(?:rounds=\d+\$)?[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{22,86}$/, // crypt: MD5, SHA-256, SHA-512
  /^\$?pbkdf2[-_]sha(?:1|256|512)\$\d+\$[A-Za-z0-9+/.=]+\$[A-Za-z0-9+/.=]+$/, // PBKDF2 (Django, passlib)
  /^md5[0-9a-f]{32}$/, // PostgreSQL md5 verifier
  /^SCRAM-SHA-256\$\d+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/, // PostgreSQL SCRAM verifier
  /^\*[0-9A-F]{40}$/, // MySQL native password hash
];

export function isPasswordHash(value: string): boolean {
  return PASSWORD_HASH.some((pattern) => pattern.test(value));
}

/**
 * The text of a Kubernetes Secret's base64 `data` value, only to describe it (and find a URL's
 * parts); undefined when it is not valid base64.
 */
export function decodeBase64Data(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  return Buffer.from(compact, 'base64').toString('utf8');
}

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

/** Words that make a name a secret: `DB_PASSWORD`, `jwtSecret`, `API_KEY`, `TWILIO_AUTH_TOKEN`, `PGPASSWORD`. */
const SECRET_WORD =
  /^(?:[A-Z0-9]*PASSWORD|PASSWD|PASS|PWD|PASSPHRASE|[A-Z0-9]*SECRETS?|[A-Z0-9]*TOKENS?|KEYS?|APIKEYS?|SECRETKEY|PRIVATEKEY|PRIVATE|CREDENTIALS?|CREDS|JWT|SALT|PEPPER|AUTH)$/;

/**
 * Words that, after the secret word, turn the name into a setting *about* the secret:
 * `JWT_EXPIRES_IN`, `AUTH_SERVICE_URL`, `CACHE_KEY_PREFIX`, `DB_PASSWORD_FILE`, `BCRYPT_SALT_ROUNDS`, `AWS_ACCESS_KEY_ID`.
 */
const DESCRIBING_WORD = new Set([
  'URL',
  'URI',
  // Firebase's `AUTH_DOMAIN` (`tidewater-prod.firebaseapp.com`): where users sign in, no secret.
  'DOMAIN',
  'HOST',
  'HOSTNAME',
  'PORT',
  'ENDPOINT',
  'SERVICE',
  'SERVER',
  'PATH',
  'FILE',
  'DIR',
  'FOLDER',
  'LOCATION',
  'ISSUER',
  'AUDIENCE',
  'ALGORITHM',
  'ALG',
  'ALGO',
  'EXPIRY',
  'EXPIRES',
  'EXPIRATION',
  'EXPIRE',
  'TTL',
  'TIMEOUT',
  'LIFETIME',
  'AGE',
  'ENABLED',
  'DISABLED',
  'ENABLE',
  'DISABLE',
  'REQUIRED',
  'LENGTH',
  'ROUNDS',
  'COST',
  'SIZE',
  'BITS',
  'HEADER',
  'COOKIE',
  'NAME',
  'TYPE',
  'MODE',
  // `ACTUAL_OPENID_AUTH_METHOD` (`openid` / `oauth2`), MongoDB's `authMechanism` (`SCRAM-SHA-256`) and `authSource`
  // (`admin`): which way to authenticate, and against which database, not the credential.
  'METHOD',
  'METHODS',
  'MECHANISM',
  'MECHANISMS',
  'SOURCE',
  'PREFIX',
  'SUFFIX',
  'ID',
  'VERSION',
  'STRATEGY',
  'PROVIDER',
  'REGION',
  'LIMIT',
  'MAX',
  'MIN',
  'COUNT',
  'INTERVAL',
  'DURATION',
  'SECONDS',
  'MINUTES',
  'HOURS',
  'DAYS',
  'MS',
  'FORMAT',
  'FIELD',
  'PARAM',
  'QUERY',
  'SCOPE',
  'SCOPES',
  'REALM',
  'POLICY',
  'RULES',
  'ARN',
  'DB',
  'DATABASE',
  'SCHEMA',
  'TABLE',
  'USER',
  'USERNAME',
  'EMAIL',
  'ROLE',
  'QUEUE',
  'TOPIC',
  'BUCKET',
]);

/** The longest value read as a JWT for its role: Supabase's keys are ~200 characters. */
const MAX_PUBLIC_JWT = 4096;

/**
 * Whether a secret-named value is a key public by design: Supabase's anon key, the JWT its projects
 * hand to every browser (`NEXT_PUBLIC_SUPABASE_ANON_KEY`, `VITE_SUPABASE_ANON_KEY`, `SUPABASE_KEY`…),
 * whose payload says `"iss": "supabase…"` and `"role": "anon"`; row-level security guards the data.
 * Decided by the payload, never the name: a service-role key (`"role": "service_role"`, it bypasses
 * RLS) stays a secret under any name, and so does any other value. The payload is decoded here only
 * and nothing of it is kept or printed.
 */
export function isPublicClientKey(value: string): boolean {
  const v = value.trim();
  if (v.length > MAX_PUBLIC_JWT || !v.startsWith('eyJ')) return false;
  const parts = v.split('.');
  if (parts.length !== 3 || !/^[A-Za-z0-9_-]+$/.test(parts[1])) return false;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return false;
  }
  if (typeof payload !== 'object' || payload === null) return false;
  const { iss, role } = payload as Record<string, unknown>;
  return role === 'anon' && typeof iss === 'string' && iss.startsWith('supabase');
}

/** A Google API key as Firebase hands it out: `AIza` and 35 URL-safe base64 characters. */
const GOOGLE_API_KEY = /^AIza[\w-]{35}$/;

/**
 * Whether a Google API key (`AIza…`) is a Firebase web app's, an identifier of the project that Firebase hands to every
 * browser ("API keys for Firebase services are not used to control access to backend resources … it's OK to include them
 * in code"): under a name of Firebase's API key (`NEXT_PUBLIC_FIREBASE_API_KEY`, `VITE_FIREBASE_API_KEY`,
 * `FIREBASE_WEB_API_KEY`), or, with no name given, as the `apiKey` of an object its caller found to be a Firebase web
 * config (extract.ts: `authDomain`, `appId`, `messagingSenderId` beside it). A Google key under any other name (a Maps,
 * Gemini or Cloud key of a server) stays a secret; a service account's `private_key` is no API key.
 */
export function isFirebaseWebApiKey(value: string, name?: string): boolean {
  if (!GOOGLE_API_KEY.test(value.trim())) return false;
  if (name === undefined) return true;
  const words = nameWords(name);
  const last = words.length - 1;
  const apiKey = words[last] === 'APIKEY' ? last : words[last] === 'KEY' && words[last - 1] === 'API' ? last - 1 : -1;
  return apiKey > 0 && words.slice(0, apiKey).includes('FIREBASE');
}

/** Words that, right before the secret word, make it public: `JWT_PUBLIC_KEY`, `STRIPE_PUBLISHABLE_KEY`. */
const PUBLIC_WORD = new Set(['PUBLIC', 'PUBLISHABLE', 'PUB']);

/** Keys and tokens that identify data rather than grant access: `cacheKey`, `routingKey`, `primaryKey`, `nextToken`. */
const DATA_KEY_WORD = new Set([
  'CACHE',
  'SORT',
  'PRIMARY',
  'FOREIGN',
  'UNIQUE',
  'COMPOSITE',
  'IDEMPOTENCY',
  'ROUTING',
  'PARTITION',
  'SHARD',
  'HASH',
  'RANGE',
  'LOCK',
  'STORAGE',
  'QUERY',
  'LOOKUP',
  'MAP',
  'DEDUP',
  'DEDUPE',
  'DEDUPLICATION',
  'MESSAGE',
  'OBJECT',
  'S3',
  'FILE',
  'ROW',
  'GROUP',
  'EVENT',
  'TRACE',
  'CORRELATION',
  'REQUEST',
  'I18N',
  'TRANSLATION',
  'LABEL',
  'ENTITY',
  'RESOURCE',
  'TABLE',
  'COLUMN',
  'INDEX',
  'JSON',
  'REDIS',
  'STATE',
  'SELECTION',
  'PAGE',
  'NEXT',
  'PREV',
  'PREVIOUS',
  'CONTINUATION',
  'CANCEL',
  'CANCELLATION',
  'PAGINATION',
  'SYNC',
  'RESUME',
  'CURSOR',
]);
const DATA_KEY_TARGET = /^(?:KEYS?|TOKENS?)$/;

/** Env names (exact case) that look secret but are not: the shell's working directory, a credentials file path. */
const NOT_SECRET = new Set(['PWD', 'OLDPWD', 'GOOGLE_APPLICATION_CREDENTIALS']);

const enum CharClass {
  Other,
  Upper,
  Lower,
  Digit,
}

function charClass(c: number): CharClass {
  if (c >= 65 && c <= 90) return CharClass.Upper;
  if (c >= 97 && c <= 122) return CharClass.Lower;
  if (c >= 48 && c <= 57) return CharClass.Digit;
  return CharClass.Other;
}

/**
 * Upper-cased words of an env or property name: `jwtSecret` → JWT SECRET, `DB_PASSWORD` → DB PASSWORD,
 * `APIKey` → API KEY. A word ends before a capital that follows a small letter or digit, before
 * the last capital of a run followed by a small letter, and at anything but a letter or digit.
 * One pass: names are repository text, and a 1.5 MB upper-case key must not take minutes.
 */
export function nameWords(name: string): string[] {
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= name.length; i++) {
    const cls = i < name.length ? charClass(name.charCodeAt(i)) : CharClass.Other;
    if (cls === CharClass.Other) {
      if (start >= 0) words.push(name.slice(start, i).toUpperCase());
      start = -1;
      continue;
    }
    if (start >= 0 && cls === CharClass.Upper) {
      const prev = charClass(name.charCodeAt(i - 1));
      const next = i + 1 < name.length ? charClass(name.charCodeAt(i + 1)) : CharClass.Other;
      if (prev === CharClass.Lower || prev === CharClass.Digit || (prev === CharClass.Upper && next === CharClass.Lower)) {
        words.push(name.slice(start, i).toUpperCase());
        start = i;
      }
    }
    if (start < 0) start = i;
  }
  return words;
}

/**
 * True for names that hold a secret. Words count on `_`/camelCase boundaries, so
 * `KEYCLOAK_URL` and `AUTHOR` are not secrets, and a describing word after the secret
 * word (`JWT_EXPIRES_IN`, `CACHE_KEY_PREFIX`) makes it a setting about one.
 */
export function isSecretName(name: string): boolean {
  if (NOT_SECRET.has(name)) return false;
  const words = nameWords(name);
  let last = -1;
  words.forEach((word, index) => {
    if (SECRET_WORD.test(word)) last = index;
  });
  const before = words[last - 1] ?? '';
  if (last < 0 || PUBLIC_WORD.has(before) || (DATA_KEY_TARGET.test(words[last]) && DATA_KEY_WORD.has(before))) return false;
  return !words.slice(last + 1).some((word) => DESCRIBING_WORD.has(word));
}
