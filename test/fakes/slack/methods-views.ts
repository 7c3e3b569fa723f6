/**
 * `views.open`: the answer modal a button opens. The fake checks what Slack checks that
 * matters here (a trigger id and a modal view) and hands back the view with an id, so an
 * adapter's button-to-modal flow runs end to end; the submission is delivered by the test.
 */
import { failure, type MethodContext, type MethodDefinition } from './method-types.ts';
import { isRecord } from './request-body.ts';

let views = 0;

function openView(context: MethodContext) {
  const trigger = context.args.trigger_id;
  if (typeof trigger !== 'string' || trigger === '') return failure('invalid_trigger_id');
  const view = context.args.view;
  if (!isRecord(view) || view.type !== 'modal') return failure('invalid_arguments');
  views += 1;
  return { ok: true as const, view: { ...view, id: `V0FAKE${String(views).padStart(4, '0')}` } };
}

export const viewMethods: Record<string, MethodDefinition> = {
  'views.open': { handler: openView, tokens: ['bot'] },
};
