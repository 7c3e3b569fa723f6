/**
 * A whole drill on aisec-rag-review scored at once, as the reveal does. The expected key
 * points were checked by hand against the pack's rubric.
 */
import { describe } from 'vitest';
import { answer, itScoresDrill, questionById } from './scoring-support.ts';

const question = questionById('aisec-rag-review');

const strong = `I'd start with what went into the index: which SharePoint sites, wikis and mailboxes
were pulled in, and whether HR files, credentials or customer data ended up in there. The big one is
whether retrieval respects who is asking. If the search step ignores the source ACLs, any employee
can ask the bot about a folder they could never open. Then anything a person outside security can
edit becomes an attack path: a wiki page with hidden text telling the model to exfiltrate data is
indirect prompt injection, and it fires whenever that chunk is retrieved. The vector database itself
needs auth, encryption at rest and per-team separation, since embeddings leak more text than people
expect. Finally I'd check the answers cite the chunks they used and that those citations are real.`;

/** The strong answer lightly edited: sentences merged, some words swapped. */
const lightlyEditedCopy = `Start with what went into the index: which SharePoint sites, wikis and
mailboxes got pulled in, and whether HR files, credentials or customer data ended up there. The big
one is whether retrieval respects who's asking; if the search step ignores the source ACLs, any
employee can ask the bot about a folder they could never open. Then anything a person outside
security can edit is an attack path: a wiki page with hidden text telling the model to exfiltrate
data is indirect prompt injection, and it fires whenever that chunk gets retrieved. The vector
database needs auth, encryption at rest and per-team separation, as embeddings leak more text than
people think.`;

const partial = `Main thing is making sure the assistant only returns documents the user is
actually allowed to see, so permission filtering at query time.`;

const mistake = `I'd spend a day trying to jailbreak the chatbot: role-play prompts, "ignore previous
instructions", asking it for its system prompt. If it holds up against all of that, it's fine.`;

const offTopic = `Do we even need a RAG assistant? Most people just search Confluence, and the
licence costs for the model are going to be huge. I'd push back on the project first.`;

const bareTermList = 'corpus, ACLs, indirect injection, vector store, embeddings, citations';

const questionPastedBack = `You're asked to security-review a retrieval-augmented generation (RAG)
assistant built over the company's documents. What do you look at?`;

const bulletPoints = `* Sources: inventory every repository that feeds the index and look for restricted
  documents or secrets that nobody should be able to search
* Access: retrieval has to filter by the asking user's permissions, carried over from the document ACLs
* Poisoned pages: anyone who can edit a page can plant instructions the model will follow
* The vector DB: who can query it, is it encrypted at rest, are tenants kept apart
* Answers: each claim should cite its sources, and the citations must point at passages that say it`;

describe('a drill on aisec-rag-review (5 key points)', () => {
  itScoresDrill(
    question,
    [
      {
        kind: 'strong, in other words: 4 of 5 key points is the full 3',
        answer: answer('aiko', 3, strong),
        expected: {
          covered: ['permission-aware', 'indirect-injection', 'vector-store', 'attribution'],
          points: [1, 3, 1],
          total: 5,
          flags: [],
        },
      },
      {
        kind: 'partial: 1 of 5 key points still earns the first coverage point',
        answer: answer('bruno', 8, partial),
        expected: { covered: ['permission-aware'], points: [1, 1, 0], total: 2, flags: [] },
      },
      {
        kind: 'the common mistake: jailbreak prompts only',
        answer: answer('cem', 14, mistake),
        expected: {
          covered: [],
          points: [1, 0, 0],
          total: 1,
          flags: [],
          mistakeMarkers: ['jailbreak the chatbot'],
        },
      },
      {
        kind: 'off-topic',
        answer: answer('dana', 17, offTopic),
        expected: { covered: [], points: [1, 0, 0], total: 1, flags: [] },
      },
      {
        kind: 'bare term list: three upvotes do not help',
        answer: answer('elif', 25, bareTermList),
        expected: {
          covered: ['permission-aware', 'indirect-injection', 'attribution'],
          points: [1, 0, 0],
          total: 1,
          flags: ['bare-term-list'],
        },
      },
      {
        kind: "light edit of aiko's answer, last sentence dropped: a copy",
        answer: answer('femi', 29, lightlyEditedCopy),
        expected: {
          covered: ['permission-aware', 'indirect-injection', 'vector-store'],
          points: [1, 0, 0],
          total: 1,
          flags: ['copy'],
          copiedFrom: 'aiko',
        },
      },
      {
        kind: 'the question pasted back',
        answer: answer('goran', 36, questionPastedBack),
        expected: { covered: [], points: [1, 0, 0], total: 1, flags: ['repeats-question'] },
      },
      {
        kind: 'strong bullet points with short explanations: all 5 key points, not flagged',
        answer: answer('hugo', 52, bulletPoints),
        expected: {
          covered: [
            'ingestion',
            'permission-aware',
            'indirect-injection',
            'vector-store',
            'attribution',
          ],
          points: [1, 3, 1],
          total: 5,
          flags: [],
        },
      },
    ],
    new Map([
      ['aiko', 4],
      ['elif', 3],
      ['hugo', 2],
    ]),
  );
});
