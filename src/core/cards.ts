/**
 * The drill's messages, built from the neutral model in ./messages.ts: the question card,
 * the reminder, and the reveal. Pure: everything they show is passed in.
 */
import type { Question } from '../content/schema.ts';
import {
  type Block,
  context,
  heading,
  type Message,
  paragraph,
  type Span,
  text,
} from './messages.ts';

export interface QuestionCardInput {
  packTitle: string;
  question: Question;
  closesAt: Date;
  zone: string;
  mode: 'thread' | 'blind';
  /** The channel's configured ping target, mentioned once at the top when set. */
  ping?: string | null;
  drillId: number;
}

const DIFFICULTY = { 1: 'warm-up', 2: 'solid', 3: 'hard' } as const;

export function questionCard(input: QuestionCardInput): Message {
  const { question } = input;
  const blocks: Block[] = [];
  if (input.ping) blocks.push(paragraph({ ping: input.ping }, text(' today’s drill is up.')));
  blocks.push(heading(`Daily drill · ${input.packTitle}`));
  blocks.push(paragraph(text(question.question, 'bold')));
  blocks.push(
    context(
      text(
        `Difficulty: ${DIFFICULTY[question.difficulty]} · tags: ${question.tags.join(', ')} · closes `,
      ),
      { time: input.closesAt, zone: input.zone },
    ),
  );
  blocks.push(
    context(
      text(
        input.mode === 'thread'
          ? 'Answer in this thread: all your replies before the close count as one answer, and you can edit them.'
          : 'Blind mode: answer privately with /drill answer <your answer>; all answers are shown together at the reveal.',
      ),
    ),
  );
  if (input.mode === 'blind') {
    blocks.push({
      type: 'actions',
      buttons: [{ id: 'drill-answer', label: 'Answer privately', value: String(input.drillId) }],
    });
  }
  return { kind: 'question', blocks };
}

export function reminderCard(closesAt: Date, zone: string, answered: number): Message {
  return {
    kind: 'reminder',
    blocks: [
      paragraph(
        text('Reminder: this drill closes '),
        { time: closesAt, zone },
        text(answered === 1 ? ' — 1 answer so far.' : ` — ${answered} answers so far.`),
      ),
    ],
  };
}

export interface RevealedAnswer {
  memberId: string;
  name: string;
  /** The frozen (scored) text; empty when nothing arrived on time. */
  text: string;
  covered: readonly string[];
  ratio: number;
  fellIntoMistake: boolean;
  /** Points from this drill; null for members who opted out. */
  points: number | null;
  votes: number;
  /** Why an answer earned participation only ("bare-term-list", "copy", ...). */
  flags: readonly string[];
  lateReplies: number;
}

export interface RevealCardInput {
  question: Question;
  answers: RevealedAnswer[];
  mode: 'thread' | 'blind';
}

function names(list: RevealedAnswer[]): Span[] {
  const spans: Span[] = [];
  list.forEach((answer, index) => {
    if (index > 0) spans.push(text(', '));
    spans.push({ member: answer.memberId, name: answer.name });
  });
  return spans;
}

const FLAG_WORDS: Record<string, string> = {
  'bare-term-list': 'a list of terms',
  'repeats-question': 'repeats the question',
  copy: 'copies an earlier answer',
};

/** Best answers: most key points covered, then most votes; flagged answers are not shown. */
function bestAnswers(answers: RevealedAnswer[]): RevealedAnswer[] {
  return answers
    .filter((answer) => answer.flags.length === 0 && answer.ratio > 0)
    .sort((a, b) => b.ratio - a.ratio || b.votes - a.votes || a.name.localeCompare(b.name))
    .slice(0, 3);
}

export function revealCard(input: RevealCardInput): Message {
  const { question, answers } = input;
  const total = question.framework.points.length;
  const onTime = answers.filter((answer) => answer.text.trim() !== '');
  const blocks: Block[] = [
    heading('Reveal: what a strong answer covers'),
    paragraph(text(question.framework.lead)),
  ];
  blocks.push({
    type: 'bullets',
    items: question.framework.points.map((point) => {
      const count = onTime.filter((answer) => answer.covered.includes(point.id)).length;
      return [
        text(point.label, 'bold'),
        text(` — ${point.detail} `),
        text(`(${count}/${onTime.length} answers)`, 'italic'),
      ];
    }),
  });
  const uncovered = question.framework.points.filter(
    (point) => onTime.length > 0 && !onTime.some((answer) => answer.covered.includes(point.id)),
  );
  if (uncovered.length > 0) {
    blocks.push(
      paragraph(
        text('Nobody covered: ', 'bold'),
        text(uncovered.map((point) => point.label).join('; ')),
      ),
    );
  }
  const fell = onTime.filter((answer) => answer.fellIntoMistake).length;
  blocks.push(
    paragraph(
      text('Common mistake: ', 'bold'),
      text(question.mistake.text),
      ...(question.mistake.markers.length > 0
        ? [text(` (${fell} of ${onTime.length} answers fell into it)`, 'italic')]
        : []),
    ),
  );
  if (input.mode === 'blind') {
    for (const answer of onTime) {
      blocks.push(context({ member: answer.memberId, name: answer.name }, text(' answered:')));
      blocks.push({ type: 'quote', spans: [text(answer.text)] });
    }
  }
  if (onTime.length === 0) {
    blocks.push(context(text('No answers this time.')));
  } else {
    const best = bestAnswers(onTime);
    if (best.length > 0) {
      const spans: Span[] = [text('Best answers: ', 'bold')];
      best.forEach((answer, index) => {
        if (index > 0) spans.push(text(', '));
        const votes =
          answer.votes > 0 ? `, ${answer.votes} vote${answer.votes === 1 ? '' : 's'}` : '';
        spans.push(
          { member: answer.memberId, name: answer.name },
          text(` (${answer.covered.length}/${total} key points${votes})`),
        );
      });
      blocks.push(paragraph(...spans));
    }
    const ranked = [...onTime].sort(
      (a, b) => (b.points ?? -1) - (a.points ?? -1) || a.name.localeCompare(b.name),
    );
    const spans: Span[] = [text(`Answered (${onTime.length}): `)];
    ranked.forEach((answer, index) => {
      if (index > 0) spans.push(text(' · '));
      spans.push({ member: answer.memberId, name: answer.name });
      if (answer.points !== null)
        spans.push(text(` ${answer.points} pt${answer.points === 1 ? '' : 's'}`));
      const why = answer.flags.map((flag) => FLAG_WORDS[flag]).filter(Boolean);
      if (why.length > 0) spans.push(text(` (${why.join(', ')}: taking part only)`));
    });
    blocks.push(context(...spans));
  }
  const late = answers.filter((answer) => answer.lateReplies > 0);
  if (late.length > 0) blocks.push(context(text('Late, kept but not scored: '), ...names(late)));
  if (question.references.length > 0) {
    blocks.push(
      context(text(`References: ${question.references.map((ref) => ref.id).join('; ')}`)),
    );
  }
  return { kind: 'reveal', blocks };
}

/** What a member's own answer missed, sent privately after the reveal. */
export function missedPointsCard(
  question: Question,
  covered: readonly string[],
  points: number | null,
): Message {
  const missed = question.framework.points.filter((point) => !covered.includes(point.id));
  const earned = points === null ? '' : ` You earned ${points} point${points === 1 ? '' : 's'}.`;
  const blocks: Block[] = [
    paragraph(
      text(
        `Your answer covered ${covered.length} of ${question.framework.points.length} key points.${earned}`,
      ),
    ),
  ];
  if (missed.length > 0) {
    blocks.push(paragraph(text('Worth adding next time:', 'bold')));
    // Labels only: the reveal in the thread carries the details.
    blocks.push({ type: 'bullets', items: missed.map((point) => [text(point.label)]) });
  }
  return { kind: 'notice', blocks };
}
