/**
 * The answer modal a drill's "Answer privately" button or a practice question's "Answer"
 * button opens (https://docs.slack.dev/surfaces/modals). Its one input has block id and
 * action id `answer` (ANSWER_INPUT), which is where `translateAction` reads the submission;
 * `private_metadata` carries what the form is for, since a view submission names no channel.
 */
import type { ModalView } from '@slack/types';
import { ANSWER_INPUT, type FormRequest } from './inbound.ts';

/** The modal's `callback_id`; submissions are recognised by their metadata, not by this. */
export const ANSWER_CALLBACK = 'drillbot-answer';

/** Slack's limit for one plain_text_input (https://docs.slack.dev/reference/block-kit/block-elements/plain-text-input-element). */
const MAX_ANSWER = 3000;

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

export function answerModal(request: FormRequest): ModalView {
  const practice = request.target.action === 'practice-answer';
  return {
    type: 'modal',
    callback_id: ANSWER_CALLBACK,
    private_metadata: request.privateMetadata,
    // Titles are at most 24 characters.
    title: plain(practice ? 'Practice answer' : 'Your answer'),
    submit: plain('Submit'),
    close: plain('Cancel'),
    blocks: [
      {
        type: 'input',
        block_id: ANSWER_INPUT,
        label: plain(practice ? 'Your answer to the practice question' : 'Your answer'),
        hint: plain(
          practice
            ? 'Only you see how it scored.'
            : 'Nobody sees it before the reveal; sending again adds to it.',
        ),
        element: {
          type: 'plain_text_input',
          action_id: ANSWER_INPUT,
          multiline: true,
          max_length: MAX_ANSWER,
        },
      },
    ],
  };
}
