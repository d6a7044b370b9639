import type { ItemDraft } from '#domain';

let counter = 0;

/** A valid XK (approval family) item draft; each call gets a distinct name. */
export function makeApprovalDraft(overrides: Partial<ItemDraft> = {}): ItemDraft {
  counter += 1;
  return {
    typeCode: 'XK',
    name: `测试许可事项${counter}号${Date.now().toString(36)}`,
    legalBasis: [{ document: '《中华人民共和国行政许可法》', article: '第十二条', text: '下列事项可以设定行政许可。' }],
    subjectNature: 'statutory',
    handlingUnit: '注册登记科',
    place: '龙湾区行政审批服务中心',
    phone: '0577-86969012',
    supervisionPhone: '0577-86966110',
    approval: {
      conditions: '符合法定条件。',
      materials: [{ name: '申请书', copies: '原件1份', required: true }],
      legalPeriodDays: 20,
      promisedPeriodDays: 10,
      fee: { free: true, items: [] },
      forms: [],
    },
    ...overrides,
  };
}
