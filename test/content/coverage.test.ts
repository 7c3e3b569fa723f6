import { describe, expect, it } from 'vitest';
import {
  analyseText,
  compilePhrase,
  compileRubric,
  coverage,
  phraseMatches,
  type RubricSource,
} from '../../src/core/coverage.ts';
import { isTypoOf } from '../../src/core/typo-tolerance.ts';

function expectMatches(phrase: string, yes: string[], no: string[] = []): void {
  for (const text of yes)
    expect(phraseMatches(text, phrase), `"${phrase}" in "${text}"`).toBe(true);
  for (const text of no)
    expect(phraseMatches(text, phrase), `"${phrase}" in "${text}"`).toBe(false);
}

describe('phraseMatches: spelling variants', () => {
  it('meets British and American spellings and inflections through stems', () => {
    expectMatches('memorization', [
      'the model memorisation of records',
      'memorization',
      'it memorizes rare records',
      'a model that memorises',
      'memorising the training set',
      'memorized secrets',
    ]);
    expectMatches('sanitize input', [
      'we sanitise all input',
      'input sanitisation',
      'sanitizing inputs',
    ]);
    expectMatches('analyze logs', ['analyse the logs', 'log analysis is... analysed logs']);
    expectMatches('behavioral analytics', ['behavioural analytics', 'analytics on user behaviour']);
    expectMatches('defense in depth', ['defence in depth', 'depth of defences']);
    expectMatches('centre', ['security operations center']);
    expectMatches('licence', ['an open-source license', 'licenses']);
  });

  it('normalises case, width and diacritics', () => {
    expectMatches('naive bayes', ['a Naïve BAYES classifier']);
    expectMatches('xss', ['ＸＳＳ in the comment field']);
    expectMatches('don’t trust', ["don't trust the model output"]);
  });
});

describe('phraseMatches: typos', () => {
  it('tolerates one edit or a swapped pair from five letters, two edits from nine', () => {
    expectMatches('security', ['secruity', 'securty', 'securitty']);
    expectMatches('encryption', ['encyrption at rest', 'encrpytion']);
    expectMatches('privilege', ['least priviledge']);
    expectMatches('authentication', ['authentcation', 'autentcation']);
    expectMatches('tokens', ['tokns']);
    expectMatches('attack', ['attsck', 'atack', 'attakc']);
    expectMatches('separate', ['seperate']);
  });

  it('counts neighbouring-key slips in short words, any slip in long ones', () => {
    expect(isTypoOf('attack', 'attsck')).toBe(true); // a and s are neighbours
    expect(isTypoOf('attack', 'attqck')).toBe(true); // a sits below q
    expect(isTypoOf('attack', 'attlck')).toBe(false);
    expect(isTypoOf('separate', 'seperate')).toBe(true); // 8 letters: any substitution
    expect(isTypoOf('xss', 'xsa')).toBe(false); // under 5 letters: exact only
    expect(isTypoOf('authentication', 'autentcation')).toBe(true); // 2 edits from 9 letters
  });

  it('does not stretch typo tolerance to unrelated words', () => {
    expectMatches('security', [], ['serenity', 'secret']);
    expectMatches('hashing', [], ['bashing', 'washing']);
    expectMatches('encryption', [], ['description', 'exception']);
    expectMatches('privilege', [], ['private village']);
    expectMatches('STRIDE', [], ['a deflected strike']);
    expectMatches('token', [], ['taken']);
    expectMatches('roles', [], ['the rules of the game']);
    expectMatches('spoofing', [], ['a spoon of honey']);
  });

  it('matches short tokens and identifiers with digits exactly only', () => {
    expectMatches('xss', ['stored XSS', 'XSS.'], ['xsss', 'css', 'xs']);
    expectMatches('iam', ['IAM policy'], ['ian', 'i am', 'siam']);
    expectMatches('dp', ['DP-SGD'], ['do', 'dpp']);
    expectMatches('rag', ['RAG pipeline', 'rags'], ['rat', 'drag']);
    expectMatches('IMDSv2', ['enforce imdsv2'], ['imdsv1', 'imds v2']);
    expectMatches('T1078', ['ATT&CK t1078 valid accounts'], ['T1079', 'T107']);
  });
});

describe('phraseMatches: word order, window and stop-words', () => {
  it('matches the words in any order when they are close', () => {
    expectMatches('rotate keys', ['keys are rotated monthly', 'key rotation']);
    expectMatches('ACLs', ['the bucket ACL'], []);
    expectMatches('IDS', ['an IDS alert'], ['an id', 'idp']);
    expectMatches('least privilege', ['the privileges granted should be the least needed']);
  });

  it('does not match words scattered far apart', () => {
    const far =
      'the model was trained on public web pages collected over several years by a crawler that ' +
      'respected robots files and later the team discussed extraction of features';
    expectMatches('model extraction', [], [far]);
    expectMatches('data poisoning', [], ['the data pipeline is fast', 'food poisoning']);
  });

  it('ignores stop-words in phrases and answers', () => {
    expectMatches('separation of duties', ['duties separation', 'separation between the duties']);
    expectMatches('the principle of least privilege', ['least privilege principle']);
    expect(compilePhrase('the principle of least privilege').words.map((w) => w.word.raw)).toEqual([
      'principle',
      'least',
      'privilege',
    ]);
  });

  it('keeps negations and limiters, which mistake markers rely on', () => {
    expectMatches('just sanitize the input', ['we just sanitise input'], ['sanitize the input']);
  });

  it('needs a repeated word as often as the phrase has it', () => {
    expectMatches('end to end', ['end-to-end encryption', 'end to end'], ['the end of it']);
  });

  it('splits compounds so hyphenated and spaced forms meet', () => {
    expectMatches('role-based access', ['role based access control', 'access that is role-based']);
    expectMatches('ML-KEM', ['ML-KEM key exchange', 'ml kem'], ['kem']);
    expectMatches('mlkem', ['ML-KEM'], []);
    expectMatches('mix-up', ['an IdP mix-up attack', 'mix up'], ['mix the flour']);
  });

  it('never matches a phrase with no words', () => {
    expect(phraseMatches('anything -- at all', '--')).toBe(false);
  });
});

const question: RubricSource = {
  framework: {
    points: [
      { id: 'least-privilege', rubric: ['least privilege', 'minimal permissions'] },
      { id: 'short-lived', rubric: ['short-lived credentials', 'oidc federation', 'sts'] },
      { id: 'audit', rubric: ['audit log', 'cloudtrail'] },
    ],
  },
  mistake: { markers: ['admin key', 'full access'] },
};

describe('coverage', () => {
  it('reports covered and missed key points in framework order, with evidence', () => {
    const result = coverage(
      'I would federate with OIDC so jobs get short lived credentials, and keep permissions minimal.',
      question,
    );
    expect(result.covered).toEqual(['least-privilege', 'short-lived']);
    expect(result.missed).toEqual(['audit']);
    expect(result.ratio).toBeCloseTo(2 / 3);
    expect(result.evidence).toEqual({
      'least-privilege': 'minimal permissions',
      'short-lived': 'short-lived credentials',
    });
    expect(result.mistakeMarkers).toEqual([]);
  });

  it('reports mistake markers the answer falls into', () => {
    const result = coverage('Give the pipeline an admin key with full access.', question);
    expect(result.covered).toEqual([]);
    expect(result.mistakeMarkers).toEqual(['admin key', 'full access']);
  });

  it('covers nothing for an empty answer', () => {
    expect(coverage('', question)).toEqual({
      covered: [],
      missed: ['least-privilege', 'short-lived', 'audit'],
      ratio: 0,
      mistakeMarkers: [],
      evidence: {},
    });
  });

  it('compiles a rubric once per question object', () => {
    expect(compileRubric(question)).toBe(compileRubric(question));
  });

  it('scores a 40k-character answer quickly when analysed once', () => {
    const paragraph =
      'We rotate credentials, review the audit log weekly, and keep deployment roles narrow. ' +
      'Incidents are triaged by the on-call engineer who documents timelines and lessons. ';
    const answer = paragraph.repeat(Math.ceil(40_000 / paragraph.length));
    const started = performance.now();
    const analysed = analyseText(answer);
    for (let i = 0; i < 50; i += 1) coverage(analysed, { ...question });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(coverage(analysed, question).covered).toEqual(['audit']);
  });
});
