// The wording of the documents an application for government information issues (依申请公开文书),
// with the application's facts filled in. Article numbers are those of the regulation the application
// runs under: the 2019 one (国务院令第711号) or the 2008 one (国务院令第492号).
import {
  chinaInstant,
  DISCLOSURE_DELIVERY_NAMES,
  type DisclosureDocument,
  type DisclosureRequestView,
  type DisclosureRules,
  disclosureRulesOf,
  NOT_HELD_TEXT,
  REFUSAL_REASON_TEXT,
  type RefusalReason,
} from '#domain';
import { chineseDate } from './documents/render-document';

/** An article (or paragraph, or item) of the regulation; null where that regulation has none for it. */
type Article = string | null;

interface Articles {
  correction: Article;
  thirdParty: Article;
  extension: Article;
  published: Article;
  granted: Article;
  partial: Article;
  refused: Article;
  notHeld: Article;
  needsCreation: Article;
  unclear: Article;
  notResponsible: Article;
  repeated: Article;
  otherLaw: Article;
  refusal: Record<RefusalReason, Article>;
}

/**
 * Where each step stands in each regulation. The 2008 regulation (国务院令第492号) answers every
 * application under Art. 21 — (一) the way to obtain it, (二) not to be disclosed, (三) not this agency's or
 * not existing, (四) unclear, to be changed or supplemented — with the divisible part in Art. 22, the third
 * party in Art. 23 and the 15 + 15 days in Art. 24 ¶2; it had no article for repeated applications, for
 * information that would need to be made, for special-law registers or for internal and process
 * information: those documents quote no number rather than a wrong one.
 */
const ARTICLES: Record<DisclosureRules, Articles> = {
  '2019': {
    correction: '第三十条',
    thirdParty: '第三十二条',
    extension: '第三十三条第二款',
    published: '第三十六条第（一）项',
    granted: '第三十六条第（二）项',
    partial: '第三十七条',
    refused: '第三十六条第（三）项',
    notHeld: '第三十六条第（四）项',
    needsCreation: '第三十八条',
    unclear: '第三十条',
    notResponsible: '第三十六条第（五）项',
    repeated: '第三十六条第（六）项',
    otherLaw: '第三十六条第（七）项',
    refusal: Object.fromEntries(Object.entries(REFUSAL_REASON_TEXT).map(([reason, text]) => [reason, text.basis])) as Record<RefusalReason, Article>,
  },
  '2008': {
    correction: '第二十一条第（四）项',
    thirdParty: '第二十三条',
    extension: '第二十四条第二款',
    published: '第二十一条第（一）项',
    granted: '第二十一条第（一）项',
    partial: '第二十二条',
    refused: '第二十一条第（二）项',
    notHeld: '第二十一条第（三）项',
    needsCreation: null,
    unclear: '第二十一条第（四）项',
    notResponsible: '第二十一条第（三）项',
    repeated: null,
    otherLaw: null,
    refusal: {
      state_secret: '第十四条',
      prohibited_by_law: null,
      security_stability: '第八条',
      third_party_rights: '第十四条',
      internal_affairs: null,
      process_information: null,
      enforcement_files: null,
      administrative_query: null,
    },
  },
};

/** 「根据《条例》第…的规定，」 — or nothing when the regulation has no article for it. */
function under(law: string, articles: Article[], joiner = '、'): string {
  const cited = articles.filter((a): a is string => a !== null);
  return cited.length === 0 ? '' : `根据${law}${cited.join(joiner)}的规定，`;
}

/** Art. 51: every reply tells the applicant how to challenge it. */
export const APPEAL_RIGHTS = '如对本答复不服，可以自收到本答复之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。';

function day(date: string | null): string {
  return date === null ? '（日期待定）' : chineseDate(new Date(chinaInstant(date, '12:00')));
}

/** Who the document is addressed to: the applicant, or the third party for its letter. */
export function addresseeOf(view: DisclosureRequestView, doc: DisclosureDocument): string {
  if (doc.kind !== 'third-party-letter') return view.applicant.name;
  return consultationOf(view, doc)?.thirdParty ?? view.applicant.name;
}

function consultationOf(view: DisclosureRequestView, doc: DisclosureDocument) {
  const index = doc.key.includes(':') ? Number(doc.key.split(':')[1]) - 1 : 0;
  return view.consultations[index];
}

/** The body paragraphs of one of the application's documents. */
export function disclosureDocumentBody(view: DisclosureRequestView, doc: DisclosureDocument): string[] {
  const law = view.periods.regulation;
  const articles = ARTICLES[disclosureRulesOf(view.periods)];
  const received = day(view.firstReceivedOn);
  const asked = `你（单位）于${received}向本机关提出的政府信息公开申请（登记编号：${view.number}）收悉，申请获取“${view.description}”。`;
  switch (doc.kind) {
    case 'correction-notice': {
      const correction = view.correction!;
      return [
        `${asked}经审查，申请内容不明确，${under(law, [articles.correction])}请你（单位）对以下事项一并作出补正：`,
        ...correction.items.map((item, i) => `${i + 1}. ${item}`),
        `请于${day(correction.dueOn)}前提交补正后的申请。答复期限自本机关收到补正后的申请之日起计算；无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。`,
      ];
    }
    case 'third-party-letter': {
      const consultation = consultationOf(view, doc)!;
      return [
        `本机关于${received}收到政府信息公开申请（登记编号：${view.number}），申请人申请获取“${view.description}”。经审查，该信息公开可能损害你（单位）的合法权益${consultation.matter ? `（${consultation.matter}）` : ''}。`,
        `${under(law, [articles.thirdParty])}现书面征求你（单位）的意见。请于${day(consultation.dueOn)}前提出意见；逾期未提出意见的，由本机关依照条例的规定决定是否公开。`,
      ];
    }
    case 'extension-notice': {
      const extension = view.extension!;
      return [
        `${asked}因${extension.reason}，本机关不能在规定期限内作出答复。经${extension.approvedBy}同意，${under(law, [articles.extension])}答复期限延长${extension.days}个工作日，本机关将于${day(view.dueOn)}前作出答复。`,
      ];
    }
    case 'reply':
      return [asked, ...replyParagraphs(view, law, articles), APPEAL_RIGHTS];
  }
}

function replyParagraphs(view: DisclosureRequestView, law: string, articles: Articles): string[] {
  const reply = view.reply!;
  const paragraphs: string[] = [];
  switch (reply.type) {
    case 'published':
      paragraphs.push(`经审查，你（单位）申请获取的政府信息本机关已经主动公开，${under(law, [articles.published])}告知获取途径如下：${reply.location}。`);
      break;
    case 'granted':
      paragraphs.push(
        `经审查，你（单位）申请获取的政府信息属于公开范围，${under(law, [articles.granted])}本机关予以公开：${reply.content}。本机关按你（单位）选择的${DISCLOSURE_DELIVERY_NAMES[view.delivery]}方式提供。`,
      );
      break;
    case 'partial': {
      const reason = REFUSAL_REASON_TEXT[reply.refusalReason!];
      paragraphs.push(
        `经审查，你（单位）申请获取的政府信息中部分内容${reason.label}，${under(law, [articles.refusal[reply.refusalReason!], articles.partial])}该部分内容不予公开；其余内容予以公开：${reply.content}。本机关按你（单位）选择的${DISCLOSURE_DELIVERY_NAMES[view.delivery]}方式提供。`,
      );
      break;
    }
    case 'refused': {
      const reason = REFUSAL_REASON_TEXT[reply.refusalReason!];
      paragraphs.push(
        `经审查，你（单位）申请获取的政府信息${reason.label}，${under(law, [articles.refusal[reply.refusalReason!], articles.refused], '和')}本机关决定不予公开。`,
      );
      break;
    }
    case 'not_exist': {
      const reason = reply.notHeldReason ?? 'not_held';
      const basis = reason === 'needs_creation' ? articles.needsCreation : reason === 'unclear' ? articles.unclear : articles.notHeld;
      const cited = under(law, [basis]);
      paragraphs.push(`${NOT_HELD_TEXT[reason]}。${cited === '' ? '特此告知。' : `${cited}特此告知。`}`);
      break;
    }
    case 'not_responsible':
      paragraphs.push(
        `经审查，你（单位）申请获取的政府信息不属于本机关负责公开。${under(law, [articles.notResponsible])}告知你（单位）该政府信息由${reply.responsibleBody}负责公开${reply.responsibleContact ? `（联系方式：${reply.responsibleContact}）` : ''}，请向其提出申请。`,
      );
      break;
    case 'repeated':
      paragraphs.push(
        `本机关已就你（单位）提出的政府信息公开申请（登记编号：${reply.earlierNumber}）作出答复，你（单位）重复申请公开相同的政府信息。${under(law, [articles.repeated])}本机关不予重复处理。`,
      );
      break;
    case 'other_law':
      paragraphs.push(
        `你（单位）申请获取的信息，有关法律、行政法规对信息的获取有特别规定：${reply.register}。${under(law, [articles.otherLaw])}请依照有关法律、行政法规的规定办理。`,
      );
      break;
  }
  if (reply.note?.trim()) paragraphs.push(reply.note.trim());
  return paragraphs;
}
