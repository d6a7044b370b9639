// A reply's required facts by its type (2019 Art. 36), checked before the machine records it.
import { REPLY_TYPE_TEXT } from '../labels/disclosure';
import { DisclosureRefusal, type DisclosureReply } from './request-model';
import { DISCLOSURE_REPLY_TYPES, NOT_HELD_REASONS, REFUSAL_REASONS } from './request-vocabulary';

/** Each reply type's required facts (Art. 36); throws DISCLOSURE_REPLY_INCOMPLETE listing every missing one. */
export function validateReply(reply: DisclosureReply): void {
  if (!reply || !(DISCLOSURE_REPLY_TYPES as readonly string[]).includes(reply.type)) {
    throw new DisclosureRefusal('VALIDATION_FAILED', '请求参数有误', [{ field: 'reply.type', rule: 'isIn' }]);
  }
  const missing: { field: string; rule: string }[] = [];
  const need = (field: keyof DisclosureReply) => {
    const value = reply[field];
    if (typeof value !== 'string' || value.trim() === '') missing.push({ field: `reply.${field}`, rule: 'required' });
  };
  const reason = (field: 'refusalReason' | 'notHeldReason', allowed: readonly string[], required: boolean) => {
    const value = reply[field];
    if (value === undefined ? required : !allowed.includes(value)) missing.push({ field: `reply.${field}`, rule: value === undefined ? 'required' : 'isIn' });
  };
  switch (reply.type) {
    case 'published':
      need('location');
      break;
    case 'granted':
      need('content');
      break;
    case 'partial':
      need('content');
      reason('refusalReason', REFUSAL_REASONS, true);
      break;
    case 'refused':
      reason('refusalReason', REFUSAL_REASONS, true);
      break;
    case 'not_exist':
      reason('notHeldReason', NOT_HELD_REASONS, false);
      break;
    case 'not_responsible':
      need('responsibleBody');
      break;
    case 'repeated':
      need('earlierNumber');
      break;
    case 'other_law':
      need('register');
      break;
  }
  if (missing.length > 0) {
    throw new DisclosureRefusal(
      'DISCLOSURE_REPLY_INCOMPLETE',
      `「${REPLY_TYPE_TEXT[reply.type]}」答复须写明：${missing.map((m) => m.field.replace('reply.', '')).join('、')}`,
      missing,
    );
  }
}
