/**
 * The `custom_id` of drillbot's buttons and modals: `<button id>` or `<button id>:<value>`
 * (`drill-answer:42`, `practice-answer:cloud-security/iam-keys`). Discord echoes it back on the
 * click and on the modal's submission (the submission also names the channel), so what a form
 * is about travels in it and the adapter keeps no state between the two.
 * https://discord.com/developers/docs/components/reference#anatomy-of-a-component-custom-id
 */

/** Discord's limit for a component's or a modal's `custom_id`. */
export const MAX_CUSTOM_ID = 100;

/** The buttons whose forms the core knows (src/core/cards.ts, src/core/practice-flow.ts). */
export const FORM_ACTIONS = ['drill-answer', 'practice-answer'] as const;
export type FormAction = (typeof FORM_ACTIONS)[number];

export const isFormAction = (id: string): id is FormAction =>
  (FORM_ACTIONS as readonly string[]).includes(id);

/**
 * The `custom_id` for a button, or undefined when Discord would refuse it: an empty id, an id
 * with the `:` that separates the value, or more than 100 characters in all.
 */
export function buttonCustomId(id: string, value?: string): string | undefined {
  if (id === '' || id.includes(':')) return undefined;
  const customId = value === undefined ? id : `${id}:${value}`;
  return customId.length <= MAX_CUSTOM_ID ? customId : undefined;
}

/** Reads a `custom_id` back: the button id before the first `:`, the value after it. */
export function parseCustomId(customId: string): { id: string; value?: string } {
  const colon = customId.indexOf(':');
  if (colon < 0) return { id: customId };
  return { id: customId.slice(0, colon), value: customId.slice(colon + 1) };
}
