/**
 * Private practice: `/drill practice [pack or tag]` asks a question privately (the one FSRS
 * says is most due), and the answer (form, `/drill practice answer`, or the terminal's next
 * line) is scored, shown against the framework, and scheduled. Practice never touches the
 * channel's points or boards.
 */
import {
  getPending,
  practiceCards,
  saveReview,
  setPending,
  takePending,
} from '../../db/queries/practice.ts';
import { getSnapshot } from '../../db/queries/snapshots.ts';
import { type Question, questionSchema } from '../content/schema.ts';
import type { EngineContext } from './context.ts';
import { coverage } from './coverage.ts';
import {
  type Block,
  heading,
  type Message,
  notice,
  paragraph,
  context as small,
  text,
} from './messages.ts';
import { choosePracticeQuestion, reviewCard } from './practice.ts';
import type { RotationQuestion } from './rotation.ts';
import { seedFromText } from './seeded.ts';

/** The button (and terminal convention) that answers the pending practice question. */
export const PRACTICE_ANSWER_ACTION = 'practice-answer';

const DAY_MS = 86_400_000;

function pool(context: EngineContext): RotationQuestion[] {
  return context.catalog().packs.flatMap((pack) =>
    pack.questions.map((question) => ({
      packId: pack.id,
      questionId: question.id,
      tags: question.tags,
      difficulty: question.difficulty,
    })),
  );
}

/** `/drill practice [pack or tag]`: a pack id filters by pack, anything else by tag. */
export async function askPractice(
  context: EngineContext,
  member: string,
  filter: string | undefined,
): Promise<Message> {
  const catalog = context.catalog();
  const isPack = filter !== undefined && catalog.packs.some((pack) => pack.id === filter);
  const picked = choosePracticeQuestion({
    pool: pool(context),
    cards: await practiceCards(context.db, member),
    now: context.clock.now(),
    seed: seedFromText(member),
    ...(filter === undefined ? {} : { filter: isPack ? { pack: filter } : { tag: filter } }),
  });
  if (!picked) {
    return notice(
      'error',
      text(
        `No practice question matches "${filter}": use a pack (${catalog.packs.map((pack) => pack.id).join(', ')}) or a tag such as prompt-injection.`,
      ),
    );
  }
  const question = catalog.question(picked.packId, picked.questionId);
  if (!question)
    return notice('error', text('That question is no longer loaded; try /drill practice again.'));
  await setPending(context.db, member, {
    packId: picked.packId,
    questionId: picked.questionId,
    snapshotId: catalog.snapshotId(picked.packId, picked.questionId) ?? null,
    askedAt: context.clock.now(),
  });
  const packTitle = catalog.packs.find((pack) => pack.id === picked.packId)?.title ?? picked.packId;
  return {
    kind: 'practice',
    blocks: [
      heading(`Practice · ${packTitle}`),
      paragraph(text(question.question, 'bold')),
      small(text(`Tags: ${question.tags.join(', ')}. Only you see this; it scores no points.`)),
      small(text('Answer with the button, or with /drill practice answer <your answer>.')),
      {
        type: 'actions',
        buttons: [
          {
            id: PRACTICE_ANSWER_ACTION,
            label: 'Answer',
            value: `${picked.packId}/${picked.questionId}`,
          },
        ],
      },
    ],
  };
}

async function questionFor(
  context: EngineContext,
  pending: { packId: string; questionId: string; snapshotId: number | null },
): Promise<Question | undefined> {
  if (pending.snapshotId !== null) {
    const snapshot = await getSnapshot(context.db, pending.snapshotId);
    if (snapshot) return questionSchema.parse(snapshot.body);
  }
  return context.catalog().question(pending.packId, pending.questionId);
}

/** Scores the answer to the member's pending practice question and schedules it again. */
export async function answerPractice(
  context: EngineContext,
  member: string,
  answer: string,
): Promise<Message> {
  if (answer.trim() === '')
    return notice(
      'error',
      text('An empty answer was not scored: write your answer after /drill practice answer.'),
    );
  const pending = await takePending(context.db, member);
  if (!pending)
    return notice(
      'error',
      text('No practice question is waiting for an answer. Ask for one with /drill practice.'),
    );
  const question = await questionFor(context, pending);
  if (!question)
    return notice(
      'error',
      text('That practice question is no longer available; ask for another with /drill practice.'),
    );
  const now = context.clock.now();
  const found = coverage(answer, question);
  const cards = await practiceCards(context.db, member);
  const card = reviewCard(cards.get(`${pending.packId}/${pending.questionId}`), found.ratio, now);
  await saveReview(context.db, member, pending.packId, pending.questionId, card);
  const days = Math.max(1, Math.round((card.due.getTime() - now.getTime()) / DAY_MS));
  const blocks: Block[] = [
    heading(
      `You covered ${found.covered.length} of ${question.framework.points.length} key points`,
    ),
    paragraph(text(question.framework.lead)),
    {
      type: 'bullets',
      items: question.framework.points.map((point) => [
        text(found.covered.includes(point.id) ? '✓ ' : '✗ '),
        text(point.label, 'bold'),
        text(` — ${point.detail}`),
      ]),
    },
    paragraph(text('Common mistake: ', 'bold'), text(question.mistake.text)),
  ];
  if (found.mistakeMarkers.length > 0)
    blocks.push(paragraph(text('Your answer shows signs of it.', 'italic')));
  blocks.push(
    small(
      text(
        `This question comes back in ${days} day${days === 1 ? '' : 's'}. /drill practice for the next one.`,
      ),
    ),
  );
  context.logger.debug(
    { member, question: pending.questionId, ratio: found.ratio },
    'practice answered',
  );
  return { kind: 'practice', blocks };
}

/** Whether the member has a practice question waiting (the terminal routes its next line). */
export async function hasPendingPractice(context: EngineContext, member: string): Promise<boolean> {
  return (await getPending(context.db, member)) !== undefined;
}
