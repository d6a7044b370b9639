// The wording of each kind of document (文书), by title, with the case's facts filled in.
// Titles not listed fall back to a neutral notice.
import { CASE_DOCUMENT_TITLES, DECISION_DOCUMENT_TITLES } from '#domain';

export interface TemplateFacts {
  applicantName: string;
  itemName: string;
  itemCode: string;
  caseNumber: string;
  receivedOn: string;
  opinion: string;
}

type Template = (facts: TemplateFacts) => string[];

const TEMPLATES: Record<string, Template> = {
  [CASE_DOCUMENT_TITLES.accept]: (f) => [
    `你（单位）于${f.receivedOn}提出的“${f.itemName}”申请，经审查，申请材料齐全、符合法定形式，根据《中华人民共和国行政许可法》第三十二条的规定，本机关决定予以受理。`,
    `本机关将在承诺期限内作出决定。你（单位）可凭办件编号 ${f.caseNumber} 在网上办事大厅查询办理进度。`,
  ],
  [CASE_DOCUMENT_TITLES.reject]: (f) => [
    `你（单位）于${f.receivedOn}提出的“${f.itemName}”申请，经审查，${f.opinion || '不符合受理条件'}。根据《中华人民共和国行政许可法》第三十二条的规定，本机关决定不予受理。`,
    '如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。',
  ],
  [DECISION_DOCUMENT_TITLES.approved]: (f) => [
    `你（单位）于${f.receivedOn}提出的“${f.itemName}”（事项编码 ${f.itemCode}）申请，经审查，符合法定条件、标准。根据《中华人民共和国行政许可法》第三十八条第一款的规定，本机关决定准予行政许可。`,
  ],
  [DECISION_DOCUMENT_TITLES.denied]: (f) => [
    `你（单位）于${f.receivedOn}提出的“${f.itemName}”（事项编码 ${f.itemCode}）申请，经审查，不符合法定条件、标准。根据《中华人民共和国行政许可法》第三十八条第二款的规定，本机关决定不予行政许可。`,
    '如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。',
  ],
  [CASE_DOCUMENT_TITLES.deliver]: (f) => [`本机关已将“${f.itemName}”办理结果文书送达你（单位），办件编号 ${f.caseNumber}。`],
};

/** The body paragraphs of a document; the opinion and decision lines are the renderer's. */
export function documentBody(title: string, facts: TemplateFacts): string[] {
  const template = TEMPLATES[title];
  return template ? template(facts) : [`你（单位）提出的“${facts.itemName}”申请，本机关已依法办理。`];
}
