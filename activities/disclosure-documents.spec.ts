import { CALENDAR_YEARS, DISCLOSURE_PERIODS_2019, type DisclosureActor, type DisclosureReply, DisclosureRequestMachine } from '#domain';
import { addresseeOf, APPEAL_RIGHTS, disclosureDocumentBody } from './disclosure-documents';

const OFFICER: DisclosureActor = { userId: 'o', name: '孙丽', role: 'disclosure_officer', orgId: 'zf', regionPath: '/r/' };
const at = (date: string) => Date.parse(`${date}T09:00:00+08:00`);

function machine() {
  return DisclosureRequestMachine.start({
    requestId: 'r',
    number: '龙政公开〔2026〕第0007号',
    agency: { orgId: 'zf', orgPath: '/r/zf/', name: '龙湾区人民政府办公室' },
    applicant: { kind: 'person', name: '张三', idNumber: '330303199003071238', organizationType: null, userId: 'u', contact: {} },
    description: '2025年龙湾区财政专项资金分配明细',
    purpose: null,
    delivery: 'email',
    channel: 'in_person',
    submittedAt: at('2026-03-02'),
    receivedOn: '2026-03-02',
    registeredBy: { userId: 'o', name: '孙丽' },
    calendar: [...CALENDAR_YEARS],
    periods: DISCLOSURE_PERIODS_2019,
  });
}

function replyText(reply: DisclosureReply): string {
  const m = machine();
  m.apply({ type: 'reply', actor: OFFICER, reply }, at('2026-03-10'));
  const view = m.view();
  return disclosureDocumentBody(view, view.documents[0]!).join('\n');
}

describe('the wording of disclosure documents', () => {
  it.each([
    ['published', { type: 'published', location: '区政府门户网站财政预决算栏目' }, ['第三十六条第（一）项', '区政府门户网站财政预决算栏目']],
    ['granted', { type: 'granted', content: '明细表一份' }, ['第三十六条第（二）项', '明细表一份', '电子邮件']],
    ['partial', { type: 'partial', content: '拨付总额', refusalReason: 'third_party_rights' }, ['第十五条、第三十七条', '商业秘密、个人隐私', '拨付总额']],
    ['refused', { type: 'refused', refusalReason: 'process_information' }, ['第十六条第二款和第三十六条第（三）项', '过程性信息']],
    ['not_exist', { type: 'not_exist' }, ['第三十六条第（四）项', '未制作或获取']],
    ['not_exist', { type: 'not_exist', notHeldReason: 'needs_creation' }, ['第三十八条', '加工、分析']],
    ['not_responsible', { type: 'not_responsible', responsibleBody: '龙湾区财政局', responsibleContact: '0577-1' }, ['第三十六条第（五）项', '由龙湾区财政局负责公开（联系方式：0577-1）']],
    ['repeated', { type: 'repeated', earlierNumber: '龙政公开〔2026〕第0001号' }, ['第三十六条第（六）项', '龙政公开〔2026〕第0001号']],
    ['other_law', { type: 'other_law', register: '不动产登记资料查询' }, ['第三十六条第（七）项', '不动产登记资料查询']],
  ] as [string, DisclosureReply, string[]][])('writes a %s reply with its legal basis and the appeal rights', (_type, reply, phrases) => {
    const text = replyText(reply);
    for (const phrase of phrases) expect(text).toContain(phrase);
    expect(text).toContain('《中华人民共和国政府信息公开条例》（国务院令第711号）');
    expect(text.endsWith(APPEAL_RIGHTS)).toBe(true);
    expect(APPEAL_RIGHTS).toMatch(/六十日内.*行政复议.*六个月内.*行政诉讼/u);
  });

  it('lists every correction item with the date to correct by, and addresses the third party its letter', () => {
    const m = machine();
    m.apply({ type: 'requestCorrection', actor: OFFICER, items: ['写明文号', '写明项目名称'], correctionDays: 10 }, at('2026-03-03'));
    const notice = disclosureDocumentBody(m.view(), m.view().documents[0]!);
    expect(notice).toEqual(expect.arrayContaining(['1. 写明文号', '2. 写明项目名称']));
    expect(notice.join('')).toContain('二〇二六年三月十七日前');
    m.apply({ type: 'submitCorrection', actor: OFFICER, supplement: '补正' }, at('2026-03-04'));
    m.apply({ type: 'consultThirdParty', actor: OFFICER, thirdParty: '温州某某建设有限公司', matter: '报价' }, at('2026-03-05'));
    const letter = m.view().documents[1]!;
    expect(addresseeOf(m.view(), letter)).toBe('温州某某建设有限公司');
    expect(disclosureDocumentBody(m.view(), letter).join('')).toContain('第三十二条');
  });
});
