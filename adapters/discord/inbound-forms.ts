/**
 * The answer forms of drillbot's buttons: the modal a click opens, and the answer read back
 * from its submission (https://discord.com/developers/docs/components/using-modal-components).
 * The modal keeps the button's `custom_id`, so its submission names the form (custom-id.ts).
 */
import type { APIModalInteractionResponseCallbackData } from 'discord-api-types/v10';
import { z } from 'zod';
import { type FormAction, isFormAction, MAX_CUSTOM_ID, parseCustomId } from './custom-id.ts';
import { cleanText, contentText } from './inbound-text.ts';

/** The custom id of the modal's answer input; the core reads `fields.answer`. */
export const ANSWER_INPUT = 'answer';

/** Discord's longest text input value. */
const MAX_ANSWER = 4000;

/** Which form a modal belongs to: the channel it answers in, the button and its value. */
export interface FormTarget {
  channel: string;
  action: FormAction;
  value?: string;
}

/** What the adapter needs to answer a button click with a modal (callback type 9). */
export interface DiscordFormRequest {
  member: string;
  target: FormTarget;
  modal: APIModalInteractionResponseCallbackData;
}

/** A submitted input: in a label (type 18) or, in older modals, an action row (type 1). */
const inputSchema = z.object({
  custom_id: z.string().max(MAX_CUSTOM_ID),
  value: contentText.nullish(),
});
const holderSchema = z.object({
  component: z.unknown().optional(),
  components: z.array(z.unknown()).max(25).optional(),
});

/** The answer modal for a click on `customId`, which the modal keeps as its own. */
export function answerModal(
  customId: string,
  action: FormAction,
): APIModalInteractionResponseCallbackData {
  return {
    custom_id: customId,
    title: action === 'drill-answer' ? 'Your answer to the drill' : 'Your practice answer',
    components: [
      {
        type: 18,
        label: 'Your answer',
        component: {
          type: 4,
          custom_id: ANSWER_INPUT,
          style: 2,
          required: true,
          max_length: MAX_ANSWER,
        },
      },
    ],
  };
}

/** The answer input's value, searched through labels and action rows. */
export function answerIn(components: unknown[]): string | undefined {
  for (const component of components) {
    const input = inputSchema.safeParse(component);
    if (input.success && input.data.custom_id === ANSWER_INPUT)
      return cleanText(input.data.value ?? '');
    const holder = holderSchema.safeParse(component);
    if (!holder.success) continue;
    const nested = [
      ...(holder.data.component === undefined ? [] : [holder.data.component]),
      ...(holder.data.components ?? []),
    ];
    // One level deep is all Discord nests inputs (label -> input, row -> input).
    for (const child of nested) {
      const inner = inputSchema.safeParse(child);
      if (inner.success && inner.data.custom_id === ANSWER_INPUT)
        return cleanText(inner.data.value ?? '');
    }
  }
  return undefined;
}

export function formTarget(customId: string, channel: string): FormTarget | undefined {
  const { id, value } = parseCustomId(customId);
  if (!isFormAction(id)) return undefined;
  return { channel, action: id, ...(value === undefined ? {} : { value: cleanText(value) }) };
}
