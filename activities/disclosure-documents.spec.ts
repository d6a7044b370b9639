import { DISCLOSURE_PERIODS_2008, DISCLOSURE_PERIODS_2019, type DisclosurePeriods, type DisclosureReply, DisclosureRequestMachine } from '#domain';
import { at, DISCLOSURE_OFFICER as OFFICER, makeDisclosureInput } from '#factories/disclosure';
import { addresseeOf, APPEAL_RIGHTS, disclosureDocumentBody } from './disclosure-documents';

function machine(periods: DisclosurePeriods = DISCLOSURE_PERIODS_2019) {
  return DisclosureRequestMachine.start(makeDisclosureInput({ periods }));
}

function replyText(reply: DisclosureReply, periods?: DisclosurePeriods): string {
  const m = machine(periods);
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
    [
      'not_responsible',
      { type: 'not_responsible', responsibleBody: '龙湾区财政局', responsibleContact: '0577-1' },
      ['第三十六条第（五）项', '由龙湾区财政局负责公开（联系方式：0577-1）'],
    ],
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

  const ARTICLE = /第[一二三四五六七八九十]+条/gu;

  it.each([
    ['published', { type: 'published', location: '区政府门户网站' }, ['第二十一条第（一）项']],
    ['granted', { type: 'granted', content: '明细表一份' }, ['第二十一条第（一）项']],
    ['partial', { type: 'partial', content: '拨付总额', refusalReason: 'third_party_rights' }, ['第十四条、第二十二条']],
    ['refused (state secret)', { type: 'refused', refusalReason: 'state_secret' }, ['第十四条和第二十一条第（二）项']],
    ['refused (process information)', { type: 'refused', refusalReason: 'process_information' }, ['第二十一条第（二）项']],
    ['not_exist', { type: 'not_exist' }, ['第二十一条第（三）项']],
    ['not_exist (needs creation)', { type: 'not_exist', notHeldReason: 'needs_creation' }, []],
    ['not_exist (unclear)', { type: 'not_exist', notHeldReason: 'unclear' }, ['第二十一条第（四）项']],
    ['not_responsible', { type: 'not_responsible', responsibleBody: '龙湾区财政局' }, ['第二十一条第（三）项']],
    ['repeated', { type: 'repeated', earlierNumber: '龙政公开〔2026〕第0001号' }, []],
    ['other_law', { type: 'other_law', register: '不动产登记资料查询' }, []],
  ] as [string, DisclosureReply, string[]][])('under the 2008 rules writes a %s reply quoting only articles of 国务院令第492号', (_type, reply, phrases) => {
    const text = replyText(reply, DISCLOSURE_PERIODS_2008);
    expect(text).not.toContain('第711号');
    for (const phrase of phrases) expect(text).toContain(phrase);
    // Every article quoted is one the 2008 regulation has for it; where it has none, no number at all.
    const quoted = [...text.matchAll(ARTICLE)].map((m) => m[0]);
    expect(quoted.every((a) => ['第八条', '第十四条', '第二十一条', '第二十二条'].includes(a))).toBe(true);
    if (phrases.length === 0) expect(quoted).toEqual([]);
    else expect(text).toContain('《中华人民共和国政府信息公开条例》（国务院令第492号）');
    expect(text.endsWith(APPEAL_RIGHTS)).toBe(true);
  });

  it('under the 2008 rules cites Art. 21 (4) for a correction, Art. 23 for the third party and Art. 24 ¶2 for an extension', () => {
    const m = machine(DISCLOSURE_PERIODS_2008);
    m.apply({ type: 'requestCorrection', actor: OFFICER, items: ['写明文号'] }, at('2026-03-03'));
    m.apply({ type: 'submitCorrection', actor: OFFICER, supplement: '补正' }, at('2026-03-04'));
    m.apply({ type: 'consultThirdParty', actor: OFFICER, thirdParty: '某公司' }, at('2026-03-05'));
    m.apply({ type: 'recordThirdPartyOpinion', actor: OFFICER, opinion: 'agree' }, at('2026-03-06'));
    m.apply({ type: 'extend', actor: OFFICER, reason: '需调取档案', approvedBy: '主任' }, at('2026-03-09'));
    const [notice, letter, extension] = m.view().documents.map((d) => disclosureDocumentBody(m.view(), d).join(''));
    expect(notice).toContain('国务院令第492号）第二十一条第（四）项的规定');
    expect(letter).toContain('国务院令第492号）第二十三条的规定');
    expect(extension).toContain('国务院令第492号）第二十四条第二款的规定，答复期限延长15个工作日');
    for (const text of [notice, letter, extension]) expect(text).not.toMatch(/第三十[0-9一二三四五六七八九]*条/u);
  });
});
