/**
 * Turns free text into comparable words for the coverage matcher. Pure.
 *
 * Normalisation: NFKC (full-width letters, ligatures), lower case, diacritics stripped
 * ("naïve" -> "naive"), apostrophes inside words dropped ("don't" -> "dont"). Words are runs
 * of letters and digits; words joined by "-", "_", ".", "/" ("ml-kem", "role-based",
 * "ci/cd") yield their parts, so "role based" and "role-based" meet, plus the joined form
 * ("mlkem") as an alias at the position of its first part.
 */
import { stemmer } from 'stemmer';
import { AsciiWords, AsciiWordTable } from './ascii-words.ts';

export interface TextToken {
  /** The lower-cased, normalised word as written. */
  readonly raw: string;
  /** What equal-word comparison uses: the Porter stem, or the word itself (see `stemOf`). */
  readonly stem: string;
  /** A function word ("the", "of"); dropped from phrases, takes no room in an answer. */
  readonly stopWord: boolean;
  /** Part of a compound ("up" in "mix-up"): a phrase keeps it even when it is a stop-word. */
  readonly inCompound: boolean;
  /** Letters only and long enough (5+) that a typo may be tolerated. */
  readonly fuzzy: boolean;
  /** The joined form of a compound ("mlkem" for "ml-kem"), an alias of its parts. */
  readonly joined: boolean;
}

/**
 * Function words only. Negations and limiters ("not", "no", "without", "only", "just") are
 * kept on purpose: mistake markers such as "just sanitize the input" depend on them; so are
 * the particles of phrasal verbs ("follow up", "log out", "sign off").
 */
const STOP_WORDS = new Set(
  (
    'a an the and or but nor if then than so as of to in into on onto at by for from with ' +
    'within via per about is are was were be been being am ' +
    'do does did doing have has had having can could should would will shall may might must ' +
    'it its this that these those there here which who whom whose what when where why ' +
    'how i me my we our us you your he him his she her they them their also such e g eg ie ' +
    'etc'
  ).split(' '),
);

/** Words shorter than this never match with a typo. */
const FUZZY_MIN_LENGTH = 5;

/**
 * British spellings rewritten to American before stemming, where neither Porter nor the typo
 * tolerance bridges them: "-ise"/"-yse" verb forms (Porter folds "-ize", "-ization", "-izes"
 * to one stem but leaves "memorise" at "memoris") and "-ence" nouns ("defence", "licence":
 * c/s is no keyboard slip). Applied to rubric and answer alike, so a word that merely ends
 * that way ("promise", "science") is changed the same on both sides and still meets itself.
 * "-our"/"-or", "-tre"/"-ter", "-ogue"/"-og" need no rule: one inserted letter is a typo.
 */
const BRITISH_SPELLINGS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(\p{L}{3,})is(e|es|ed|er|ers|ing|ation|ations|ational|able)$/u, '$1iz$2'],
  [/^(\p{L}{2,})ys(e|es|ed|er|ers|ing)$/u, '$1yz$2'],
  [/^(\p{L}{2,})ence(s?)$/u, '$1ense$2'],
];

function americanise(word: string): string {
  return BRITISH_SPELLINGS.reduce(
    (out, [pattern, replacement]) => out.replace(pattern, replacement),
    word,
  );
}

const HAS_DIGIT = /\p{N}/u;

/**
 * Words with digits ("imdsv2", "t1078") are identifiers and compared as written; so are
 * words of three letters or fewer, where Porter's suffix stripping would merge different
 * acronyms ("ids" -> "id", "ips" -> "ip"). A four-letter plural of a short word drops its
 * "s" to meet it ("keys" -> "key", "acls" -> "acl"; Porter would give "kei" for "keys").
 */
function stemOf(word: string): string {
  if (HAS_DIGIT.test(word) || word.length <= 3) return word;
  if (word.length === 4 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, 3);
  return stemmer(americanise(word));
}

type TokenKind = 'word' | 'part' | 'joined';

/**
 * Tokens already made, per kind. A token depends on its word and kind alone, and stemming
 * (three spelling rules, then Porter's two dozen suffix patterns) was most of what scoring
 * cost; a drill's answers and rubric share most of their words, so each distinct word is
 * stemmed once and its (frozen) token shared. Bounded: a map is emptied when full, so a
 * flood of distinct junk words cannot grow it without limit.
 */
const TOKEN_CACHE_LIMIT = 50_000;
const madeTokens: Record<TokenKind, Map<string, TextToken>> = {
  word: new Map(),
  part: new Map(),
  joined: new Map(),
};

function makeToken(raw: string, kind: TokenKind): TextToken {
  const made = madeTokens[kind];
  const known = made.get(raw);
  if (known) return known;
  if (made.size >= TOKEN_CACHE_LIMIT) made.clear();
  const token: TextToken = Object.freeze({
    raw,
    stem: stemOf(raw),
    stopWord: STOP_WORDS.has(raw),
    inCompound: kind === 'part',
    fuzzy: raw.length >= FUZZY_MIN_LENGTH && !HAS_DIGIT.test(raw),
    joined: kind === 'joined',
  });
  made.set(raw, token);
  return token;
}

/** Anything but printable ASCII and the usual whitespace. */
const BEYOND_ASCII = /[^\t\n\r\x20-\x7e]/;

export function normaliseText(text: string): string {
  // Printable ASCII is left as it is by NFKC and NFD and has no combining marks: only case
  // and apostrophes change. Most answers are plain English, so this saves two Unicode passes.
  if (!BEYOND_ASCII.test(text)) return text.toLowerCase().replace(/([a-z])'(?=[a-z])/g, '$1');
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/(\p{L})['’](?=\p{L})/gu, '$1');
}

const WORD = /[\p{L}\p{N}]+(?:[-_./][\p{L}\p{N}]+)*/gu;
const CONNECTOR = /[-_./]/;

/** The token of a plain word (no connector), lower-cased and normalised. */
function wordToken(raw: string): TextToken {
  return makeToken(raw, 'word');
}

/**
 * Adds the tokens of one normalised word: itself, or a compound's joined alias and its parts.
 * One push at a time: a hostile compound can have hundreds of thousands of parts, more than
 * a spread call takes as arguments.
 */
function pushWordTokens(word: string, tokens: TextToken[]): void {
  if (!CONNECTOR.test(word)) {
    tokens.push(makeToken(word, 'word'));
    return;
  }
  const parts = word.split(CONNECTOR);
  tokens.push(makeToken(parts.join(''), 'joined'));
  for (const part of parts) tokens.push(makeToken(part, 'part'));
}

/** Whether `text` is printable ASCII, whose words `AsciiWords` finds (faster, the same). */
function isPlainAscii(text: string): boolean {
  return !BEYOND_ASCII.test(text);
}

/** Plain ASCII words' tokens, found without a string per word (see ascii-words.ts). */
const asciiWords = new AsciiWords(new AsciiWordTable(wordToken));

/**
 * The words of `text` in order, tokenized afresh and not remembered: for one-off texts
 * (the pieces of an answer) that would only push the texts worth remembering out.
 */
export function tokenizeOnce(text: string): TextToken[] {
  const tokens: TextToken[] = [];
  if (isPlainAscii(text)) {
    // Most answers are plain English: the same words as below, found faster.
    asciiWords.start(text);
    for (let word = asciiWords.next(); word !== undefined; word = asciiWords.next()) {
      if (typeof word === 'string') pushWordTokens(word, tokens);
      else tokens.push(word);
    }
    return tokens;
  }
  return tokenizeByPattern(text);
}

/**
 * `tokenizeOnce` by regular expression, for any text: what the printable-ASCII path must
 * agree with (the tests hold it to that).
 */
export function tokenizeByPattern(text: string): TextToken[] {
  const tokens: TextToken[] = [];
  // match() with /g gives the words as plain strings, cheaper than matchAll's match objects.
  for (const word of normaliseText(text).match(WORD) ?? []) pushWordTokens(word, tokens);
  return tokens;
}

/**
 * The texts tokenized last, oldest first. Scoring one answer looks at its text several times
 * (coverage, the term-list, question-repeat and copy checks) and at the question's text for
 * every answer; each is tokenized once. Only texts up to answer size are kept, so a few
 * huge texts cannot pin much memory.
 */
const RECENT_LIMIT = 32;
const RECENT_MAX_LENGTH = 20_000;
const recent = new Map<string, readonly TextToken[]>();

/**
 * The words of `text` in order; a compound's joined alias comes just before its parts.
 * Frozen: the same array may be handed to several callers.
 */
export function tokenizeText(text: string): readonly TextToken[] {
  const known = recent.get(text);
  if (known) return known;
  const tokens = Object.freeze(tokenizeOnce(text));
  if (text.length > RECENT_MAX_LENGTH) return tokens;
  if (recent.size >= RECENT_LIMIT) {
    const oldest = recent.keys().next();
    if (!oldest.done) recent.delete(oldest.value);
  }
  recent.set(text, tokens);
  return tokens;
}

/**
 * Rubric phrases (and question texts), tokenized once per process. Every reveal parses its
 * question afresh from the snapshot, but the phrases are the packs' own few thousand
 * strings; kept apart from the recent texts so they never push an answer out. Bounded: the
 * map is emptied when full (custom packs may bring many more).
 */
const PHRASE_CACHE_LIMIT = 20_000;
const phrases = new Map<string, readonly TextToken[]>();

export function tokenizePhrase(phrase: string): readonly TextToken[] {
  const known = phrases.get(phrase);
  if (known) return known;
  if (phrases.size >= PHRASE_CACHE_LIMIT) phrases.clear();
  const tokens = Object.freeze(tokenizeOnce(phrase));
  phrases.set(phrase, tokens);
  return tokens;
}
