/**
 * Splits printable-ASCII text into words without making a string per word. Pure apart from
 * its bounded memory of words seen.
 *
 * Scoring reads every answer of a drill word by word, and most words of an answer were seen
 * before (in the rubric, in other answers): hashing a word's characters where they stand and
 * finding its token in a table skips the lower-cased copy of the text, the regular
 * expressions, a substring and a map lookup per word. The words are those text-tokens.ts
 * defines for printable ASCII (see `tokenizeOnce`): runs of letters and digits, lower-cased;
 * an apostrophe between two letters is dropped ("don't" -> "dont"); runs joined by "-", "_",
 * ".", "/" make one compound. Plain words are looked up here; compounds and words with an
 * apostrophe (rare) are handed back as their normalised text for text-tokens.ts to split.
 */

/** Plain words remembered before the table is emptied (a flood of junk stays bounded). */
const TABLE_LIMIT = 50_000;
/**
 * Slots to start with: a power of two. The table doubles when half full, so it stays as
 * small as the words it holds (a small table stays in the processor's cache).
 */
const FIRST_SIZE = 2 ** 12;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

function isAlphanumeric(code: number): boolean {
  return isLetter(code) || isDigit(code);
}

/** "-", ".", "/", "_". */
function isConnector(code: number): boolean {
  return code === 45 || code === 46 || code === 47 || code === 95;
}

const APOSTROPHE = 39;

function lowerCase(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

/**
 * Plain lower-cased words and what each stands for, found by the characters of a word where
 * it stands in a text (case-insensitively).
 */
export class AsciiWordTable<T extends object> {
  private hashes = new Int32Array(FIRST_SIZE);
  /** The word in each slot; an empty slot has no entry. */
  private words: string[] = new Array<string>(FIRST_SIZE).fill('');
  private entries: Array<T | undefined> = new Array<T | undefined>(FIRST_SIZE).fill(undefined);
  private count = 0;
  private readonly make: (raw: string) => T;

  /** `make`: what a lower-cased word not in the table yet stands for. */
  constructor(make: (raw: string) => T) {
    this.make = make;
  }

  /** The entry for the word `text[start, end)` (letters and digits only), `hash` its hash. */
  entryFor(text: string, start: number, end: number, hash: number): T {
    const length = end - start;
    const mask = this.entries.length - 1;
    let slot = hash & mask;
    for (;;) {
      const entry = this.entries[slot];
      if (entry === undefined) break;
      if (this.hashes[slot] === hash && sameWord(this.words[slot] ?? '', text, start, length)) {
        return entry;
      }
      slot = (slot + 1) & mask;
    }
    const raw = text.slice(start, end).toLowerCase();
    const made = this.make(raw);
    if (this.count >= TABLE_LIMIT) this.resize(FIRST_SIZE, false);
    else if (2 * (this.count + 1) > this.entries.length) this.resize(2 * this.entries.length, true);
    this.insert(raw, made, hash);
    return made;
  }

  /** Forgets every word (what they stand for changed). */
  clear(): void {
    this.resize(FIRST_SIZE, false);
  }

  private insert(raw: string, entry: T, hash: number): void {
    const mask = this.entries.length - 1;
    let slot = hash & mask;
    while (this.entries[slot] !== undefined) slot = (slot + 1) & mask;
    this.words[slot] = raw;
    this.entries[slot] = entry;
    this.hashes[slot] = hash;
    this.count += 1;
  }

  private resize(size: number, keep: boolean): void {
    const [words, entries, hashes] = [this.words, this.entries, this.hashes];
    this.words = new Array<string>(size).fill('');
    this.entries = new Array<T | undefined>(size).fill(undefined);
    this.hashes = new Int32Array(size);
    this.count = 0;
    if (!keep) return;
    entries.forEach((entry, slot) => {
      if (entry !== undefined) this.insert(words[slot] ?? '', entry, hashes[slot] ?? 0);
    });
  }
}

function sameWord(raw: string, text: string, start: number, length: number): boolean {
  if (raw.length !== length) return false;
  for (let index = 0; index < length; index += 1) {
    if (raw.charCodeAt(index) !== lowerCase(text.charCodeAt(start + index))) return false;
  }
  return true;
}

/**
 * Walks the words of a printable-ASCII text: a plain word's entry comes from the table, a
 * compound or apostrophe word comes as its normalised text. A cursor rather than callbacks,
 * so the caller's loop stays one piece of code the compiler can optimise as a whole.
 */
export class AsciiWords<T extends object> {
  private text = '';
  private index = 0;
  private readonly table: AsciiWordTable<T>;

  constructor(table: AsciiWordTable<T>) {
    this.table = table;
  }

  /** Starts on `text` (printable ASCII only). */
  start(text: string): void {
    this.text = text;
    this.index = 0;
  }

  /** The next plain word's entry, another word's normalised text, or undefined at the end. */
  next(): T | string | undefined {
    const text = this.text;
    const length = text.length;
    let index = this.index;
    while (index < length && !isAlphanumeric(text.charCodeAt(index))) index += 1;
    if (index >= length) {
      this.index = index;
      return undefined;
    }
    const start = index;
    // FNV-1a over the lower-cased characters.
    let hash = 0x811c9dc5 | 0;
    let isPlain = true;
    while (index < length) {
      const code = text.charCodeAt(index);
      if (isAlphanumeric(code)) {
        hash = Math.imul(hash ^ lowerCase(code), 0x01000193);
        index += 1;
        continue;
      }
      const next = text.charCodeAt(index + 1);
      const joins =
        (code === APOSTROPHE && isLetter(text.charCodeAt(index - 1)) && isLetter(next)) ||
        (isConnector(code) && isAlphanumeric(next));
      if (!joins) break;
      isPlain = false;
      index += 1;
    }
    this.index = index;
    if (isPlain) return this.table.entryFor(text, start, index, hash);
    return dropApostrophes(text.slice(start, index).toLowerCase());
  }
}

/** Inside a word every apostrophe sits between two letters (see `AsciiWords.next`). */
function dropApostrophes(word: string): string {
  return word.includes("'") ? word.replaceAll("'", '') : word;
}
