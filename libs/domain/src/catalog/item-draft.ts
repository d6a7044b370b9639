// The content of a power item as a department writes it (附件1's tables), and the cross-field rules
// no single field can check. Field-level checks (types, lengths) are the API DTOs'; these hold for
// every way an item enters the catalog (a filed change, an import, the seed).
import { type DiscretionBenchmark, type PenaltyKind, validateBenchmark } from './discretion';
import { familyOf, type ItemFamily, type ItemTypeCode } from './item-code';
import { ITEM_FAMILY_NAMES } from '../labels/catalog';

/** One legal basis; a list of them runs from higher to lower rank (附件1 行使依据). */
export interface LegalBasis {
  /** e.g. 《中华人民共和国行政许可法》 */
  document: string;
  /** e.g. 第十二条 */
  article?: string;
  text?: string;
}

/** 法定机关 / 授权组织 / 受委托组织 */
export type SubjectNature = 'statutory' | 'authorized' | 'entrusted';
export const SUBJECT_NATURES: readonly SubjectNature[] = ['statutory', 'authorized', 'entrusted'];

export interface Material {
  name: string;
  /** 原件/复印件 and how many */
  copies?: string;
  required: boolean;
  note?: string;
}

export interface Fee {
  /** true: 不收费 */
  free: boolean;
  items: { name: string; standard: string; basis: string }[];
}

export interface ServiceForm {
  name: string;
  url: string;
}

export interface ApprovalDetails {
  conditions: string;
  materials: Material[];
  legalPeriodDays: number;
  promisedPeriodDays: number;
  fee: Fee;
  forms: ServiceForm[];
}

export interface PenaltyDetails {
  penaltyKinds: PenaltyKind[];
  discretion: DiscretionBenchmark;
  resultsPublic: boolean;
}

export interface CoercionDetails {
  coercionKind: 'measure' | 'execution';
  measures: string[];
}

export interface RewardDetails {
  /** ISO date */
  effectiveDate: string;
  expiryDate?: string | null;
  promisedPeriodDays: number;
  resultsPublic: boolean;
}

export interface ItemDraft {
  typeCode: ItemTypeCode;
  name: string;
  legalBasis: LegalBasis[];
  subjectNature: SubjectNature;
  entrustingBody?: string | null;
  handlingUnit: string;
  place: string;
  phone: string;
  supervisionPhone: string;
  basicCode?: string | null;
  implementationCode?: string | null;
  handlingItemCode?: string | null;
  approval?: ApprovalDetails | null;
  penalty?: PenaltyDetails | null;
  coercion?: CoercionDetails | null;
  reward?: RewardDetails | null;
}

// A type alias (not an interface) so that it is assignable to ErrorDetail's index signature.
export type DraftProblem = {
  field: string;
  rule: string;
  message: string;
};

const FAMILIES: readonly ItemFamily[] = ['approval', 'penalty', 'coercion', 'reward'];

/** Every cross-field problem of a draft; `prefix` names where the draft sits in a request. */
export function validateItemDraft(draft: ItemDraft, prefix = ''): DraftProblem[] {
  const at = (field: string) => (prefix ? `${prefix}.${field}` : field);
  const problems: DraftProblem[] = [];
  const family = familyOf(draft.typeCode);
  for (const other of FAMILIES) {
    const present = draft[other] !== undefined && draft[other] !== null;
    if (other === family && !present) {
      problems.push({ field: at(other), rule: 'details-missing', message: `${draft.typeCode} 类事项须填写${ITEM_FAMILY_NAMES[other]}信息表` });
    } else if (other !== family && present) {
      problems.push({ field: at(other), rule: 'details-not-for-type', message: `${draft.typeCode} 类事项不应填写${ITEM_FAMILY_NAMES[other]}信息表` });
    }
  }
  if (draft.legalBasis.length === 0) {
    problems.push({ field: at('legalBasis'), rule: 'required', message: '至少列出一项行使依据' });
  }
  const entrusted = draft.subjectNature === 'entrusted';
  const hasBody = typeof draft.entrustingBody === 'string' && draft.entrustingBody.trim() !== '';
  if (entrusted && !hasBody) {
    problems.push({ field: at('entrustingBody'), rule: 'required', message: '受委托组织须写明委托组织的名称和性质' });
  } else if (!entrusted && hasBody) {
    problems.push({ field: at('entrustingBody'), rule: 'not-entrusted', message: '只有受委托组织填写委托组织' });
  }
  const approval = draft.approval;
  if (family === 'approval' && approval) {
    if (approval.promisedPeriodDays > approval.legalPeriodDays) {
      problems.push({ field: at('approval.promisedPeriodDays'), rule: 'promised-above-legal', message: '承诺期限不得超过法定期限' });
    }
    if (approval.fee.free && approval.fee.items.length > 0) {
      problems.push({ field: at('approval.fee.items'), rule: 'free-with-fees', message: '不收费的事项不应列出收费项目' });
    } else if (!approval.fee.free && approval.fee.items.length === 0) {
      problems.push({ field: at('approval.fee.items'), rule: 'required', message: '收费事项须写明收费项目、标准及依据' });
    }
  }
  const penalty = draft.penalty;
  if (family === 'penalty' && penalty) {
    penalty.discretion.rules.forEach((rule, index) => {
      const fine = rule.fine as Record<string, unknown> | undefined;
      if (!fine) return;
      const needed = fine.kind === 'fixed' ? ['min', 'max'] : ['basis', 'minTimes', 'maxTimes'];
      for (const key of needed) {
        if (fine[key] === undefined || fine[key] === null) {
          problems.push({ field: at(`penalty.discretion.rules.${index}.fine.${key}`), rule: 'required', message: '罚款幅度不完整' });
        }
      }
    });
    for (const problem of validateBenchmark(penalty.discretion, penalty.penaltyKinds)) {
      problems.push({
        field: at(problem.ruleId ? `penalty.discretion.rules[${problem.ruleId}]` : 'penalty.discretion'),
        rule: problem.rule,
        message: problem.message,
      });
    }
  }
  const reward = draft.reward;
  if (family === 'reward' && reward?.expiryDate && reward.expiryDate < reward.effectiveDate) {
    problems.push({ field: at('reward.expiryDate'), rule: 'before-effective', message: '失效时间不得早于生效时间' });
  }
  return problems;
}

/** The text the catalog's search indexes for an item: its name and its legal basis. */
export function searchableTextOf(draft: Pick<ItemDraft, 'name' | 'legalBasis'>): string {
  return [draft.name, ...draft.legalBasis.flatMap((b) => [b.document, b.article ?? '', b.text ?? ''])].join(' ');
}
